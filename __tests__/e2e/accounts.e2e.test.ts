import { readFileSync } from "fs";
import { cpSync } from "fs";
import { join } from "path";
import { accountContents, memberIamClient, roleOf, runCommand } from "../helpers/account";
import { Deployment, plain, startDeployment, succeeded } from "../helpers/deployment";
import { SKIP_TERRAFORM, tempDir, terraformBinary } from "../helpers/terraform";
import { withTerraformSlot } from "../helpers/slots";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

const BUCKET = "platform-tfstate";
const [A, B] = ["111111111111", "222222222222"];
const STACKS = [`batch-${A}`, `ecs-fargate-${A}`, `batch-${B}`, `ecs-fargate-${B}`];
const ROLES = ["AWSBatchServiceRole", "batchTaskExecutionRole", "ecsInstanceRole", "ecsTaskExecutionRole"];

/** The commands as the README prints them, without the shell's quotes (`'*'`), run without a shell. */
const DEPLOY = "npx cdktf deploy '*' --auto-approve --skip-provider-lock";
const DESTROY = "npx cdktf destroy '*' --auto-approve --skip-provider-lock";
const AUDIT = "npm run --silent audit-account -- --accounts";
const unquoted = (line: string) => line.replace(/'/g, "");

/**
 * moto serves S3 at 127.0.0.1, where a bucket's own host name (virtual-hosted style) does not
 * resolve: the state's bucket is reached by path. A user of S3 needs nothing of the kind.
 */
const PATH_STYLE = { TF_CLI_ARGS_init: "-backend-config=use_path_style=true" };

/**
 * The stacks of two member accounts deployed as a platform team deploys them, on moto: one
 * configuration (`accounts`), the state of every stack in S3 with Terraform's lock file, and each
 * stack's provider assuming the account's role (moto serves the account an assumed role's ARN
 * names). A second apply while the first holds the lock is refused, naming the lock, and nothing
 * is lost; each account holds its roles and nothing else, the plans after the deploy are empty, the
 * organization audit agrees, and destroy empties both accounts. Then the same with plain Terraform:
 * examples/multi-account.
 */
describeMoto("the stacks of two accounts, their state in S3 with a lock", () => {
  let account: Deployment;
  let environment: Record<string, string>;
  const member = (id: string, role = "OrganizationAccountAccessRole") => memberIamClient(environment, `arn:aws:iam::${id}:role/${role}`);
  const plans = async () => (await Promise.all(STACKS.map((stack) => account.plan(stack)))).map(succeeded);
  const s3 = async (path: string, method = "GET") => {
    // moto checks no signature: any credential scope of S3 routes the request to it.
    const authorization = "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";
    const response = await fetch(`${account.moto.url}/${path}`, { method, headers: { authorization } });
    return { status: response.status, body: await response.text() };
  };
  const stateKeys = async () => [...(await s3(`${BUCKET}?list-type=2`)).body.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]).sort();

  beforeAll(async () => {
    account = await startDeployment("accounts-", { proxy: true, env: PATH_STYLE });
    environment = Object.fromEntries(Object.entries(account.env).filter(([k]) => k.startsWith("AWS_"))) as Record<string, string>;
    expect((await s3(BUCKET, "PUT")).status).toBe(200);
    account.configure({
      backend: { s3: { bucket: BUCKET, keyPrefix: "iam", region: "us-east-1" } },
      accounts: [{ id: A }, { id: B, role: "Deployer", ecsFargate: { tags: { stage: "staging" } } }],
    });
  });

  afterAll(() => account?.stop());

  test("the README prints each command this test runs", () => {
    for (const line of [DEPLOY, DESTROY, AUDIT, '"backend": { "s3": {', '"accounts": [']) expect(README).toContain(line);
  });

  test("deploy: each account holds its four roles, the state of each stack is in the bucket, every plan after it is empty, the organization audit calls every role ok", async () => {
    expect(succeeded(await account.sh(unquoted(DEPLOY)))).toBe("ok");
    const [inA, inB, own] = await Promise.all([member(A), member(B, "Deployer"), Promise.resolve(account.iam)]);
    expect((await accountContents(inA)).roles).toEqual(ROLES);
    expect((await accountContents(inB)).roles).toEqual(ROLES);
    expect((await accountContents(own)).roles).toEqual([]);
    expect((await roleOf(inB, "ecsTaskExecutionRole")).tags).toEqual({ stage: "staging" });
    expect((await roleOf(inA, "ecsTaskExecutionRole")).tags).toEqual({});
    expect(await stateKeys()).toEqual(STACKS.map((stack) => `iam/${stack}.tfstate`).sort());
    const [planned, audit] = await Promise.all([plans(), account.sh(unquoted(AUDIT))]);
    expect(planned).toEqual(["ok", "ok", "ok", "ok"]);
    expect({ code: audit.code, stderr: audit.stderr }).toEqual({ code: 0, stderr: "" });
    expect(audit.stdout).toMatch(/\n2 accounts, 8 roles: 8 ok\n$/);
  });

  test("a second apply while the first holds the state's lock is refused, naming the lock; the first completes, and nothing is lost", async () => {
    account.configure({
      backend: { s3: { bucket: BUCKET, keyPrefix: "iam", region: "us-east-1" } },
      accounts: [
        { id: A, ecsFargate: { executionRole: { description: "Web tasks" } } },
        { id: B, role: "Deployer", ecsFargate: { tags: { stage: "staging" } } },
      ],
    });
    expect(succeeded(await account.synth())).toBe("ok");
    const stack = `ecs-fargate-${A}`;
    // The first apply is kept at its first read of a role, with the lock taken, for as long as the
    // second needs, however slow the machine.
    const held = account.proxy!.hold("GetRole");
    const first = account.terraform(stack, "apply", "-auto-approve");
    await held.reached;
    expect(await stateKeys()).toContain(`iam/${stack}.tfstate.tflock`);
    const second = await account.terraform(stack, "apply", "-auto-approve");
    held.release();
    expect(second.code).toBe(1);
    expect(plain(second)).toMatch(/Error acquiring the state lock/);
    expect(plain(second)).toMatch(
      new RegExp(`Lock Info:\\s+ID:\\s+\\S+\\s+Path:\\s+${BUCKET}/iam/${stack}\\.tfstate\\s+Operation:\\s+OperationTypeApply`),
    );
    expect(succeeded(await first)).toBe("ok");
    expect((await roleOf(await member(A), "ecsTaskExecutionRole")).description).toBe("Web tasks");
    expect(await stateKeys()).toEqual(STACKS.map((s) => `iam/${s}.tfstate`).sort());
    expect(await plans()).toEqual(["ok", "ok", "ok", "ok"]);
  });

  test("destroy leaves both accounts empty", async () => {
    expect(succeeded(await account.sh(unquoted(DESTROY)))).toBe("ok");
    for (const client of [await member(A), await member(B, "Deployer")]) {
      expect(await accountContents(client)).toEqual({ roles: [], profiles: [], policies: [] });
    }
  });

  test("examples/multi-account in two more accounts: applied through assume_role with its state in the bucket, an empty plan, a clean destroy", async () => {
    const [C, D] = ["444444444444", "555555555555"];
    const dir = tempDir("multi-account-");
    cpSync(join(ROOT, "modules"), join(dir, "modules"), { recursive: true });
    cpSync(join(ROOT, "examples", "multi-account"), join(dir, "examples", "multi-account"), { recursive: true });
    const root = join(dir, "examples", "multi-account");
    const accounts = `account_ids={ production = "${C}", staging = "${D}" }`;
    const terraform = (...args: string[]) =>
      withTerraformSlot(() => runCommand(terraformBinary(), [...args, "-input=false", "-no-color"], root, account.env));
    expect(succeeded(await terraform("init", `-backend-config=bucket=${BUCKET}`, "-backend-config=region=us-east-1"))).toBe("ok");
    expect(succeeded(await terraform("apply", "-auto-approve", "-var", accounts))).toBe("ok");
    for (const id of [C, D]) expect((await accountContents(await member(id))).roles).toEqual(ROLES);
    expect(await stateKeys()).toContain("cdktf-batch-ecs-iam/multi-account.tfstate");
    expect(succeeded(await terraform("plan", "-detailed-exitcode", "-var", accounts))).toBe("ok");
    expect(succeeded(await terraform("destroy", "-auto-approve", "-var", accounts))).toBe("ok");
    for (const id of [C, D]) expect(await accountContents(await member(id))).toEqual({ roles: [], profiles: [], policies: [] });
  });
});
