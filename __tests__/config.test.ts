import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadConfig, parseConfig } from "../src/config";
import { errorOf } from "./helpers/synth";

describe("iam.config.json", () => {
  test("the committed file reproduces the seeds, with the Batch execution role renamed to avoid the clash", () => {
    const config = loadConfig("iam.config.json");
    expect(config.batch.serviceRole?.roleName).toBe("AWSBatchServiceRole");
    expect(config.batch.instanceRole).toEqual({ roleName: "ecsInstanceRole", instanceProfileName: "ecsInstanceRole" });
    expect(config.batch.executionRole?.roleName).toBe("batchTaskExecutionRole");
    expect(config.ecsFargate.executionRole?.roleName).toBe("ecsTaskExecutionRole");
  });

  test("missing sections mean the stacks' defaults", () => {
    expect(parseConfig({}, "x.json")).toEqual({ batch: {}, ecsFargate: {} });
  });

  test.each([
    [
      { batch: { serviceRole: { roleNme: "x" } } },
      `x.json: 'batch.serviceRole.roleNme' is "x"; must be left out: the known keys here are create, existingRoleArn, roleName, roleNamePrefix, path, description, permissionsBoundary, maxSessionDuration, tags, sourceAccountId`,
    ],
    [{ ecs: {} }, `x.json: 'ecs' is {}; must be left out: the known keys here are batch, ecsFargate`],
    [
      { batch: { instanceRole: { maxSessionDuration: "3600" } } },
      `x.json: 'batch.instanceRole.maxSessionDuration' is "3600"; must be a number`,
    ],
    [
      { ecsFargate: { executionRole: { secrets: { secretArns: "arn" } } } },
      `x.json: 'ecsFargate.executionRole.secrets.secretArns' is "arn"; must be a string list`,
    ],
    [{ ecsFargate: { tags: { a: 1 } } }, `x.json: 'ecsFargate.tags' is {"a":1}; must be a string map`],
    [
      { batch: [] },
      `x.json: 'batch' is []; must be an object with the keys path, permissionsBoundary, tags, sourceAccountId, serviceRole, instanceRole, executionRole`,
    ],
    [[], `x.json: '(top level)' is []; must be an object with the keys batch, ecsFargate`],
  ])("refuses %j", (config, message) => {
    expect(errorOf(() => parseConfig(config, "x.json"))).toBe(message);
  });

  test("a missing or malformed file is named", () => {
    const dir = mkdtempSync(join(tmpdir(), "config-"));
    expect(errorOf(() => loadConfig(join(dir, "none.json")))).toMatch(/none\.json: cannot be read/);
    writeFileSync(join(dir, "bad.json"), "{ nope");
    expect(errorOf(() => loadConfig(join(dir, "bad.json")))).toMatch(/bad\.json: is not valid JSON/);
  });
});
