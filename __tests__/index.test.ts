import * as library from "../src";

// The package root (src/index.ts, lib/index.js once built) exports its public API name by name:
// a new export is a decision, made here too, not a module's internals leaking through `export *`.
test("the package root exports exactly its public values", () => {
  expect(Object.keys(library).sort()).toEqual(
    [
      "BatchServiceRole",
      "BatchSetup",
      "BatchStack",
      "EcsFargateSetup",
      "EcsFargateStack",
      "EcsInstanceRole",
      "POLICY_CHECKS",
      "ROLE_INPUTS",
      "ReadableStack",
      "RoleBase",
      "TaskExecutionRole",
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
