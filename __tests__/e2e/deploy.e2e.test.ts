import { AttachRolePolicyCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { accountContents, iamClient, Ran, roleOf, runCommand } from "../helpers/account";
import { projectCopy } from "../helpers/app";
import { Moto, startMoto } from "../helpers/moto";
import { mirrorCliConfig, sharedProvider, SKIP_TERRAFORM, tempDir, terraformBinary } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

/** The commands as the README prints them for a machine without the Terraform registry (a provider mirror). */
const DEPLOY = "npx cdktf deploy batch ecs-fargate --auto-approve --skip-provider-lock";
const DIFF = "npx cdktf diff ecs-fargate --skip-provider-lock";
const DEPLOY_ECS = "npx cdktf deploy ecs-fargate --auto-approve --skip-provider-lock";
const DESTROY = "npx cdktf destroy batch ecs-fargate --auto-approve --skip-provider-lock";
const AUDIT = "npm run --silent audit-account";

const MANAGED = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

/**
 * Both stacks deployed into an account (moto) the way the README tells users to: `cdktf deploy`,
 * the audit of what it made, a grant added behind Terraform's back found and removed, an update in
 * place, and a destroy that leaves the account empty. Every plan after an apply is empty.
 */
describeMoto("the stacks deployed with cdktf into an account", () => {
  const checkout = projectCopy(tempDir("deploy-"));
  let moto: Moto;
  let iam: IAMClient;
  let env: NodeJS.ProcessEnv;
  let provider: { reattach: string; stop(): void } | undefined;
  const ran: Record<string, Ran> = {};

  /** Runs a command line of the README in the checkout. */
  const sh = (line: string, extra: NodeJS.ProcessEnv = {}) => {
    const [command, ...args] = line.split(" ");
    return runCommand(command, args, checkout, { ...env, ...extra });
  };
  /** `terraform plan -detailed-exitcode` in a stack's folder of cdktf.out/: 0 when it has nothing to do. */
  const plan = (stack: string) =>
    runCommand(
      terraformBinary(),
      ["plan", "-detailed-exitcode", "-input=false", "-no-color"],
      join(checkout, "cdktf.out", "stacks", stack),
      env,
    );
  const succeeded = (r: Ran) => (r.code === 0 ? "ok" : `exit ${r.code}: ${r.stderr}${r.stdout}`.slice(-3000));

  beforeAll(async () => {
    moto = await startMoto();
    iam = iamClient(moto.environment());
    // One provider process for every Terraform command the CLI runs (see sharedProvider).
    provider = await sharedProvider(moto.environment());
    env = {
      ...process.env,
      ...moto.environment(),
      TF_CLI_CONFIG_FILE: mirrorCliConfig(),
      TF_REATTACH_PROVIDERS: provider.reattach,
      CHECKPOINT_DISABLE: "1",
      CI: "1",
    };
  });

  afterAll(() => {
    provider?.stop();
    moto?.stop();
  });

  test("the README prints each command this test runs", () => {
    for (const line of [DEPLOY, DIFF, DEPLOY_ECS, DESTROY, AUDIT]) expect(README).toContain(line);
  });

  test("deploy creates the roles of the README's table; a plan after it is empty; the audit calls every role ok", async () => {
    ran.deploy = await sh(DEPLOY);
    expect(succeeded(ran.deploy)).toBe("ok");
    expect(await accountContents(iam)).toEqual({
      roles: ["AWSBatchServiceRole", "batchTaskExecutionRole", "ecsInstanceRole", "ecsTaskExecutionRole"],
      profiles: ["ecsInstanceRole"],
      policies: [],
    });
    expect(await roleOf(iam, "AWSBatchServiceRole")).toMatchObject({
      trustedBy: ["batch.amazonaws.com"],
      attached: [MANAGED("AWSBatchServiceRole")],
      inline: [],
    });
    expect(await roleOf(iam, "ecsInstanceRole")).toMatchObject({
      trustedBy: ["ec2.amazonaws.com"],
      attached: [MANAGED("AmazonEC2ContainerServiceforEC2Role")],
    });
    for (const name of ["batchTaskExecutionRole", "ecsTaskExecutionRole"]) {
      expect(await roleOf(iam, name)).toMatchObject({
        trustedBy: ["ecs-tasks.amazonaws.com"],
        attached: [MANAGED("AmazonECSTaskExecutionRolePolicy")],
      });
    }
    const plans = await Promise.all(["batch", "ecs-fargate"].map(plan));
    expect(plans.map(succeeded)).toEqual(["ok", "ok"]);
    const audit = await sh(AUDIT);
    expect({ code: audit.code, stderr: audit.stderr }).toEqual({ code: 0, stderr: "" });
    expect(audit.stdout).toMatch(/\n4 roles: 4 ok\n$/);
  });

  test("an inline policy and an attachment added by hand are a change in the next diff, named by the audit, and gone after the next deploy", async () => {
    const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "ecsTaskExecutionRole", PolicyName: "Everything", PolicyDocument: JSON.stringify(everything) }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: "ecsTaskExecutionRole", PolicyArn: ADMIN }));

    const ran = await sh(DIFF);
    expect(succeeded(ran)).toBe("ok");
    const diff = { stdout: ran.stdout.replace(/\x1b\[[0-9;]*m/g, "") };
    expect(diff.stdout).toMatch(
      /aws_iam_role_policies_exclusive\.execution_role_policies_exclusive \(Default\/ExecutionRole\/PoliciesExclusive\) will be updated in-place/,
    );
    expect(diff.stdout).toMatch(
      /aws_iam_role_policy_attachments_exclusive\.execution_role_policy_attachments_exclusive \(Default\/ExecutionRole\/PolicyAttachmentsExclusive\) will be updated in-place/,
    );
    expect(diff.stdout).toMatch(/- +"Everything"/);
    expect(diff.stdout).toContain(`- "${ADMIN}",`);
    expect(diff.stdout).toMatch(/Plan: 0 to add, 2 to change, 0 to destroy/);

    const audit = await sh(`${AUDIT} -- --stack ecs-fargate --json`);
    expect(audit.code).toBe(1);
    expect(JSON.parse(audit.stdout).roles[0].findings).toEqual([
      `AWS managed policy ${ADMIN} is attached, which the stack does not attach (adopting detaches it): it grants what AWS puts in it`,
      expect.stringMatching(
        /^inline policy Everything is not one the stack writes \(adopting deletes it\), and grants more than it would: \[IAM1\]/,
      ),
    ]);

    expect(succeeded(await sh(DEPLOY_ECS))).toBe("ok");
    expect(await roleOf(iam, "ecsTaskExecutionRole")).toMatchObject({
      attached: [MANAGED("AmazonECSTaskExecutionRolePolicy")],
      inline: [],
    });
    expect((await sh(AUDIT)).code).toBe(0);
  });

  test("an update in place (every option of the configuration) applies, and the plan after it is empty", async () => {
    const account = "123456789012";
    const secret = `arn:aws:secretsmanager:us-east-1:${account}:secret:web/db`;
    const config = {
      batch: {
        tags: { team: "hpc" },
        instanceRole: { description: "ECS container instances of Batch" },
        executionRole: { maxSessionDuration: 7200 },
      },
      ecsFargate: {
        sourceAccountId: account,
        tags: { team: "web" },
        executionRole: {
          description: "Web tasks",
          secrets: { secretArns: [secret], ssmParameterArns: [`arn:aws:ssm:us-east-1:${account}:parameter/web/url`] },
          privateRegistry: { secretArns: [`arn:aws:secretsmanager:us-east-1:${account}:secret:registry`] },
          ecrPullRestriction: { vpcEndpointIds: ["vpce-0123456789abcdef0"] },
        },
      },
    };
    writeFileSync(join(checkout, "iam.config.json"), JSON.stringify(config, null, 2));
    expect(succeeded(await sh(DEPLOY))).toBe("ok");
    expect(await roleOf(iam, "ecsTaskExecutionRole")).toMatchObject({
      description: "Web tasks",
      tags: { team: "web" },
      attached: [],
      inline: ["EcrPullThroughVpc", "EcsSecrets", "PrivateRegistryAuthentication"],
    });
    expect(await roleOf(iam, "ecsInstanceRole")).toMatchObject({ description: "ECS container instances of Batch", tags: { team: "hpc" } });
    const plans = await Promise.all(["batch", "ecs-fargate"].map(plan));
    expect(plans.map(succeeded)).toEqual(["ok", "ok"]);
    const audit = await sh(AUDIT);
    expect(audit.stdout).toMatch(/\n4 roles: 4 ok\n$/);
  });

  test("destroy leaves nothing in the account", async () => {
    expect(succeeded(await sh(DESTROY))).toBe("ok");
    expect(await accountContents(iam)).toEqual({ roles: [], profiles: [], policies: [] });
  });
});
