import { AttachRolePolicyCommand, CreateServiceLinkedRoleCommand, PutRolePolicyCommand, TagRoleCommand } from "@aws-sdk/client-iam";
import { readFileSync } from "fs";
import { join } from "path";
import { accountContents, roleOf } from "../helpers/account";
import { Deployment, startDeployment, STACKS, succeeded } from "../helpers/deployment";
import { SKIP_TERRAFORM } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

/** The commands as the README prints them for a machine without the Terraform registry (a provider mirror). */
const DEPLOY = "npx cdktf deploy batch ecs-fargate --auto-approve --skip-provider-lock";
const DIFF = "npx cdktf diff ecs-fargate --skip-provider-lock";
const DESTROY = "npx cdktf destroy batch ecs-fargate --auto-approve --skip-provider-lock";
const AUDIT = "npm run --silent audit-account";

const MANAGED = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

/** Every option of the configuration: what the update deploys. */
function everyOption() {
  const id = "123456789012";
  const secret = `arn:aws:secretsmanager:us-east-1:${id}:secret:web/db`;
  return {
    batch: {
      tags: { team: "hpc" },
      instanceRole: { description: "ECS container instances of Batch" },
      executionRole: { maxSessionDuration: 7200 },
      spotFleetRole: {},
    },
    ecsFargate: {
      sourceAccountId: id,
      tags: { team: "web" },
      executionRole: {
        description: "Web tasks",
        secrets: { secretArns: [secret], ssmParameterArns: [`arn:aws:ssm:us-east-1:${id}:parameter/web/url`] },
        privateRegistry: { secretArns: [`arn:aws:secretsmanager:us-east-1:${id}:secret:registry`] },
        ecrPullRestriction: { vpcEndpointIds: ["vpce-0123456789abcdef0"] },
        awslogsCreateGroup: { logGroupArns: [`arn:aws:logs:us-east-1:${id}:log-group:/ecs/web`] },
        pullThroughCache: { repositoryArns: [`arn:aws:ecr:us-east-1:${id}:repository/docker-hub/*`] },
      },
      infrastructureRole: {},
      taskRole: {
        execCommand: true,
        statements: [
          { sid: "ReadReports", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::reports/*"] },
          {
            actions: ["s3:ListBucket"],
            resources: ["arn:aws:s3:::reports"],
            conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["daily/*"] }],
          },
        ],
      },
    },
  };
}

/**
 * Both stacks deployed into an account (moto) the way the README tells users to: `cdktf deploy`,
 * the audit of what it made, a grant added behind Terraform's back shown by `cdktf diff` and removed
 * by the next `cdktf deploy`, which also updates every role in place, and a `cdktf destroy` that
 * leaves the account empty. Every plan after a deploy is empty.
 */
describeMoto("the stacks deployed with cdktf into an account", () => {
  let account: Deployment;
  const plans = async () => (await Promise.all(STACKS.map((stack) => account.plan(stack)))).map(succeeded);

  beforeAll(async () => {
    account = await startDeployment("deploy-");
  });

  afterAll(() => account?.stop());

  test("the README prints each command this test runs", () => {
    for (const line of [DEPLOY, DIFF, DESTROY, AUDIT]) expect(README).toContain(line);
  });

  test("deploy creates the roles of the README's table; a plan after it is empty; the audit calls every role ok", async () => {
    expect(succeeded(await account.sh(DEPLOY))).toBe("ok");
    const { iam } = account;
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
    const [planned, audit] = await Promise.all([plans(), account.sh(AUDIT)]);
    expect(planned).toEqual(["ok", "ok"]);
    expect({ code: audit.code, stderr: audit.stderr }).toEqual({ code: 0, stderr: "" });
    expect(audit.stdout).toMatch(/\n4 roles: 4 ok\n$/);
  });

  test("an inline policy and an attachment added by hand are a change in the next diff, named by the audit, and gone after the next deploy, which updates every role in place (every option of the configuration) and creates the Spot Fleet, ECS infrastructure and task roles asked for; the plan after it is empty", async () => {
    const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    await account.iam.send(
      new PutRolePolicyCommand({ RoleName: "ecsTaskExecutionRole", PolicyName: "Everything", PolicyDocument: JSON.stringify(everything) }),
    );
    await account.iam.send(new AttachRolePolicyCommand({ RoleName: "ecsTaskExecutionRole", PolicyArn: ADMIN }));

    const [ran, audit] = await Promise.all([account.sh(DIFF), account.sh(`${AUDIT} -- --stack ecs-fargate --json`)]);
    expect(succeeded(ran)).toBe("ok");
    const diff = ran.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    expect(diff).toMatch(
      /aws_iam_role_policies_exclusive\.execution_role_policies_exclusive \(Default\/ExecutionRole\/PoliciesExclusive\) will be updated in-place/,
    );
    expect(diff).toMatch(
      /aws_iam_role_policy_attachments_exclusive\.execution_role_policy_attachments_exclusive \(Default\/ExecutionRole\/PolicyAttachmentsExclusive\) will be updated in-place/,
    );
    expect(diff).toMatch(/- +"Everything"/);
    expect(diff).toContain(`- "${ADMIN}",`);
    expect(diff).toMatch(/Plan: 0 to add, 2 to change, 0 to destroy/);
    expect(audit.code).toBe(1);
    expect(JSON.parse(audit.stdout).roles[0].findings).toEqual([
      `AWS managed policy ${ADMIN} is attached, which the stack does not attach (adopting detaches it): it grants what AWS puts in it`,
      expect.stringMatching(
        /^inline policy Everything is not one the stack writes \(adopting deletes it\), and grants more than it would: \[IAM1\]/,
      ),
    ]);

    account.configure(everyOption());
    expect(succeeded(await account.sh(DEPLOY))).toBe("ok");
    // The grants added by hand are gone: the role holds exactly what the configuration gives it.
    expect(await roleOf(account.iam, "ecsTaskExecutionRole")).toMatchObject({
      description: "Web tasks",
      tags: { team: "web" },
      attached: [],
      inline: ["CreateLogGroups", "EcrPullThroughVpc", "EcsSecrets", "PrivateRegistryAuthentication", "PullThroughCache"],
    });
    expect(await roleOf(account.iam, "ecsInstanceRole")).toMatchObject({
      description: "ECS container instances of Batch",
      tags: { team: "hpc" },
    });
    // The Spot Fleet role, asked for in this update, is created as the AWS Batch guide creates it.
    expect(await roleOf(account.iam, "AmazonEC2SpotFleetTaggingRole")).toMatchObject({
      tags: { team: "hpc" },
      trustedBy: ["spotfleet.amazonaws.com"],
      attached: [MANAGED("AmazonEC2SpotFleetTaggingRole")],
      inline: [],
    });
    expect(await roleOf(account.iam, "ecsInfrastructureRole")).toMatchObject({
      tags: { team: "web" },
      trustedBy: ["ecs.amazonaws.com"],
      attached: [MANAGED("AmazonECSInfrastructureRolePolicyForVolumes")],
      inline: [],
    });
    // The task role: the guarded ecs-tasks trust, no managed policy, ECS Exec and the application's statements.
    expect(await roleOf(account.iam, "ecsTaskRole")).toMatchObject({
      tags: { team: "web" },
      trustedBy: ["ecs-tasks.amazonaws.com"],
      attached: [],
      inline: ["EcsExec", "TaskPermissions"],
    });
    const [planned, after] = await Promise.all([plans(), account.sh(AUDIT)]);
    expect(planned).toEqual(["ok", "ok"]);
    expect(after.stdout).toMatch(/\n7 roles: 7 ok\n$/);
  });

  test("the Batch service-linked role in place of AWSBatchServiceRole: the one AWS Batch made on first use is audited ok once asked for, adopted by the audit's import set unchanged, and the custom role destroyed; the plan after it is empty", async () => {
    // What AWS Batch does when a compute environment names no service role; the account's tags given as the stack gives them.
    const made = await account.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "batch.amazonaws.com" }));
    const name = made.Role!.RoleName!;
    await account.iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: "team", Value: "hpc" }] }));
    const config = everyOption();
    const linked = { ...config, batch: { ...config.batch, serviceRole: { serviceLinked: true } } };
    account.configure(linked);
    const audit = await account.sh(`${AUDIT} -- --imports iam.imports.json --stack batch`);
    expect(succeeded(audit)).toBe("ok");
    expect(audit.stdout).toMatch(/\nbatch\/AWSServiceRoleForBatch +ok\n/);
    const imports = JSON.parse(readFileSync(join(account.checkout, "iam.imports.json"), "utf8"));
    expect(imports.batch["aws_iam_service_linked_role.service_role_service_linked"]).toBe(made.Role!.Arn);

    account.configure({ ...linked, importSet: "iam.imports.json" });
    expect(succeeded(await account.sh(DEPLOY))).toBe("ok");
    // moto names the role AWSServiceRoleForbatch, IAM AWSServiceRoleForBatch: the test reads it by the name moto gave.
    expect(await roleOf(account.iam, name)).toMatchObject({
      path: "/aws-service-role/batch.amazonaws.com/",
      tags: { team: "hpc" },
      trustedBy: ["batch.amazonaws.com"],
    });
    expect((await accountContents(account.iam)).roles).not.toContain("AWSBatchServiceRole");
    account.configure(linked);
    const [planned, after] = await Promise.all([plans(), account.sh(AUDIT)]);
    expect(planned).toEqual(["ok", "ok"]);
    expect(after.stdout).toMatch(/\n7 roles: 7 ok\n$/);
  });

  test("the README's example configuration (no Batch service role: the service-linked one is destroyed, and the stack has no output for a role it does not make) deploys with exit code 0; the plans after it are empty", async () => {
    const example = /This one tags every role of `batch`[\s\S]*?```json\n([\s\S]*?)```/.exec(README)?.[1];
    const config = JSON.parse(example!);
    expect(config.batch.serviceRole).toEqual({ create: false });
    account.configure({ ...config, $schema: undefined });
    expect(succeeded(await account.sh(DEPLOY))).toBe("ok");
    expect((await accountContents(account.iam)).roles).toEqual(["batchTaskExecutionRole", "ecsInstanceRole", "ecsTaskExecutionRole"]);
    expect((await roleOf(account.iam, "ecsInstanceRole")).tags).toEqual({ team: "data" });
    expect(await plans()).toEqual(["ok", "ok"]);
  });

  test("destroy leaves nothing in the account", async () => {
    expect(succeeded(await account.sh(DESTROY))).toBe("ok");
    expect(await accountContents(account.iam)).toEqual({ roles: [], profiles: [], policies: [] });
  });
});
