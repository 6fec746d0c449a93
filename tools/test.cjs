// `npm test`: the checks (the type check, the lint, the staleness check of the generated files) and
// jest (the unit tests, then Terraform end to end), all started at once: the machine's cores are
// busier than when the checks ran first. jest prints as it goes; each check's result ("ok", or
// "FAILED" and its output) follows jest's. Fails when any fails. Arguments go to jest.
"use strict";
const { spawn } = require("child_process");
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require("fs");
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

// As tsc keeps its build info there (tsconfig.json), the lint and the format check keep what they
// found of each file under node_modules/.cache/, keyed by the file's content and the settings:
// a file that did not change is not parsed again. A fresh clone has no cache and checks all.
// ESLint's key holds the settings but not the code of our own rules: their files name the folder.
const rulesVersion = require("crypto")
  .createHash("sha1")
  .update(["eslint.config.mjs", "tools/eslint-rules.cjs"].map((f) => readFileSync(join(__dirname, "..", f))).join("\0"))
  .digest("hex")
  .slice(0, 12);
const ESLINT_CACHE = ["--cache", "--cache-strategy", "content", "--cache-location", `node_modules/.cache/eslint/${rulesVersion}/`];
const PRETTIER_CACHE = ["--cache", "--cache-strategy", "content", "--cache-location", "node_modules/.cache/prettier/.prettier-cache"];

// The type check runs in tsc's build mode, which does nothing when no source changed since the
// build info (tsconfig.json keeps it under node_modules/.cache/) was written, errors included.
// It compares the sources' times only: the build info is dropped when the installed versions
// change (npm ci removes it with node_modules/ anyway).
const buildInfo = join(__dirname, "..", "node_modules", ".cache", "tsconfig.tsbuildinfo");
const installed = join(__dirname, "..", "node_modules", ".package-lock.json");
const installedStamp = `${buildInfo}.installed`;
const installedNow = existsSync(installed) ? readFileSync(installed, "utf8") : "";
if (!existsSync(installedStamp) || readFileSync(installedStamp, "utf8") !== installedNow) {
  rmSync(buildInfo, { force: true });
  mkdirSync(join(buildInfo, ".."), { recursive: true });
  writeFileSync(installedStamp, installedNow);
}

// The tools' own entry points, run by this Node: no npx start-up for each.
const bin = (pkg, file) => join(__dirname, "..", "node_modules", pkg, file);
const checks = Promise.all([
  collect("tsc --build (the type check)", process.execPath, [bin("typescript", "bin/tsc"), "--build"]),
  collect("eslint .", process.execPath, [bin("eslint", "bin/eslint.js"), ...ESLINT_CACHE, "."]),
  collect("prettier --check", process.execPath, [
    bin("prettier", "bin/prettier.cjs"),
    ...PRETTIER_CACHE,
    "--check",
    "**/*.{ts,js,cjs,mjs}",
  ]),
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
