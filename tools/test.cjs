// `npm test`: the checks (the type check, the lint, the staleness check of the generated files) and
// jest (the unit tests, then Terraform end to end), all started at once: the machine's cores are
// busier than when the checks ran first. jest prints as it goes; each check's result ("ok", or
// "FAILED" and its output) follows jest's. Fails when any fails. Arguments go to jest.
"use strict";
const { spawn } = require("child_process");
const { join } = require("path");

/** Runs a command and collects its output. */
const collect = (name, command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ name, code, output }));
  });

// The tools' own entry points, run by this Node: no npx start-up for each.
const bin = (pkg, file) => join(__dirname, "..", "node_modules", pkg, file);
const checks = Promise.all([
  collect("tsc --noEmit", process.execPath, [bin("typescript", "bin/tsc"), "--noEmit"]),
  collect("eslint .", process.execPath, [bin("eslint", "bin/eslint.js"), "."]),
  collect("prettier --check", process.execPath, [bin("prettier", "bin/prettier.cjs"), "--check", "**/*.{ts,js,cjs,mjs}"]),
  collect("npm run generate -- --check", process.execPath, ["--require", "./tools/ts-register.js", "tools/generate.ts", "--check"]),
]);
const jest = new Promise((resolve) =>
  spawn(process.execPath, [bin("jest", "bin/jest.js"), ...process.argv.slice(2)], { stdio: "inherit" }).on("close", resolve),
);

Promise.all([checks, jest]).then(([results, jestCode]) => {
  for (const { name, code, output } of results) {
    process.stdout.write(`${code === 0 ? "ok" : "FAILED"}: ${name}\n`);
    if (code !== 0) process.stdout.write(output);
  }
  process.exitCode = jestCode === 0 && results.every((r) => r.code === 0) ? 0 : 1;
});
