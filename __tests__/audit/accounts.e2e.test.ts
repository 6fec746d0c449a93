import { PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { memberIamClient, runCommand, seedRoles, userEnvironment } from "../helpers/account";
import { FaultProxy, faultProxy } from "../helpers/fault-proxy";
import { Moto, startMoto } from "../helpers/moto";
import { projectCopy, stackJson, synthApp } from "../helpers/app";
import { SKIP_TERRAFORM, tempDir } from "../helpers/terraform";
import { DOCUMENTED_ROLES } from "../e2e/console-roles";

const ROOT = join(__dirname, "..", "..");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

const role = (id: string, name = "OrganizationAccountAccessRole") => `arn:aws:iam::${id}:role/${name}`;
const [GOOD, DRIFTED, LOCKED] = ["111111111111", "222222222222", "333333333333"];

/**
 * The organization audit (`audit --accounts`), run as the README prints it in a checkout, against three member
 * accounts on moto: one as the documents want it, one where a hand added a `*:*` inline policy, one
 * whose role cannot be assumed. moto lets any role be assumed (it is laxer than STS there): the
 * proxy in front of it answers `AccessDenied` to the third account's AssumeRole, as STS answers
 * a caller the role does not trust.
 */
describeMoto("the audit of an organization's accounts", () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await faultProxy(moto.url);
    const environment = moto.environment("us-east-1", proxy.url);
    for (const id of [GOOD, DRIFTED]) await seedRoles(await memberIamClient(environment, role(id)), DOCUMENTED_ROLES);
    const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    await (
      await memberIamClient(environment, role(DRIFTED))
    ).send(
      new PutRolePolicyCommand({ RoleName: "ecsTaskExecutionRole", PolicyName: "Everything", PolicyDocument: JSON.stringify(everything) }),
    );
    proxy.faults = {
      services: ["sts", "iam"],
      fail: { AssumeRole: { code: "AccessDenied", status: 403, when: { RoleArn: role(LOCKED) } } },
    };
    dir = projectCopy(tempDir("audit-accounts-"));
    writeFileSync(join(dir, "iam.config.json"), JSON.stringify({ accounts: [{ id: GOOD }, { id: DRIFTED }] }));
    writeFileSync(
      join(dir, "accounts.json"),
      JSON.stringify([{ id: GOOD }, { id: DRIFTED }, { id: LOCKED }, { id: "444444444444", role: role("444444444444", "Auditor") }]),
    );
    env = userEnvironment({ ...environment });
  });
  afterAll(async () => {
    await proxy?.close();
    moto?.stop();
  });

  const audit = (...args: string[]) => runCommand("npm", ["run", "--silent", "audit-account", "--", ...args], dir, env);

  test("the README prints the commands this test runs", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    for (const line of [
      "npm run --silent audit-account -- --accounts",
      "npm run --silent audit-account -- --accounts accounts.json --json",
      "npm run --silent audit-account -- --accounts --imports imports",
    ])
      expect(readme).toContain(line);
  });

  test("the configuration's accounts: one table with an account column; the drifted account's extra grant named; exit code 1", async () => {
    const { code, stdout, stderr } = await audit("--accounts");
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(stdout.split("\n")).toEqual([
      expect.stringMatching(/^ACCOUNT\s+ROLE\s+STATUS\s+FINDINGS$/),
      expect.stringMatching(/^111111111111\s+batch\/AWSBatchServiceRole\s+ok$/),
      expect.stringMatching(/^\s+batch\/ecsInstanceRole\s+ok$/),
      expect.stringMatching(/^\s+batch\/batchTaskExecutionRole\s+ok$/),
      expect.stringMatching(/^\s+ecs-fargate\/ecsTaskExecutionRole\s+ok$/),
      expect.stringMatching(/^222222222222\s+batch\/AWSBatchServiceRole\s+ok$/),
      expect.stringMatching(/^\s+batch\/ecsInstanceRole\s+ok$/),
      expect.stringMatching(/^\s+batch\/batchTaskExecutionRole\s+ok$/),
      expect.stringMatching(
        /^\s+ecs-fargate\/ecsTaskExecutionRole\s+drift\s+inline policy Everything is not one the stack writes \(adopting deletes it\), and grants more than it would/,
      ),
      "",
      "2 accounts, 8 roles: 7 ok, 1 drift",
      "",
    ]);
  });

  test("a file of accounts, one whose role cannot be assumed (one line naming it; the others read) and one that holds none of the roles: exit code 2", async () => {
    const { code, stdout, stderr } = await audit("--accounts", "accounts.json", "--json");
    expect(code).toBe(2);
    expect(stderr).toBe(
      [`could not check account ${LOCKED}: could not assume ${role(LOCKED)}: AccessDenied: Injected AccessDenied for AssumeRole.`, ""].join(
        "\n",
      ),
    );
    const { accounts } = JSON.parse(stdout);
    expect(
      accounts.map((a: { id: string; role: string; roles: unknown[]; error?: string }) => [a.id, a.role, a.roles.length, a.error]),
    ).toEqual([
      [GOOD, role(GOOD), 4, undefined],
      [DRIFTED, role(DRIFTED), 4, undefined],
      [LOCKED, role(LOCKED), 0, `could not assume ${role(LOCKED)}: AccessDenied: Injected AccessDenied for AssumeRole.`],
      // moto serves an account it has never seen as empty: every role missing.
      ["444444444444", role("444444444444", "Auditor"), 4, undefined],
    ]);
    expect(accounts[1].roles.map((r: { stack: string; status: string }) => `${r.stack} ${r.status}`)).toEqual([
      `batch-${DRIFTED} ok`,
      `batch-${DRIFTED} ok`,
      `batch-${DRIFTED} ok`,
      `ecs-fargate-${DRIFTED} drift`,
    ]);
    expect(new Set(accounts[3].roles.map((r: { status: string }) => r.status))).toEqual(new Set(["missing"]));
  });

  test("--imports writes one import set per account read whole, by the account's stacks; synth imports each into its own stacks", async () => {
    const { code, stderr } = await audit("--accounts", "--imports", "imports");
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^wrote imports/${GOOD}\\.json: 17 objects to import; name it as "importSet" of account ${GOOD}`));
    for (const id of [GOOD, DRIFTED]) {
      const set = JSON.parse(readFileSync(join(dir, "imports", `${id}.json`), "utf8"));
      expect(Object.keys(set)).toEqual(["$comment", `batch-${id}`, `ecs-fargate-${id}`]);
      expect(set[`batch-${id}`]["aws_iam_role.service_role"]).toBe("AWSBatchServiceRole");
    }
    const config = join(dir, "adopt.config.json");
    writeFileSync(config, JSON.stringify({ accounts: [GOOD, DRIFTED].map((id) => ({ id, importSet: `imports/${id}.json` })) }));
    const outdir = join(dir, "cdktf.out");
    await synthApp(outdir, config);
    for (const id of [GOOD, DRIFTED]) {
      const imported = [`batch-${id}`, `ecs-fargate-${id}`].map((stack) => JSON.parse(stackJson(outdir, stack)).import ?? []);
      expect(imported.map((blocks) => blocks.length)).toEqual([13, 4]);
    }
    expect(existsSync(join(dir, "imports", `${LOCKED}.json`))).toBe(false);
  });

  test("30 % of the STS and IAM calls throttled: the accounts are read in parallel with the SDK's retries, and the audit says what it says without", async () => {
    const calm = await audit("--accounts", "--json");
    const faults = proxy.faults;
    proxy.faults = { ...faults, throttle: 0.3 };
    try {
      const throttled = await audit("--accounts", "--json", "--parallelism", "2");
      expect({ code: throttled.code, stdout: throttled.stdout, stderr: throttled.stderr }).toEqual({ ...calm, stderr: "" });
      expect(proxy.calls.filter((call) => call.endsWith(": Throttling")).length).toBeGreaterThan(0);
    } finally {
      proxy.faults = faults;
    }
  });

  test("bad usage: exit code 2 and one line", async () => {
    const parallel = await audit("--parallelism", "4");
    expect({ code: parallel.code, first: parallel.stderr.split("\n")[0] }).toEqual({
      code: 2,
      first: "--parallelism is an option of --accounts",
    });
    const zero = await audit("--accounts", "--parallelism", "0");
    expect({ code: zero.code, first: zero.stderr.split("\n")[0] }).toEqual({
      code: 2,
      first: "'--parallelism 0': --parallelism takes a whole number from 1 to 9999",
    });
    writeFileSync(join(dir, "bad-accounts.json"), JSON.stringify([{ id: "11111111111" }]));
    const bad = await audit("--accounts", "bad-accounts.json");
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({
      code: 2,
      stderr: expect.stringMatching(
        /^\[IN7\] bad-accounts\.json: 'accounts\[0\]\.id' is "11111111111"; must be a 12-digit AWS account id\n$/,
      ),
    });
  });
});
