import { IAMClient } from "@aws-sdk/client-iam";
import { join } from "path";
import { accountContents, iamClient, roleOf } from "../helpers/account";
import { Moto, MOTO_ACCOUNT, startMoto } from "../helpers/moto";
import { changesOf, SKIP_TERRAFORM, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;
const REGION = "eu-west-1";
const ARN = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${MOTO_ACCOUNT}:${resource}`;

/**
 * A plain Terraform root outside the repository, as a team without Node writes one: both modules
 * with every input set, the task execution role in the `inline` and the `managed` policy styles,
 * and `examples/consumers` (compute environments, a job queue, job and task definitions) on the
 * roles it consumes.
 */
const root = `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {}

variable "tags" {
  type = map(string)
}

data "aws_vpc" "default" {
  default = true
}

data "aws_subnets" "default" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default.id]
  }
}

data "aws_security_group" "default" {
  vpc_id = data.aws_vpc.default.id
  name   = "default"
}

resource "aws_secretsmanager_secret" "db_password" {
  name = "web/db-password"
}

resource "aws_iam_policy" "boundary" {
  name   = "PlatformBoundary"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

module "batch" {
  source = "../modules/batch"

  service_role_name     = "every-batch-service"
  instance_role_name    = "every-batch-instance"
  instance_profile_name = "every-batch-instances"
  execution_role_name   = "every-batch-execution"
  path                  = "/platform/"
  permissions_boundary  = aws_iam_policy.boundary.arn
  source_account_id     = "${MOTO_ACCOUNT}"
  tags                  = var.tags
  exclusive_policies    = true
}

module "web_inline" {
  source = "../modules/ecs-fargate"

  execution_role_name          = "every-web-inline"
  private_registry_secret_arns = ["${ARN("secretsmanager", "secret:registry")}"]
  secret_arns                  = ["${ARN("secretsmanager", "secret:web/db-AbCdEf")}"]
  ssm_parameter_arns           = ["${ARN("ssm", "parameter/web/url")}"]
  kms_key_arns                 = ["${ARN("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")}"]
  ecr_pull_vpc_ids             = ["vpc-0123456789abcdef0"]
  ecr_pull_vpce_ids            = ["vpce-0123456789abcdef0"]
  policy_style                 = "inline"
  path                         = "/platform/"
  permissions_boundary         = aws_iam_policy.boundary.arn
  source_account_id            = "${MOTO_ACCOUNT}"
  tags                         = var.tags
}

module "web_managed" {
  source = "../modules/ecs-fargate"

  execution_role_name          = "every-web-managed"
  private_registry_secret_arns = ["${ARN("secretsmanager", "secret:registry")}"]
  secret_arns                  = ["${ARN("secretsmanager", "secret:web/db-AbCdEf")}"]
  ssm_parameter_arns           = ["${ARN("ssm", "parameter/web/url")}"]
  kms_key_arns                 = ["${ARN("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")}"]
  ecr_pull_vpce_ids            = ["vpce-0123456789abcdef0"]
  policy_style                 = "managed"
  use_name_prefix              = false
  exclusive_policies           = false
  tags                         = var.tags
}

module "consumers" {
  source = "../examples/consumers"

  subnet_ids             = data.aws_subnets.default.ids
  security_group_ids     = [data.aws_security_group.default.id]
  db_password_secret_arn = aws_secretsmanager_secret.db_password.arn
}
`;

/**
 * The modules applied for real, against an account (moto): an empty plan after the apply, an
 * update in place, another empty plan, and a destroy that leaves the account as it found it.
 */
describeMoto("the modules applied from a plain Terraform root", () => {
  let moto: Moto;
  let iam: IAMClient;
  let workspace: Workspace;
  const vars: Record<string, unknown> = { tags: { team: "platform" } };

  beforeAll(async () => {
    moto = await startMoto();
    const environment = moto.environment(REGION);
    iam = iamClient(moto.environment(REGION));
    workspace = await Workspace.create({
      copies: { modules: join(ROOT, "modules"), "examples/consumers": join(ROOT, "examples", "consumers") },
      files: { "root/main.tf": root },
      workdir: "root",
      environment,
    });
  });

  afterAll(async () => {
    workspace?.remove();
    moto?.stop();
  });

  test("applied: every role as the inputs say; the next plan is empty", async () => {
    await workspace.apply(vars);
    expect(await roleOf(iam, "every-web-inline")).toMatchObject({
      path: "/platform/",
      tags: { team: "platform" },
      trustedBy: ["ecs-tasks.amazonaws.com"],
      attached: [],
      inline: ["EcrPullThroughVpc", "EcsSecrets", "PrivateRegistryAuthentication"],
    });
    expect(await roleOf(iam, "every-web-managed")).toMatchObject({
      inline: [],
      attached: [
        `arn:aws:iam::${MOTO_ACCOUNT}:policy/every-web-managed-EcrPullThroughVpc`,
        `arn:aws:iam::${MOTO_ACCOUNT}:policy/every-web-managed-EcsSecrets`,
        `arn:aws:iam::${MOTO_ACCOUNT}:policy/every-web-managed-PrivateRegistryAuthentication`,
      ],
    });
    expect((await accountContents(iam)).profiles).toEqual(["ecsInstanceRole", "every-batch-instances"]);
    expect(changesOf(await workspace.plan(REGION, vars, "after-apply"))).toEqual([]);
  });

  test("an update in place (the tags of every role and policy), then an empty plan", async () => {
    vars.tags = { team: "platform", cost_center: "42" };
    const update = await workspace.plan(REGION, vars, "update");
    expect(changesOf(update).every((c) => c.endsWith(": update"))).toBe(true);
    await workspace.apply(vars, "update");
    expect((await roleOf(iam, "every-batch-service")).tags).toEqual({ team: "platform", cost_center: "42" });
    expect(changesOf(await workspace.plan(REGION, vars, "after-update"))).toEqual([]);
  });

  test("destroy leaves the account as it found it", async () => {
    await workspace.destroy(vars);
    expect(await accountContents(iam)).toEqual({ roles: [], profiles: [], policies: [] });
  });
});
