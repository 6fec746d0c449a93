import { execFileSync } from "child_process";
import { join } from "path";
import * as library from "../src";

const ROOT = join(__dirname, "..");

// The package root (src/index.ts, lib/index.js once built) exports its public API name by name:
// a new export is a decision, made here too, not a module's internals leaking through `export *`.
test("the package root exports exactly its public values", () => {
  expect(Object.keys(library).sort()).toEqual(
    [
      "BatchServiceLinkedRole",
      "BatchServiceRole",
      "BatchSetup",
      "BatchStack",
      "EcsFargateSetup",
      "EcsFargateStack",
      "EcsInfrastructureRole",
      "EcsInstanceRole",
      "POLICY_CHECKS",
      "ROLE_INPUTS",
      "ReadableStack",
      "RoleBase",
      "SpotFleetRole",
      "TaskExecutionRole",
      "TaskRole",
      "ValidationError",
      "applyImportSet",
      "checkRole",
      "claimsOf",
      "loadImportSet",
      "permissionsReport",
      "rules",
    ].sort(),
  );
});

// Importing a construct loads none of the app's dependencies: the IAM SDK (the audit), the JSON
// Schema validator and the JSONC parser (the configuration file). Checked in a fresh process, whose
// module cache holds only what the import loaded; then, to show that the check sees them, what the
// configuration loader and the audit load.
test("importing the package root loads neither the AWS SDK, nor Ajv, nor the JSONC parser", () => {
  const script = [
    "const loaded = () => Object.keys(require.cache).map((f) => (/node_modules\\/(@aws-sdk\\/client-iam|ajv|jsonc-parser)\\//.exec(f) || [])[1]).filter(Boolean);",
    "require('./src/index.ts');",
    "const root = [...new Set(loaded())];",
    "require('./src/config.ts'); require('./src/audit/index.ts');",
    "console.log(JSON.stringify({ root, app: [...new Set(loaded())].sort() }));",
  ].join("\n");
  const output = execFileSync(process.execPath, ["--require", "./tools/ts-register.js", "-e", script], { cwd: ROOT, encoding: "utf8" });
  const { root, app } = JSON.parse(output.trim().split("\n").pop()!);
  expect(root).toEqual([]);
  expect(app).toEqual(expect.arrayContaining(["@aws-sdk/client-iam", "jsonc-parser"]));
});
