import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { configSchema, importSetFile, loadConfig, parseConfig } from "../src/config";
import { withDefinitions } from "../src/inputs/schema";
import { ValidationError } from "../src/private/errors";
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
      `[IN21] x.json: 'batch.serviceRole.roleNme' is "x"; must be left out: the known keys here are create, adopt, existingRoleArn, roleName, roleNamePrefix, path, description, permissionsBoundary, maxSessionDuration, tags, exclusivePolicies, sourceAccountId, serviceLinked`,
    ],
    [
      { ecs: {} },
      `[IN21] x.json: 'ecs' is {}; must be left out: the known keys here are $schema, batch, ecsFargate, importSet, backend, accounts`,
    ],
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
      `[IN20] x.json: 'ecsFargate.tags' is {"a":1}; must be a map of strings: at most 50 tags; keys of 1 to 128 characters, not starting with "aws:", no two alike whatever their case (IAM compares keys so), and values of at most 256, each character a letter, digit, space or one of _.:/=+-@`,
    ],
    [
      { batch: [] },
      `[IN20] x.json: 'batch' is []; must be an object with the keys path, permissionsBoundary, tags, sourceAccountId, exclusivePolicies, serviceRole, instanceRole, executionRole, spotFleetRole`,
    ],
    [[], `[IN20] x.json: '(top level)' is []; must be an object with the keys $schema, batch, ecsFargate, importSet, backend, accounts`],
    // Keys an object inherits are no settings: they are refused as unknown, like any other.
    [
      JSON.parse('{"batch": {"constructor": {}}}'),
      `[IN21] x.json: 'batch.constructor' is {}; must be left out: the known keys here are path, permissionsBoundary, tags, sourceAccountId, exclusivePolicies, serviceRole, instanceRole, executionRole, spotFleetRole`,
    ],
    [
      JSON.parse('{"batch": {"toString": "x"}}'),
      `[IN21] x.json: 'batch.toString' is "x"; must be left out: the known keys here are path, permissionsBoundary, tags, sourceAccountId, exclusivePolicies, serviceRole, instanceRole, executionRole, spotFleetRole`,
    ],
    [
      JSON.parse('{"__proto__": {"batch": {}}}'),
      `[IN21] x.json: '__proto__' is {"batch":{}}; must be left out: the known keys here are $schema, batch, ecsFargate, importSet, backend, accounts`,
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
      `[IN23] ${file}: 'ecsFargate.executionRole.roleName' is given twice; must be given once: JSON keeps only the last of two values`,
      `[IN23] ${file}: 'batch' is given twice; must be given once: JSON keeps only the last of two values`,
    ]);
  });

  test("$schema names the file's schema for editors", () => {
    expect(parseConfig({ $schema: "./iam.config.schema.json" }, "x.json")).toEqual({ batch: {}, ecsFargate: {} });
  });

  test("the schema writes each section once: the file's batch and ecsFargate sections and each account's refer to one definition", () => {
    const schema = configSchema() as { definitions: Record<string, unknown>; properties: Record<string, any> };
    expect(schema.properties.batch).toEqual({ $ref: "#/definitions/batch" });
    expect(schema.properties.accounts.items.properties.batch).toEqual({ $ref: "#/definitions/batch" });
    expect(schema.properties.accounts.items.properties.ecsFargate).toEqual(schema.properties.ecsFargate);
    // The committed file: each place keeps its own description beside the shared definition.
    const file = JSON.parse(readFileSync("iam.config.schema.json", "utf8"));
    expect(file.properties.accounts.items.properties.batch).toEqual({
      description: expect.stringMatching(/^Settings of this account's `batch` stack/),
      allOf: [{ $ref: "#/definitions/batch" }],
    });
  });

  test("withDefinitions: a shape repeated (whatever its descriptions) is defined once, the largest first; a schema without one is unchanged", () => {
    const leaf = { type: "object", additionalProperties: false, properties: { name: { type: "string" } } };
    const section = { type: "object", properties: { a: { ...leaf, description: "A" }, b: leaf } };
    const schema = { type: "object", properties: { one: section, two: { ...section, description: "Two" }, three: leaf } };
    expect(withDefinitions(schema)).toEqual({
      type: "object",
      properties: {
        one: { $ref: "#/definitions/one" },
        two: { description: "Two", allOf: [{ $ref: "#/definitions/one" }] },
        three: { $ref: "#/definitions/three" },
      },
      definitions: {
        one: {
          type: "object",
          properties: { a: { description: "A", allOf: [{ $ref: "#/definitions/three" }] }, b: { $ref: "#/definitions/three" } },
        },
        three: { type: "object", additionalProperties: false, properties: { name: { type: "string" } } },
      },
    });
    expect(withDefinitions(section.properties.a)).toEqual(section.properties.a);
    expect(withDefinitions({ type: "object", properties: { one: leaf } })).toEqual({ type: "object", properties: { one: leaf } });
  });

  test("a missing or malformed file is named", () => {
    const dir = tempDir("config-");
    expect(errorOf(() => loadConfig(join(dir, "none.json")))).toMatch(/none\.json: cannot be read/);
    writeFileSync(join(dir, "bad.json"), "{ nope");
    expect(errorOf(() => loadConfig(join(dir, "bad.json")))).toBe(
      `[IN24] ${join(dir, "bad.json")}:1:3: is not JSON: expected a key in double quotes or a value (an object, list, string, number, true, false or null), found "nope"`,
    );
  });

  /** What loading `content` (text, or bytes) reports, with the file's path as `F`. */
  function loaded(content: string | Buffer): string {
    const file = join(tempDir("config-"), "iam.config.json");
    writeFileSync(file, content);
    return errorOf(() => loadConfig(file))
      .split(file)
      .join("F");
  }

  test.each<[string, string | Buffer, string]>([
    [
      "a 0-byte file",
      "",
      "[IN24] F:1:1: is not JSON: expected a value (JSON allows no comma after the last element, and no empty file: write {} for all defaults), found the end of the file",
    ],
    [
      "a trailing comma",
      '{\n  "batch": {},\n}',
      '[IN24] F:3:1: is not JSON: expected a key in double quotes (JSON allows no comma after the last member, and no unquoted keys), found "}"',
    ],
    ["a comment", "{\n  // the defaults\n}", '[IN24] F:2:3: is not JSON: expected no comment (JSON has none), found "// the defaults"'],
    [
      "a truncated file",
      '{\n  "batch": {\n    "serviceRole": {',
      "[IN24] F:3:21: is not JSON: expected a comma or the closing brace }, found the end of the file",
    ],
    ["two values", "{} {}", '[IN24] F:1:4: is not JSON: expected the end of the file after the value, found "{"'],
    [
      "a missing comma on line 3, after a non-ASCII character",
      '{\n  "batch": { "executionRole": { "roleName": "é" }\n  "ecsFargate": {} } }',
      '[IN24] F:3:3: is not JSON: expected a comma between members, found "\\"ecsFargate\\""',
    ],
    [
      "UTF-16 LE with its mark",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("{}", "utf16le")]),
      "[IN24] F: is UTF-16 LE text; must be UTF-8 (save it as UTF-8)",
    ],
    [
      "UTF-16 BE with its mark",
      Buffer.from([0xfe, 0xff, 0, 0x7b, 0, 0x7d]),
      "[IN24] F: is UTF-16 BE text; must be UTF-8 (save it as UTF-8)",
    ],
    ["UTF-16 LE without a mark", Buffer.from("{}", "utf16le"), "[IN24] F: is UTF-16 LE text; must be UTF-8 (save it as UTF-8)"],
    [
      "UTF-32 LE with its mark",
      Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]),
      "[IN24] F: is UTF-32 LE text; must be UTF-8 (save it as UTF-8)",
    ],
    [
      "Latin-1 bytes",
      Buffer.from('{\n "batch": { "executionRole": { "description": "caf\xe9" } } }', "latin1"),
      "[IN24] F:2:51: is not UTF-8 text (byte 0xe9); must be UTF-8",
    ],
    [
      "JSON nested 10,000 levels",
      "[".repeat(10000) + "]".repeat(10000),
      "[IN24] F:1:65: nests deeper than 64 levels; no input nests more than a few",
    ],
    [
      "a number beyond JSON's",
      '{ "batch": { "serviceRole": { "maxSessionDuration": 1e309 } } }',
      "[IN20] F: 'batch.serviceRole.maxSessionDuration' is 1e309; must be a number JSON can hold: this one is beyond ±1.8e308 and would be read as infinity",
    ],
  ])("%s is one line that names the file, the place and what was expected", (_, content, expected) => {
    expect(loaded(content)).toBe(expected);
  });

  test("importSet: a relative path is relative to the configuration file, an absolute one is taken as it is", () => {
    expect(importSetFile("teams/web/iam.config.json", "iam.imports.json")).toBe("teams/web/iam.imports.json");
    expect(importSetFile("teams/web/iam.config.json", "/srv/imports/web.json")).toBe("/srv/imports/web.json");
    expect(importSetFile("iam.config.json", "../shared/imports.json")).toBe("../shared/imports.json");
  });

  test("UTF-8 with a byte order mark is read, as JSON allows", () => {
    const file = join(tempDir("config-"), "bom.json");
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "batch": {} }')]));
    expect(loadConfig(file)).toEqual({ batch: {}, ecsFargate: {} });
  });

  test("a file over 4 MiB is refused by its size, unread", () => {
    expect(loaded(`{"batch":{}${" ".repeat(4 * 1024 * 1024)}}`)).toBe("[IN24] F: is 4,194,316 bytes; must be at most 4,194,304");
  });

  // Malformed files of every kind, made from the committed configuration: whatever the loader
  // meets, it answers with findings (one line each, with a code) and never a JavaScript error.
  test("fuzz: truncated, spliced, binary, BOMs, nested: only findings, never a JavaScript error", () => {
    const good = readFileSync("iam.config.json");
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const variants: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.from(good);
      switch (i % 6) {
        case 0:
          variants.push(bytes.subarray(0, random(bytes.length)));
          break;
        case 1:
          for (let k = 0; k < 3; k++) bytes[random(bytes.length)] = random(256);
          variants.push(bytes);
          break;
        case 2:
          variants.push(
            Buffer.concat([
              bytes.subarray(0, random(bytes.length)),
              Buffer.from("[{".repeat(random(200))),
              bytes.subarray(random(bytes.length)),
            ]),
          );
          break;
        case 3:
          variants.push(
            Buffer.concat([
              Buffer.from(
                [
                  [0xef, 0xbb, 0xbf],
                  [0xff, 0xfe],
                  [0xfe, 0xff],
                  [0, 0],
                ][random(4)],
              ),
              bytes,
            ]),
          );
          break;
        case 4:
          variants.push(Buffer.from(Array.from({ length: random(2000) }, () => random(256))));
          break;
        default:
          variants.push(Buffer.from(bytes.toString("utf8").replace(/[,:"]/, ["", ";", "'"][random(3)])));
      }
    }
    for (const content of variants) {
      const file = join(tempDir("fuzz-"), "iam.config.json");
      writeFileSync(file, content);
      let thrown: unknown;
      try {
        loadConfig(file);
      } catch (error) {
        thrown = error;
      }
      if (thrown === undefined) continue;
      expect(thrown).toBeInstanceOf(ValidationError);
      for (const line of (thrown as ValidationError).findings) expect(line).toMatch(/^\[IN\d+\] \S/);
    }
  });
});
