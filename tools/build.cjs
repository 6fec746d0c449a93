// `npm run build` (and `prepare`): the library as TypeScript compiles it into lib/, and the
// generated JavaScript sources beside it (src/**/*.generated.js: the configuration's validator,
// which is JavaScript so that TypeScript never analyses it, and which tsc does not copy).
"use strict";
const { spawnSync } = require("child_process");
const { cpSync, readdirSync } = require("fs");
const { join, sep } = require("path");

const root = join(__dirname, "..");
const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
for (const file of readdirSync(join(root, "src"), { recursive: true })) {
  if (!String(file).endsWith(".generated.js")) continue;
  cpSync(join(root, "src", String(file)), join(root, "lib", String(file).split(sep).join("/")));
}
