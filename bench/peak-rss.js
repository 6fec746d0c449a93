// Preloaded into every Node process a benchmark starts (NODE_OPTIONS=--require): on exit, appends
// the process's peak resident set size (KiB) to the file BENCH_RSS_FILE names.
"use strict";
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      require("fs").appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Measuring must never break the measured program.
    }
  });
}
