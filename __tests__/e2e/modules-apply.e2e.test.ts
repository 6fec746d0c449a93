import { join } from "path";
import { accountContents, iamClient, roleOf } from "../helpers/account";
import { FaultProxy, faultProxy } from "../helpers/fault-proxy";
import { Moto, MOTO_ACCOUNT, startMoto } from "../helpers/moto";
import { SKIP_TERRAFORM, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;
const REGION = "eu-west-1";
const ARN = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${MOTO_ACCOUNT}:${resource}`;

/**
 * A plain Terraform root outside the repository, as a team without Node writes one: both modules
 * with every input set, the task execution role in the `inline` and the `managed` policy styles.
 */
const everyInput = `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {}

variable "tags" {
  type = map(string)
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
  create_spot_fleet_role = true
  spot_fleet_role_name  = "every-batch-spot-fleet"
  path                  = "/platform/"
  permissions_boundary  = aws_iam_policy.boundary.arn
  source_account_id     = "${MOTO_ACCOUNT}"
  tags                  = var.tags
  exclusive_policies    = true
}

# The Batch service-linked role alone: at most one per account.
module "batch_linked" {
  source = "../modules/batch"

  use_service_linked_role = true
  create_instance_role    = false
  create_execution_role   = false
  path                    = "/platform/"
  tags                    = var.tags
}

output "linked_service_role_arn" {
  value = module.batch_linked.service_role_arn
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
  create_log_group_arns        = ["${ARN("logs", "log-group:/ecs/web")}"]
  pull_through_cache_repository_arns = ["${ARN("ecr", "repository/docker-hub/*")}"]
  create_infrastructure_role   = true
  infrastructure_role_name     = "every-web-infrastructure"
  create_task_role             = true
  task_role_name               = "every-web-task"
  task_role_exec_command       = true
  task_role_statements = [
    { sid = "ReadReports", actions = ["s3:GetObject"], resources = ["arn:aws:s3:::reports/*"] },
    {
      actions    = ["s3:ListBucket"]
      resources  = ["arn:aws:s3:::reports"]
      conditions = [{ test = "StringLike", variable = "s3:prefix", values = ["daily/*"] }]
    },
  ]
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
`;

/**
 * `examples/consumers` (compute environments, a job queue, job and task definitions) on the roles it
 * consumes, from a root that gives it the account's default network and a secret.
 */
const consumers = `
provider "aws" {}

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

module "consumers" {
  source = "../examples/consumers"

  subnet_ids             = data.aws_subnets.default.ids
  security_group_ids     = [data.aws_security_group.default.id]
  db_password_secret_arn = aws_secretsmanager_secret.db_password.arn
}
`;

/** The account of the consumers' root: another of moto's, through a proxy that names it. */
const CONSUMERS_ACCOUNT = "210987654321";

/**
 * The modules applied for real, against an account (moto): an empty plan after the apply, an
 * update in place, another empty plan, and a destroy that leaves the account as it found it.
 *
 * The two roots run side by side, each on an account of its own: the consumers' job queue keeps
 * its root waiting (the AWS provider waits 30 s after creating a job queue, and 30 s after each of
 * the two calls that delete it, however fast the account answers), and the other root is applied,
 * updated and destroyed meanwhile.
 */
describeMoto("the modules applied from a plain Terraform root", () => {
  let moto: Moto;
  let proxy: FaultProxy;
  const workspaces: Workspace[] = [];
  const emptyAccount = { roles: [], profiles: [], policies: [] };

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await faultProxy(moto.url, {}, CONSUMERS_ACCOUNT);
  });

  afterAll(async () => {
    workspaces.forEach((w) => w.remove());
    await proxy?.close();
    moto?.stop();
  });

  const workspace = async (main: string, environment: Record<string, string>) => {
    const created = await Workspace.create({
      copies: { modules: join(ROOT, "modules"), "examples/consumers": join(ROOT, "examples", "consumers") },
      files: { "root/main.tf": main },
      workdir: "root",
      environment,
    });
    workspaces.push(created);
    return created;
  };

  test.concurrent(
    "both modules with every input, in both policy styles: applied as the inputs say, then an empty plan; the tags updated in place, then an empty plan; destroyed, the account as it found it",
    async () => {
      const iam = iamClient(moto.environment(REGION));
      const root = await workspace(everyInput, moto.environment(REGION));
      const vars: Record<string, unknown> = { tags: { team: "platform" } };
      await root.apply(vars);
      expect(await roleOf(iam, "every-web-inline")).toMatchObject({
        path: "/platform/",
        tags: { team: "platform" },
        trustedBy: ["ecs-tasks.amazonaws.com"],
        attached: [],
        inline: ["CreateLogGroups", "EcrPullThroughVpc", "EcsSecrets", "PrivateRegistryAuthentication", "PullThroughCache"],
      });
      expect(await roleOf(iam, "every-web-managed")).toMatchObject({
        inline: [],
        attached: [
          `arn:aws:iam::${MOTO_ACCOUNT}:policy/every-web-managed-EcrPullThroughVpc`,
          `arn:aws:iam::${MOTO_ACCOUNT}:policy/every-web-managed-EcsSecrets`,
          `arn:aws:iam::${MOTO_ACCOUNT}:policy/every-web-managed-PrivateRegistryAuthentication`,
        ],
      });
      expect(await roleOf(iam, "every-batch-spot-fleet")).toMatchObject({
        path: "/platform/",
        tags: { team: "platform" },
        trustedBy: ["spotfleet.amazonaws.com"],
        attached: ["arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole"],
        inline: [],
      });
      expect(await roleOf(iam, "every-web-infrastructure")).toMatchObject({
        path: "/platform/",
        trustedBy: ["ecs.amazonaws.com"],
        attached: ["arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes"],
        inline: [],
      });
      expect(await roleOf(iam, "every-web-task")).toMatchObject({
        path: "/platform/",
        tags: { team: "platform" },
        trustedBy: ["ecs-tasks.amazonaws.com"],
        attached: [],
        inline: ["EcsExec", "TaskPermissions"],
      });
      expect((await accountContents(iam)).profiles).toEqual(["every-batch-instances"]);
      // moto names it AWSServiceRoleForbatch; IAM, AWSServiceRoleForBatch. The module's path is not its: AWS places it.
      expect(await roleOf(iam, "AWSServiceRoleForbatch")).toMatchObject({
        path: "/aws-service-role/batch.amazonaws.com/",
        tags: { team: "platform" },
        trustedBy: ["batch.amazonaws.com"],
      });
      expect(JSON.parse(await root.terraform(["output", "-json", "linked_service_role_arn"]))).toBe(
        `arn:aws:iam::${MOTO_ACCOUNT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForbatch`,
      );
      expect(await root.planChanges(REGION, vars, "after-apply")).toEqual([]);

      // The tags of every role and policy: each change an update in place, applied as planned.
      vars.tags = { team: "platform", cost_center: "42" };
      const update = await root.planChanges(REGION, vars, "update");
      expect(update.length).toBeGreaterThan(0);
      expect(update.filter((c) => !c.endsWith(": update"))).toEqual([]);
      await root.applyPlan("update");
      expect((await roleOf(iam, "every-batch-service")).tags).toEqual({ team: "platform", cost_center: "42" });
      expect((await roleOf(iam, "AWSServiceRoleForbatch")).tags).toEqual({ team: "platform", cost_center: "42" });
      expect(await root.planChanges(REGION, vars, "after-update")).toEqual([]);

      await root.destroy(vars);
      expect(await accountContents(iam)).toEqual(emptyAccount);
    },
  );

  test.concurrent(
    "examples/consumers on the roles it consumes: applied, then an empty plan; destroyed, the account as it found it",
    async () => {
      const environment = moto.environment(REGION, proxy.url);
      const iam = iamClient(environment);
      const root = await workspace(consumers, environment);
      await root.apply();
      expect(await accountContents(iam)).toEqual({
        roles: ["AWSBatchServiceRole", "batchTaskExecutionRole", "ecsInstanceRole", "ecsTaskExecutionRole"],
        profiles: ["ecsInstanceRole"],
        policies: [],
      });
      expect(await root.planChanges(REGION, {}, "after-apply")).toEqual([]);
      await root.destroy();
      expect(await accountContents(iam)).toEqual(emptyAccount);
    },
  );
});
