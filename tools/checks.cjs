// `npm test`'s first step: the type check, the lint and the staleness check of the generated files,
// side by side, each with its own output; fails when any does.
"use strict";
const { spawn } = require("child_process");

const run = (name, command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], shell: false });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ name, code, output }));
  });

// The tools' own entry points, run by this Node: no npx start-up for each.
const bin = (pkg, file) => require("path").join(__dirname, "..", "node_modules", pkg, file);
Promise.all([
  run("tsc --noEmit", process.execPath, [bin("typescript", "bin/tsc"), "--noEmit"]),
  run("eslint .", process.execPath, [bin("eslint", "bin/eslint.js"), "."]),
  run("prettier --check", process.execPath, [bin("prettier", "bin/prettier.cjs"), "--check", "**/*.{ts,js,cjs,mjs}"]),
  run("npm run generate -- --check", process.execPath, ["--require", "./tools/ts-register.js", "tools/generate.ts", "--check"]),
]).then((results) => {
  for (const { name, code, output } of results) {
    process.stdout.write(`${code === 0 ? "ok" : "FAILED"}: ${name}\n`);
    if (code !== 0) process.stdout.write(output);
  }
  process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
});
