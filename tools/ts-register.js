// Runs TypeScript sources in Node without type-checking them: each `.ts` file is
// transpiled by swc the moment it is required. Type-checking is `npm run typecheck`.
// This replaces the cdktf template's `npx ts-node main.ts`, which type-checks the
// whole program on every synth and costs seconds before the first construct exists.
"use strict";
const fs = require("fs");
const { transformSync } = require("@swc/core");

const options = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  module: { type: "commonjs" },
  sourceMaps: "inline",
};

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
