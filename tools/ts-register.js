// Runs TypeScript sources in Node without type-checking them: each `.ts` file is transpiled by swc
// the first time it is required, and the result is cached on disk (by content hash) so that later
// runs do not even load swc. Type-checking is `npm run typecheck` (part of `npm test`).
// This replaces the cdktf template's `npx ts-node main.ts`, which type-checks the whole program on
// every synth and costs seconds before the first construct exists.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "ts-register");
const OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: "inline",
};
const OPTIONS_KEY = JSON.stringify(OPTIONS);

let swc;
function transpile(source, filename) {
  swc ??= require("@swc/core");
  return swc.transformSync(source, { ...OPTIONS, filename }).code;
}

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto.createHash("sha1").update(OPTIONS_KEY).update(filename).update(source).digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, "utf8");
  } catch {
    code = transpile(source, filename);
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, code);
      fs.renameSync(`${cached}.${process.pid}`, cached);
    } catch {
      // A read-only checkout still runs, uncached.
    }
  }
  module._compile(code, filename);
};

// What cdktf gets of its dependencies, and what it changes in cdktf itself: see cdktf-speedups.cjs.
const speedups = require("./cdktf-speedups.cjs");
const Module = require("module");
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const original = () => load.call(this, request, parent, isMain);
  return speedups.cdktfDependency(request, parent?.filename, original) ?? original();
};
speedups.installCdktfSpeedups();
