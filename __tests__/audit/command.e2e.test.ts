import { AttachRolePolicyCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { AUDIT_ACTIONS } from "../../src/audit";
import { ConsoleRole, iamClient, runCommand, seedRoles, userEnvironment } from "../helpers/account";
import { faultProxy } from "../helpers/fault-proxy";
import { Moto, startMoto } from "../helpers/moto";
import { DOCUMENTED_ROLES } from "../e2e/console-roles";
import { SKIP_TERRAFORM, tempDir } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

const AUDIT_SCRIPT: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["audit-account"];

const managed = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;
const trust = (service: string, extra: object = {}) => ({
  Version: "2012-10-17",
  Statement: [{ ...extra, Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});
const ADMIN_POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

const DOCUMENTED = DOCUMENTED_ROLES;

/**
 * The states an account usually holds the roles in: the Batch execution role missing, the instance
 * role without its managed policy, the Batch role trusting an extra principal, and the ECS role
 * with a wildcard inline policy and AdministratorAccess beside its own.
 */
const USUAL: readonly ConsoleRole[] = [
  {
    name: "AWSBatchServiceRole",
    trust: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: ["batch.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }],
    },
    managed: [managed("AWSBatchServiceRole")],
  },
  { name: "ecsInstanceRole", trust: trust("ec2.amazonaws.com"), profile: true },
  {
    name: "ecsTaskExecutionRole",
    trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
    managed: [managed("AmazonECSTaskExecutionRolePolicy"), "arn:aws:iam::aws:policy/AdministratorAccess"],
    inline: { Admin: ADMIN_POLICY },
  },
];

/**
 * The audit command run as users run it (package.json's `audit-account` command line; once through
 * npm, as the README prints it) against an account on moto. Each test has an account of its own,
 * behind a proxy that injects what AWS does on a bad day: throttling, server errors, access denied,
 * and entities IAM lists before it returns them.
 */
describeMoto("the audit command against an account", () => {
  let moto: Moto;
  let accounts = 0;

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(() => moto?.stop());

  /** A new account holding `roles`, behind a fault proxy; the audit's environment for it. */
  async function account(roles: readonly ConsoleRole[], config: object = {}) {
    const id = String(222200000000 + ++accounts);
    const proxy = await faultProxy(moto.url, {}, id);
    const environment = moto.environment("eu-west-1", proxy.url);
    await seedRoles(iamClient(environment), roles);
    const dir = tempDir("audit-command-");
    writeFileSync(join(dir, "iam.config.json"), JSON.stringify(config));
    proxy.calls.length = 0;
    return { proxy, id, dir, env: userEnvironment({ ...environment, IAM_CONFIG: join(dir, "iam.config.json") }) };
  }

  /** Runs the audit with `args`; by default the script's command line, with `viaNpm` as the README prints it. */
  function audit(args: string[], env: NodeJS.ProcessEnv, viaNpm = false) {
    const [command, ...scriptArgs] = viaNpm ? ["npm", "run", "--silent", "audit-account", "--"] : AUDIT_SCRIPT.split(" ");
    return runCommand(command === "node" ? process.execPath : command, [...scriptArgs, ...args], ROOT, env);
  }

  test.concurrent("an account holding the roles as the documents want them: a table of ok, exit code 0, read calls only", async () => {
    const { proxy, env } = await account(DOCUMENTED);
    const { code, stdout, stderr } = await audit([], env, true);
    await proxy.close();
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout.split("\n")).toEqual([
      expect.stringMatching(/^ROLE\s+STATUS\s+FINDINGS$/),
      expect.stringMatching(/^batch\/AWSBatchServiceRole\s+ok$/),
      expect.stringMatching(/^batch\/ecsInstanceRole\s+ok$/),
      expect.stringMatching(/^batch\/batchTaskExecutionRole\s+ok$/),
      expect.stringMatching(/^ecs-fargate\/ecsTaskExecutionRole\s+ok$/),
      "",
      "4 roles: 4 ok",
      "",
    ]);
    expect(new Set(proxy.calls)).toEqual(new Set(["GetRole", "ListAttachedRolePolicies", "ListRolePolicies", "GetInstanceProfile"]));
  });

  test.concurrent("the usual states: --json names each difference, exit code 1; --stack batch reads the batch roles only", async () => {
    const { proxy, env } = await account(USUAL);
    const { code, stdout, stderr } = await audit(["--json"], env);
    const batch = await audit(["--stack", "batch", "--json"], env);
    await proxy.close();
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    const { roles } = JSON.parse(stdout);
    expect(roles.map((r: { stack: string; name: string; status: string }) => [r.stack, r.name, r.status])).toEqual([
      ["batch", "AWSBatchServiceRole", "drift"],
      ["batch", "ecsInstanceRole", "drift"],
      ["batch", "batchTaskExecutionRole", "missing"],
      ["ecs-fargate", "ecsTaskExecutionRole", "drift"],
    ]);
    expect(roles[0].findings).toEqual([
      'trust policy, in the statement "Allow sts:AssumeRole to Service batch.amazonaws.com": Principal Service also has lambda.amazonaws.com',
    ]);
    expect(roles[1].findings).toEqual([`AWS managed policy ${managed("AmazonEC2ContainerServiceforEC2Role")} is not attached`]);
    expect(roles[3].findings).toEqual([
      "AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached, which the stack does not attach (adopting detaches it): it grants what AWS puts in it",
      expect.stringMatching(
        /^inline policy Admin is not one the stack writes \(adopting deletes it\), and grants more than it would: \[IAM1\]/,
      ),
    ]);
    expect(proxy.calls.every((call) => (AUDIT_ACTIONS as readonly string[]).includes(`iam:${call}`))).toBe(true);
    expect(JSON.parse(batch.stdout).roles.map((r: { name: string }) => r.name)).toEqual([
      "AWSBatchServiceRole",
      "ecsInstanceRole",
      "batchTaskExecutionRole",
    ]);
  });

  test.concurrent("IAM throttling 30 % of the calls: the audit retries as Terraform would, and says what it says without it", async () => {
    const { proxy, env } = await account(USUAL);
    const calm = await audit(["--json"], env);
    proxy.faults = { throttle: 0.3 };
    const throttled = await Promise.all([1, 2, 3].map(() => audit(["--json"], env)));
    await proxy.close();
    expect(proxy.calls.filter((c) => c.endsWith(": Throttling")).length).toBeGreaterThan(5);
    for (const run of throttled) expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ ...calm, stderr: "" });
  });

  test.concurrent(
    "throttled beyond the retries: exit code 2, one line naming the call and the role; --json still prints what was read",
    async () => {
      const { proxy, env } = await account(DOCUMENTED);
      proxy.faults = { fail: { ListRolePolicies: { code: "Throttling", status: 400 } } };
      const { code, stdout, stderr } = await audit(["--json"], { ...env, AWS_MAX_ATTEMPTS: "2" });
      await proxy.close();
      expect(code).toBe(2);
      expect(stderr).toBe(
        "could not check the account: IAM throttled iam:ListRolePolicies on role AWSBatchServiceRole after 2 attempts: try again later, or raise AWS_MAX_ATTEMPTS\n",
      );
      expect(JSON.parse(stdout)).toEqual({ roles: [], error: stderr.replace(/^could not check the account: /, "").trim() });
    },
  );

  test.concurrent(
    "a server error after the retries: exit code 2 and one line; the roles read before it are printed; no partial import set",
    async () => {
      const { proxy, env, dir } = await account([
        ...DOCUMENTED.slice(0, 2),
        { ...DOCUMENTED[2], inline: { Extra: ADMIN_POLICY } },
        DOCUMENTED[3],
      ]);
      proxy.faults = { fail: { GetRolePolicy: { code: "InternalFailure", status: 500 } } };
      const imports = join(dir, "iam.imports.json");
      writeFileSync(imports, "{}\n");
      const { code, stdout, stderr } = await audit(["--json", "--imports", imports], { ...env, AWS_MAX_ATTEMPTS: "2" });
      const table = await audit([], { ...env, AWS_MAX_ATTEMPTS: "2" });
      await proxy.close();
      expect(code).toBe(2);
      expect(stderr.split("\n")).toEqual([
        "could not check the account: iam:GetRolePolicy on inline policy Extra of role batchTaskExecutionRole failed after 2 attempts: InternalFailure (HTTP 500): Injected InternalFailure for GetRolePolicy.",
        `did not write ${imports}: the audit did not read every role`,
        "",
      ]);
      const report = JSON.parse(stdout);
      expect(report.roles.map((r: { name: string; status: string }) => `${r.name} ${r.status}`)).toEqual([
        "AWSBatchServiceRole ok",
        "ecsInstanceRole ok",
      ]);
      expect(report.error).toMatch(/^iam:GetRolePolicy on inline policy Extra of role batchTaskExecutionRole failed/);
      expect(readFileSync(imports, "utf8")).toBe("{}\n");
      expect(table.code).toBe(2);
      expect(table.stdout).toMatch(/\n2 roles read before the audit stopped: 2 ok\n$/);
    },
  );

  test.concurrent("an inline policy IAM lists but does not return yet is read again until it does", async () => {
    const { proxy, env } = await account(DOCUMENTED);
    proxy.faults = { invisibleReads: 3 };
    const iam = iamClient(moto.environment("eu-west-1", proxy.url));
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "ecsTaskExecutionRole", PolicyName: "Late", PolicyDocument: JSON.stringify(ADMIN_POLICY) }),
    );
    const { code, stdout, stderr } = await audit(["--stack", "ecs-fargate", "--json"], env);
    await proxy.close();
    expect(proxy.calls).toContain("GetRolePolicy: NoSuchEntity");
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    expect(JSON.parse(stdout).roles[0].findings).toEqual([expect.stringMatching(/^inline policy Late is not one the stack writes/)]);
  });

  test.concurrent("access denied: exit code 2 and one line naming the call, the role and every action the audit needs", async () => {
    const { proxy, env } = await account(DOCUMENTED);
    proxy.faults = { fail: { ListRolePolicies: { code: "AccessDenied", status: 403 } } };
    const { code, stderr } = await audit([], env);
    await proxy.close();
    expect(code).toBe(2);
    expect(stderr.split("\n")).toEqual([
      expect.stringMatching(
        /^could not check the account: access denied to iam:ListRolePolicies on role AWSBatchServiceRole: the audit needs iam:GetRole, .*iam:GetInstanceProfile, iam:ListRoles \(Injected AccessDenied/,
      ),
      "",
    ]);
  });

  test.concurrent("the import set is written whole, once every role was read", async () => {
    const { proxy, env, dir } = await account(USUAL);
    const imports = join(dir, "iam.imports.json");
    const { code, stderr } = await audit(["--imports", imports], env);
    await proxy.close();
    expect(code).toBe(1);
    expect(stderr).toMatch(/^wrote .*iam\.imports\.json: 12 objects to import; name it as "importSet" in the configuration file\n$/);
    const set = JSON.parse(readFileSync(imports, "utf8"));
    expect(Object.keys(set)).toEqual(["$comment", "batch", "ecs-fargate"]);
    expect(set["ecs-fargate"]).toEqual({
      "aws_iam_role.execution_role": "ecsTaskExecutionRole",
      "aws_iam_role_policies_exclusive.execution_role_policies_exclusive": "ecsTaskExecutionRole",
      "aws_iam_role_policy_attachments_exclusive.execution_role_policy_attachments_exclusive": "ecsTaskExecutionRole",
      "aws_iam_role_policy_attachment.execution_role_aws_managed_policy": `ecsTaskExecutionRole/${managed("AmazonECSTaskExecutionRolePolicy")}`,
    });
    expect(existsSync(`${imports}.partial`)).toBe(false);
  });

  test.concurrent("no credentials: exit code 2 and one line that says which (iam.config.json read from the working folder)", async () => {
    const { code, stdout, stderr } = await audit(
      [],
      userEnvironment({ AWS_REGION: "eu-west-1", AWS_ENDPOINT_URL_IAM: "http://127.0.0.1:9" }),
    );
    expect(code).toBe(2);
    expect(stdout).toMatch(/0 roles read before the audit stopped: none\n$/);
    expect(stderr.split("\n")).toEqual([
      expect.stringMatching(
        /^could not check the account: no AWS credentials: .*\(set AWS_PROFILE or AWS_ACCESS_KEY_ID, as for the AWS CLI\)$/,
      ),
      "",
    ]);
  });

  test.concurrent("bad usage and bad configuration: exit code 2, saying what is wrong", async () => {
    const env = userEnvironment({});
    const [option, stack, help, imports, version] = await Promise.all([
      audit(["--tables"], env),
      audit(["--stack", "lambda"], env),
      audit(["--help"], env),
      audit(["--imports"], env),
      audit(["--version"], env),
    ]);
    const { version: packageVersion } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    expect(version).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
    expect(imports).toMatchObject({ code: 2, stderr: expect.stringMatching(/^a file is needed after '--imports'\n/) });
    expect(option).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^unknown option '--tables'\nUsage: cdktf-batch-ecs-iam audit/),
    });
    expect(stack).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^'--stack lambda': --stack takes the name of a stack, batch or ecs-fargate\n/),
    });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: cdktf-batch-ecs-iam audit .*Exit codes: 0 /s) });
    const { proxy, env: accountEnv, dir } = await account([]);
    writeFileSync(join(dir, "iam.config.json"), JSON.stringify({ batch: { serviceRole: { roleName: "has space" } } }));
    const bad = await audit([], accountEnv);
    await proxy.close();
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^\[IN\d+\] .*iam\.config\.json: 'batch\.serviceRole\.roleName' is "has space"; must be /);
    expect(proxy.calls).toEqual([]);
  });

  test.concurrent("an attachment added by hand on an account otherwise as documented: drift naming it", async () => {
    const { proxy, env } = await account(DOCUMENTED);
    await iamClient(moto.environment("eu-west-1", proxy.url)).send(
      new AttachRolePolicyCommand({ RoleName: "batchTaskExecutionRole", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
    );
    const { code, stdout } = await audit(["--stack", "batch", "--json"], env);
    await proxy.close();
    expect(code).toBe(1);
    expect(JSON.parse(stdout).roles[2].findings).toEqual([
      expect.stringMatching(/^AWS managed policy arn:aws:iam::aws:policy\/AdministratorAccess is attached/),
    ]);
  });
});
