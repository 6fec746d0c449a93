import { writeFileSync } from "fs";
import { join } from "path";
import { loadConfig, parseConfig } from "../src/config";
import { errorOf } from "./helpers/synth";
import { tempDir } from "./helpers/terraform";

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
      `[IN21] x.json: 'batch.serviceRole.roleNme' is "x"; must be left out: the known keys here are create, adopt, existingRoleArn, roleName, roleNamePrefix, path, description, permissionsBoundary, maxSessionDuration, tags, exclusivePolicies, sourceAccountId`,
    ],
    [{ ecs: {} }, `[IN21] x.json: 'ecs' is {}; must be left out: the known keys here are $schema, batch, ecsFargate, importSet`],
    [
      { batch: { instanceRole: { maxSessionDuration: "3600" } } },
      `[IN20] x.json: 'batch.instanceRole.maxSessionDuration' is "3600"; must be a number: a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)`,
    ],
    [
      { ecsFargate: { executionRole: { ecrPullRestriction: { vpcIds: "vpc-12345678" } } } },
      `[IN20] x.json: 'ecsFargate.executionRole.ecrPullRestriction.vpcIds' is "vpc-12345678"; must be a list of strings: a VPC id: "vpc-" and 8 or 17 lowercase hex digits`,
    ],
    [
      { ecsFargate: { tags: { a: 1 } } },
      `[IN20] x.json: 'ecsFargate.tags' is {"a":1}; must be a map of strings: at most 50 tags; keys of 1 to 128 characters, not starting with "aws:", and values of at most 256, each character a letter, digit, space or one of _.:/=+-@`,
    ],
    [
      { batch: [] },
      `[IN20] x.json: 'batch' is []; must be an object with the keys path, permissionsBoundary, tags, sourceAccountId, exclusivePolicies, serviceRole, instanceRole, executionRole`,
    ],
    [[], `[IN20] x.json: '(top level)' is []; must be an object with the keys $schema, batch, ecsFargate, importSet`],
    // Keys an object inherits are no settings: they are refused as unknown, like any other.
    [
      JSON.parse('{"batch": {"constructor": {}}}'),
      `[IN21] x.json: 'batch.constructor' is {}; must be left out: the known keys here are path, permissionsBoundary, tags, sourceAccountId, exclusivePolicies, serviceRole, instanceRole, executionRole`,
    ],
    [
      JSON.parse('{"batch": {"toString": "x"}}'),
      `[IN21] x.json: 'batch.toString' is "x"; must be left out: the known keys here are path, permissionsBoundary, tags, sourceAccountId, exclusivePolicies, serviceRole, instanceRole, executionRole`,
    ],
    [
      JSON.parse('{"__proto__": {"batch": {}}}'),
      `[IN21] x.json: '__proto__' is {"batch":{}}; must be left out: the known keys here are $schema, batch, ecsFargate, importSet`,
    ],
  ])("refuses %j, naming the key path", (config, message) => {
    expect(errorOf(() => parseConfig(config, "x.json"))).toBe(message);
  });

  test("every problem of a file is reported at once, one line each", () => {
    const config = {
      batch: { path: "x", serviceRole: { roleNme: "a" } },
      ecsFargate: { executionRole: { secrets: { secretArns: ["bad"] } } },
    };
    expect(errorOf(() => parseConfig(config, "x.json")).split("\n")).toEqual([
      expect.stringMatching(/^\[IN4\] x\.json: 'batch\.path' is "x"; must be "\/"/),
      expect.stringMatching(/^\[IN21\] x\.json: 'batch\.serviceRole\.roleNme' is "a"; must be left out/),
      expect.stringMatching(
        /^\[IN10\] x\.json: 'ecsFargate\.executionRole\.secrets\.secretArns\[0\]' is "bad"; must be a Secrets Manager secret ARN/,
      ),
    ]);
  });

  test("a key given twice is refused: JSON would keep only the last value", () => {
    const dir = tempDir("config-");
    const file = join(dir, "twice.json");
    writeFileSync(file, '{ "ecsFargate": { "executionRole": { "roleName": "a", "roleName": "b" } }, "batch": {}, "batch": {} }');
    expect(errorOf(() => loadConfig(file)).split("\n")).toEqual([
      `[IN23] ${file}: 'ecsFargate.executionRole.roleName' is "roleName"; must be given once: JSON keeps only the last of two values`,
      `[IN23] ${file}: 'batch' is "batch"; must be given once: JSON keeps only the last of two values`,
    ]);
  });

  test("$schema names the file's schema for editors", () => {
    expect(parseConfig({ $schema: "./iam.config.schema.json" }, "x.json")).toEqual({ batch: {}, ecsFargate: {} });
  });

  test("a missing or malformed file is named", () => {
    const dir = tempDir("config-");
    expect(errorOf(() => loadConfig(join(dir, "none.json")))).toMatch(/none\.json: cannot be read/);
    writeFileSync(join(dir, "bad.json"), "{ nope");
    expect(errorOf(() => loadConfig(join(dir, "bad.json")))).toMatch(/bad\.json: is not valid JSON/);
  });
});
