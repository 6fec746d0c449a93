import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformVariable, Testing, Token } from "cdktf";
import { join } from "path";
import { EcsInstanceRole } from "../../src/roles/ecs-instance-role";
import { TaskExecutionRole } from "../../src/roles/task-execution-role";
import { ReadableStack } from "../../src/stacks/readable-stack";
import { SKIP_TERRAFORM, stackAsModule, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeTerraform = SKIP_TERRAFORM ? describe.skip : describe;
const arn = (partition: string, region: string, rest: string) => `arn:${partition}:${rest.replace("{region}", region)}`;

/** Module calls that plan, but would fail at apply or at task start: each must be refused at plan. */
const REFUSED_MODULES = `
provider "aws" {}

module "other_partition" {
  source              = "../modules/ecs-fargate"
  execution_role_name = "other-partition"
  secret_arns         = ["arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db-AbCdEf"]
}

module "names_alike" {
  source             = "../modules/batch"
  service_role_name  = "Jobs"
  instance_role_name = "jobs"
}

module "literal_other_partition" {
  source = "../literal"
}

module "too_large" {
  source              = "../modules/ecs-fargate"
  execution_role_name = "too-large"
  secret_arns         = [for i in range(150) : "arn:aws:secretsmanager:us-east-1:111122223333:secret:application/service-\${i}/database-password-AbCdEf"]
}
`;

/** A stack whose ARNs are literals of another partition: known at synth, but whose partition only the plan knows. */
function literalStack(): string {
  const stack = new ReadableStack(Testing.app(), "literal");
  new AwsProvider(stack, "aws", {});
  new TaskExecutionRole(stack, "ExecutionRole", {
    roleName: "literal-other-partition",
    secrets: { ssmParameterArns: ["arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/app"] },
  });
  return stackAsModule(Testing.synth(stack));
}

/** The same kinds of values, right: in their own partition, named apart, within the quota. */
const ACCEPTED_MODULES = (partition: string, region: string) => `
provider "aws" {}

module "own_partition" {
  source               = "../modules/ecs-fargate"
  execution_role_name  = "own-partition"
  secret_arns          = ["${arn(partition, region, "secretsmanager:{region}:111122223333:secret:db")}"]
  kms_key_arns         = ["${arn(partition, region, "kms:{region}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")}"]
  permissions_boundary = "${arn(partition, region, "iam::111122223333:policy/Boundary")}"
}

module "names_apart" {
  source             = "../modules/batch"
  service_role_name  = "jobs-service"
  instance_role_name = "jobs-instance"
}

module "within_quota" {
  source              = "../modules/ecs-fargate"
  execution_role_name = "within-quota"
  secret_arns         = [for i in range(60) : "${arn(partition, region, "secretsmanager:{region}:111122223333:secret:app/service-")}\${i}"]
}
`;

/**
 * A stack of constructs whose inputs are `TerraformVariable`s: values known only at plan, which
 * synth cannot check and preconditions compiled from the same rules must.
 */
function tokenStack(): string {
  const stack = new ReadableStack(Testing.app(), "tokens");
  new AwsProvider(stack, "aws", {});
  const list = (id: string) => new TerraformVariable(stack, id, { type: "list(string)" }).listValue;
  new TaskExecutionRole(stack, "ExecutionRole", {
    roleName: new TerraformVariable(stack, "role_name", { type: "string" }).stringValue,
    tags: Token.asStringMap(new TerraformVariable(stack, "tags", { type: "map(string)" }).value),
    secrets: { secretArns: list("secret_arns"), kmsKeyArns: list("kms_key_arns") },
    ecrPullRestriction: { vpcEndpointIds: list("vpce_ids") },
  });
  return Testing.synth(stack);
}

const GOOD_TOKENS = {
  role_name: "web-execution",
  tags: { team: "web" },
  secret_arns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db"],
  kms_key_arns: ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
  vpce_ids: ["vpce-0123456789abcdef0"],
};

const BAD_TOKENS = {
  role_name: "web execution",
  tags: { "team#1": "web" },
  secret_arns: ["arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db"],
  // An alias does not grant access to its key: kms:Decrypt on it would let nothing through.
  kms_key_arns: ["arn:aws:kms:us-east-1:111122223333:alias/web"],
  vpce_ids: ["vpc-0123456789abcdef0"],
};

/** An existing instance role given as a variable, and a test that mocks the account the plan runs in. */
function existingRoleStack(): string {
  const stack = new ReadableStack(Testing.app(), "existing");
  new AwsProvider(stack, "aws", {});
  new EcsInstanceRole(stack, "InstanceRole", { existingRoleArn: new TerraformVariable(stack, "role_arn", { type: "string" }).stringValue });
  return Testing.synth(stack);
}

const EXISTING_ROLE_TEST = `
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111122223333" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
}

run "a_role_of_the_account" {
  command   = plan
  variables { role_arn = "arn:aws:iam::111122223333:role/ecsInstanceRole" }
}

run "a_role_of_another_account" {
  command         = plan
  variables { role_arn = "arn:aws:iam::444455556666:role/ecsInstanceRole" }
  expect_failures = [aws_iam_instance_profile.instance_role_instance_profile]
}

run "a_role_of_another_partition" {
  command         = plan
  variables { role_arn = "arn:aws-cn:iam::111122223333:role/ecsInstanceRole" }
  expect_failures = [aws_iam_instance_profile.instance_role_instance_profile]
}
`;

/** Terraform's diagnostics, one string each, white space folded. */
const diagnostics = (output: string) =>
  output
    .split(/Error: /)
    .slice(1)
    .map((d) => d.replace(/[│╷╵]/g, " ").replace(/\s+/g, " "));

describeTerraform("what AWS would refuse at apply or at task start, refused at plan", () => {
  const workspaces: Workspace[] = [];
  let refusedModules = "";
  const accepted: Record<string, boolean> = {};
  let refusedTokens = "";
  let acceptedTokens = false;
  let existingRole = "";

  async function workspace(layout: Parameters<typeof Workspace.create>[0]): Promise<Workspace> {
    const created = await Workspace.create(layout);
    workspaces.push(created);
    return created;
  }

  beforeAll(async () => {
    const modules = { modules: join(ROOT, "modules") };
    const refuseModules = async () => {
      const ws = await workspace({
        copies: modules,
        files: { "root/main.tf": REFUSED_MODULES, "literal/cdk.tf.json": literalStack() },
        workdir: "root",
      });
      refusedModules = await ws.planError("us-east-1", {}, "refused");
    };
    const acceptModules = async (partition: string, region: string) => {
      const ws = await workspace({ copies: modules, files: { "root/main.tf": ACCEPTED_MODULES(partition, region) }, workdir: "root" });
      accepted[region] = (await ws.plan(region, {}, "accepted")).json.resource_changes.length > 0;
    };
    const tokens = async () => {
      const ws = await workspace({ files: { "cdk.tf.json": tokenStack() } });
      refusedTokens = await ws.planError("us-east-1", BAD_TOKENS, "bad");
      acceptedTokens = (await ws.plan("us-east-1", GOOD_TOKENS, "good")).json.resource_changes.length > 0;
    };
    const existing = async () => {
      const ws = await workspace({
        files: { "main.tf.json": existingRoleStack(), "tests/existing.tftest.hcl": EXISTING_ROLE_TEST },
        offline: false,
      });
      existingRole = await ws.terraform(["test"]);
    };
    // Two at a time: each Terraform command starts the AWS provider, and the machine has two cores.
    await Promise.all([refuseModules(), acceptModules("aws-cn", "cn-north-1")]);
    await Promise.all([tokens(), acceptModules("aws-eusc", "eusc-de-east-1")]);
    await Promise.all([existing(), acceptModules("aws-us-gov", "us-gov-west-1")]);
  });

  afterAll(() => workspaces.forEach((w) => w.remove()));

  test("module inputs and literals: an ARN of another partition, roles named alike, inline policies over IAM's quota", () => {
    const found = diagnostics(refusedModules);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining("[IN30] variable 'secret_arns' must name the partition the stack is planned in"),
        expect.stringContaining("[IN31] variable 'instance_role_name' must be a role name no other role of the stack (or module) has"),
        expect.stringContaining("[IN32] TaskExecutionRole 'ecs-fargate/Default/ExecutionRole': the inline policies must be"),
        expect.stringContaining(
          "[IN30] TaskExecutionRole 'literal/ExecutionRole': 'secrets.ssmParameterArns' must name the partition the stack is planned in",
        ),
      ]),
    );
    expect(found).toHaveLength(4);
  });

  test.each([["cn-north-1"], ["eusc-de-east-1"], ["us-gov-west-1"]])("the same kinds of values plan when right, in %s", (region) => {
    expect(accepted[region]).toBe(true);
  });

  test("construct inputs that are TerraformVariables are checked at plan by the same rules as literals at synth", () => {
    const found = diagnostics(refusedTokens);
    const owner = "TaskExecutionRole 'tokens/ExecutionRole'";
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`[IN1] ${owner}: 'roleName' must be 1 to 64 characters`),
        expect.stringContaining(`[IN15] ${owner}: 'tags' must be at most 50 tags`),
        expect.stringContaining(`[IN30] ${owner}: 'secrets.secretArns' must name the partition the stack is planned in`),
        expect.stringContaining(`[IN12] ${owner}: 'secrets.kmsKeyArns' must be a list, each element a KMS key ARN`),
        expect.stringContaining(`[IN14] ${owner}: 'ecrPullRestriction.vpcEndpointIds' must be a list, each element a VPC endpoint id`),
      ]),
    );
    expect(found.every((d) => d.startsWith("Resource precondition failed"))).toBe(true);
    expect(acceptedTokens).toBe(true);
  });

  test("an existing instance role of another account or partition is refused at plan: a profile holds a role of its own account", () => {
    expect(existingRole).toMatch(/Success! 3 passed, 0 failed\./);
  });
});
