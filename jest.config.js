// Tests run on TypeScript transpiled by swc, without type-checking (that is `npm run typecheck`).
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
  // Two workers on two cores: unit suites and one suite's Terraform or npm waits overlap with another's work.
  maxWorkers: 2,
  // Terraform plans take seconds; unit tests take milliseconds.
  testTimeout: 120000,
};
