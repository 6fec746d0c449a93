import { deploymentsOf, parseConfig } from "../../src/config";
import { BatchStack } from "../../src/stacks/batch-stack";
import { EcsFargateStack } from "../../src/stacks/ecs-fargate-stack";
import { errorOf, synthStack, testApp } from "../helpers/synth";

// `backend` and `accounts` of iam.config.json: what the stacks become, and every refusal as one
// line. Without either, the stacks are today's byte for byte (the golden files of stacks.test.ts).
const S3 = { bucket: "platform-state", keyPrefix: "iam", region: "eu-west-1" };

/** The stacks the app builds from a configuration, synthesized, by name. */
function stacksOf(value: unknown): Record<string, any> {
  const app = testApp();
  const stacks: Record<string, any> = {};
  for (const d of deploymentsOf(parseConfig(value, "x.json"))) {
    stacks[`batch${d.suffix}`] = synthStack(new BatchStack(app, `batch${d.suffix}`, d.batch, d.options)).tf;
    stacks[`ecs-fargate${d.suffix}`] = synthStack(new EcsFargateStack(app, `ecs-fargate${d.suffix}`, d.ecsFargate, d.options)).tf;
  }
  return stacks;
}

describe("backend", () => {
  // The app then gives it cdktf's local backend (the golden files of stacks.test.ts hold it).
  test("without one, a stack configures no backend and a provider of the environment", () => {
    const { batch } = stacksOf({});
    expect(batch.terraform.backend).toBeUndefined();
    expect(batch.provider.aws).toEqual([{}]);
  });

  test("s3: one state key per stack under the prefix, locked by a lock file and encrypted by default", () => {
    const stacks = stacksOf({ backend: { s3: S3 } });
    expect(Object.keys(stacks)).toEqual(["batch", "ecs-fargate"]);
    for (const name of ["batch", "ecs-fargate"]) {
      expect(stacks[name].terraform.backend).toEqual({
        s3: { bucket: "platform-state", key: `iam/${name}.tfstate`, region: "eu-west-1", encrypt: true, use_lockfile: true },
      });
    }
  });

  test("s3 without a prefix, lock file and encryption switched off", () => {
    const { batch } = stacksOf({ backend: { s3: { bucket: "b-1", region: "us-east-1", useLockfile: false, encrypt: false } } });
    expect(batch.terraform.backend.s3).toEqual({
      bucket: "b-1",
      key: "batch.tfstate",
      region: "us-east-1",
      encrypt: false,
      use_lockfile: false,
    });
  });
});

