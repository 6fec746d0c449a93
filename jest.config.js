// Tests run on TypeScript transpiled by swc, without type-checking (that is `npm run typecheck`).
const { availableParallelism } = require("os");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // cdktf's archiver, loaded only if something archives (nothing here does): see the file.
  // A speed-up of tools/cdktf-speedups.cjs: only where those are on.
  moduleNameMapper: require("./tools/cdktf-speedups.cjs").speedupsOn() ? { "^archiver$": "<rootDir>/tools/lazy-archiver.cjs" } : {},
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  // One `terraform init` from the offline provider mirror, shared by every end-to-end test.
  globalSetup: "<rootDir>/__tests__/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/helpers/global-teardown.ts",
  // Two workers per core: the end-to-end files mostly wait on their child processes (Terraform,
  // the AWS provider's waiters, moto, the cdktf CLI), so that one file's waits overlap another's
  // work. The Terraform commands they run are sized to the cores apart from this: at most
  // TERRAFORM_SLOTS at once over all workers (__tests__/helpers/slots.ts). The unit tests alone
  // (`npm run test:unit`) wait on nothing: one worker per core (package.json).
  maxWorkers: Math.max(2, 2 * availableParallelism()),
  // The file whose waits no core shortens first, then the other end-to-end files, then the units.
  testSequencer: "<rootDir>/__tests__/helpers/sequencer.cjs",
  // A guard against a test that hangs, nothing more: far above what a busy machine makes of the
  // slowest test (about two minutes on an idle one). No test or hook has a timeout of its own, and
  // none waits for a time: each waits for an event (a process's exit, a line of its output, a call
  // reaching the account), so that load only makes it slower.
  testTimeout: 60 * 60 * 1000,
};
