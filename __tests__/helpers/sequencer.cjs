// The order jest starts the test files in. Jest's own starts the files that failed last time first,
// then the slowest; a run is over when its longest chain of waits is, so here:
// 1. the file whose length no core shortens: modules-apply, whose job queue keeps Terraform
//    waiting 30 s after creating it and 30 s after each of the two calls that delete it;
// 2. the other end-to-end files, the slowest (last time) first, so that their waits overlap;
// 3. the unit files, which fill the cores in between.
// A fresh clone, with no durations yet, takes the larger files first within each group.
"use strict";
const Sequencer = require("@jest/test-sequencer").default;
const { statSync } = require("fs");

const FIRST = ["e2e/modules-apply.e2e.test.ts"];

class CriticalPathFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const first = FIRST.findIndex((name) => test.path.endsWith(name));
      if (first >= 0) return first;
      return FIRST.length + (/\.e2e\.test\.ts$/.test(test.path) ? 0 : 1);
    };
    const duration = (test) => this.time(test) ?? -1;
    const size = (test) => {
      try {
        return statSync(test.path).size;
      } catch {
        return 0;
      }
    };
    return [...tests].sort((a, b) => rank(a) - rank(b) || duration(b) - duration(a) || size(b) - size(a));
  }
}

module.exports = CriticalPathFirst;