describe("accounts", () => {
  const accounts = [
    { id: "111111111111", region: "eu-west-1" },
    { id: "222222222222", role: "arn:aws:iam::222222222222:role/ops/Deployer", batch: { tags: { team: "b" } } },
    { id: "333333333333", partition: "aws-cn", role: "Deployer", region: "cn-north-1" },
  ];

  test("one batch and one ecs-fargate stack per account, each assuming the account's role, with its state key", () => {
    const stacks = stacksOf({ backend: { s3: S3 }, accounts });
    expect(Object.keys(stacks)).toEqual([
      "batch-111111111111",
      "ecs-fargate-111111111111",
      "batch-222222222222",
      "ecs-fargate-222222222222",
      "batch-333333333333",
      "ecs-fargate-333333333333",
    ]);
    expect(stacks["batch-111111111111"].provider.aws).toEqual([
      { region: "eu-west-1", assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole" }] },
    ]);
    expect(stacks["ecs-fargate-222222222222"].provider.aws).toEqual([
      { assume_role: [{ role_arn: "arn:aws:iam::222222222222:role/ops/Deployer" }] },
    ]);
    expect(stacks["batch-333333333333"].provider.aws).toEqual([
      { region: "cn-north-1", assume_role: [{ role_arn: "arn:aws-cn:iam::333333333333:role/Deployer" }] },
    ]);
    expect(stacks["ecs-fargate-333333333333"].terraform.backend.s3.key).toBe("iam/ecs-fargate-333333333333.tfstate");
  });

  test("an account's section is merged over the file's: objects key by key, other values replaced", () => {
    const [d] = deploymentsOf(
      parseConfig(
        {
          batch: { tags: { team: "platform", cost: "1" }, serviceRole: { create: false } },
          accounts: [{ id: "111111111111", batch: { tags: { team: "data" }, instanceRole: { roleName: "x" } } }],
        },
        "x.json",
      ),
    );
    expect(d.batch).toEqual({ tags: { team: "data", cost: "1" }, serviceRole: { create: false }, instanceRole: { roleName: "x" } });
    expect(d.ecsFargate).toEqual({});
  });
});

describe("refused at synth, one line each", () => {
  const refused = (value: unknown) => errorOf(() => parseConfig(value, "x.json")).split("\n");

  test.each<[string, unknown, string]>([
    [
      "an account id of 11 digits",
      { accounts: [{ id: "11111111111" }] },
      `[IN7] x.json: 'accounts[0].id' is "11111111111"; must be a 12-digit AWS account id`,
    ],
    [
      "a role ARN of another partition",
      { accounts: [{ id: "111111111111", role: "arn:aws-cn:iam::111111111111:role/Deployer" }] },
      `[IN37] x.json: 'accounts[0].role' is "arn:aws-cn:iam::111111111111:role/Deployer"; must be a role name, or a role ARN of the account itself (arn:aws:iam::111111111111:role/…)`,
    ],
    [
      "a role ARN of another account",
      { accounts: [{ id: "111111111111", role: "arn:aws:iam::222222222222:role/Deployer" }] },
      `[IN37] x.json: 'accounts[0].role' is "arn:aws:iam::222222222222:role/Deployer"; must be a role name, or a role ARN of the account itself (arn:aws:iam::111111111111:role/…)`,
    ],
    [
      "the same account twice",
      { accounts: [{ id: "111111111111" }, { id: "222222222222" }, { id: "111111111111", region: "eu-west-1" }] },
      `[IN36] x.json: 'accounts[2].id' is "111111111111"; must be another account than accounts[0].id: each account is listed once`,
    ],
    ...["ab", "My-Bucket", "a..b", "192.168.5.4", "-bucket", "bucket-", "b".repeat(64)].map((bucket): [string, unknown, string] => [
      `the bucket name ${bucket}`,
      { backend: { s3: { bucket, region: "eu-west-1" } } },
      `[IN18] x.json: 'backend.s3.bucket' is ${JSON.stringify(bucket)}; must be an S3 bucket name: 3 to 63 characters, lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, no two dots side by side, not an IP address`,
    ]),
    [
      "an S3 backend without its Region",
      { backend: { s3: { bucket: "platform-state" } } },
      `[IN35] x.json: 'backend.s3.region' is undefined; must be given: an AWS Region code: us-east-1, cn-north-1, us-gov-west-1`,
    ],
    [
      "an account without its id",
      { accounts: [{ region: "eu-west-1" }] },
      `[IN35] x.json: 'accounts[0].id' is undefined; must be given: a 12-digit AWS account id`,
    ],
    [
      "accounts beside an import set",
      { importSet: "i.json", accounts: [{ id: "111111111111" }] },
      `[IN22] x.json: 'importSet' is "i.json"; must be unset when 'accounts' is given: an import set describes one account, so each account names its own`,
    ],
    [
      "adopt beside an account's import set",
      { batch: { serviceRole: { adopt: true } }, accounts: [{ id: "111111111111", importSet: "i.json" }] },
      `[IN22] x.json: 'batch.serviceRole.adopt' is true; must be false or unset when 'importSet' is given: the audit's import set says what to adopt`,
    ],
    [
      "adopt in an account's own section beside its import set",
      { accounts: [{ id: "111111111111" }, { id: "222222222222", importSet: "i.json", ecsFargate: { executionRole: { adopt: true } } }] },
      `[IN22] x.json: 'accounts[1].ecsFargate.executionRole.adopt' is true; must be false or unset when 'importSet' is given: the audit's import set says what to adopt`,
    ],
    [
      "accounts that are not a list",
      { accounts: { id: "111111111111" } },
      `[IN20] x.json: 'accounts' is {"id":"111111111111"}; must be a list of objects with the keys id, role, partition, region, importSet, batch, ecsFargate`,
    ],
  ])("%s", (_, value, message) => {
    expect(refused(value)).toEqual([message]);
  });

  test("every problem of the accounts at once", () => {
    const lines = refused({
      accounts: [{ id: "111111111111" }, { id: "111111111111", role: "arn:aws:iam::999999999999:role/r" }],
    });
    expect(lines.map((l) => l.slice(0, 32))).toEqual(["[IN36] x.json: 'accounts[1].id' ", "[IN37] x.json: 'accounts[1].role"]);
  });
});
