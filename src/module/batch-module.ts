import { BATCH_OUTPUTS, BATCH_SETUP_INPUTS, BatchSetup, BatchSetupProps } from "../setups/batch-setup";
import { ModuleDefinition } from "./module-definition";
import { SHARED_VARIABLES } from "./shared-variables";

/** `modules/batch`: the AWS Batch roles for plain Terraform. */
export const BATCH_MODULE: ModuleDefinition<BatchSetup, BatchSetupProps> = {
  name: "batch",
  title: "AWS Batch IAM roles",
  purpose:
    "The IAM roles AWS Batch needs, as AWS documents them: the Batch service role " +
    "(`AWSBatchServiceRole`, trusted by `batch.amazonaws.com`), the ECS container-instance role and its " +
    "EC2 instance profile (`ecsInstanceRole`, trusted by EC2: `ec2.amazonaws.com.cn` in China), and the " +
    "task execution role for jobs on Fargate (`ecsTaskExecutionRole`, trusted by `ecs-tasks.amazonaws.com`), " +
    "each with its AWS managed policy (or, with `use_service_linked_role`, the service-linked role `AWSServiceRoleForBatch` in place of " +
    "the service role); and, when asked for (`create_spot_fleet_role`), the Amazon EC2 Spot Fleet role of " +
    "`SPOT` compute environments (`AmazonEC2SpotFleetTaggingRole`, trusted by `spotfleet.amazonaws.com`). " +
    "ARNs and principals follow the partition of the caller's provider.",
  inputs: BATCH_SETUP_INPUTS,
  variables: [
    {
      name: "create_service_role",
      feeds: "serviceRole.create",
      description:
        "Whether to create the AWS Batch service role: the one named by `service_role_name`, or the service-linked role with `use_service_linked_role`; false to let compute environments use the AWS Batch service-linked role (`AWSServiceRoleForBatch`) that AWS creates on first use, unmanaged.",
      default: true,
    },
    {
      name: "service_role_name",
      feeds: "serviceRole.roleName",
      prefixable: true,
      description: "Name of the AWS Batch service role.",
      default: "AWSBatchServiceRole",
    },
    {
      name: "adopt_service_role",
      feeds: "serviceRole.adopt",
      description:
        "Whether the AWS Batch service role already exists in the account and the caller's `import` blocks bring it under management (Terraform allows no `import` block in a module; see `examples/adopt-existing`). Refuses, at plan, a role that is not created or is named by a prefix.",
      default: false,
    },
    {
      name: "use_service_linked_role",
      feeds: "serviceRole.serviceLinked",
      description:
        "Whether the AWS Batch service role is the service-linked role `AWSServiceRoleForBatch` (`aws_iam_service_linked_role`, its trust and permissions AWS's; at most one per account: import an existing one by its ARN), in place of the role named by `service_role_name`; `service_role_name`, `adopt_service_role`, `path`, `permissions_boundary` and `source_account_id` then do not apply to it.",
      default: false,
    },
    {
      name: "create_instance_role",
      feeds: "instanceRole.create",
      description:
        "Whether to create the ECS container-instance role and its instance profile; not needed for Fargate-only compute environments.",
      default: true,
    },
    {
      name: "instance_role_name",
      feeds: "instanceRole.roleName",
      prefixable: true,
      description: "Name of the ECS container-instance role.",
      default: "ecsInstanceRole",
    },
    {
      name: "instance_profile_name",
      feeds: "instanceRole.instanceProfileName",
      description: "Name of the instance profile; null uses `instance_role_name`, as the IAM console does.",
      default: null,
    },
    {
      name: "adopt_instance_role",
      feeds: "instanceRole.adopt",
      description:
        "Whether the ECS container-instance role already exists in the account and the caller's `import` blocks bring it under management (with its instance profile) (Terraform allows no `import` block in a module; see `examples/adopt-existing`). Refuses, at plan, a role that is not created or is named by a prefix.",
      default: false,
    },
    {
      name: "create_execution_role",
      feeds: "executionRole.create",
      description: "Whether to create the task execution role named by `execution_role_name`, for jobs on Fargate.",
      default: true,
    },
    {
      name: "execution_role_name",
      feeds: "executionRole.roleName",
      prefixable: true,
      description:
        "Name of the task execution role; IAM role names are unique per account, so change it when the `ecs-fargate` module creates `ecsTaskExecutionRole` in the same account.",
      default: "ecsTaskExecutionRole",
    },
    {
      name: "adopt_execution_role",
      feeds: "executionRole.adopt",
      description:
        "Whether the task execution role already exists in the account and the caller's `import` blocks bring it under management (Terraform allows no `import` block in a module; see `examples/adopt-existing`). Refuses, at plan, a role that is not created or is named by a prefix.",
      default: false,
    },
    {
      name: "create_spot_fleet_role",
      feeds: "spotFleetRole.create",
      description:
        "Whether to create the Amazon EC2 Spot Fleet role named by `spot_fleet_role_name`, for `SPOT` compute environments (`spot_iam_fleet_role`).",
      default: false,
    },
    {
      name: "spot_fleet_role_name",
      feeds: "spotFleetRole.roleName",
      prefixable: true,
      description: "Name of the Amazon EC2 Spot Fleet role.",
      default: "AmazonEC2SpotFleetTaggingRole",
    },
    {
      name: "adopt_spot_fleet_role",
      feeds: "spotFleetRole.adopt",
      description:
        "Whether the Amazon EC2 Spot Fleet role already exists in the account and the caller's `import` blocks bring it under management (Terraform allows no `import` block in a module; see `examples/adopt-existing`). Refuses, at plan, a role that is not created or is named by a prefix.",
      default: false,
    },
    ...SHARED_VARIABLES,
  ],
  outputs: BATCH_OUTPUTS,
  setup: (scope, props) => new BatchSetup(scope, "Default", props),
  usage: `
path                 = "/batch/"
permissions_boundary = "arn:aws:iam::111122223333:policy/PlatformBoundary"
source_account_id    = "111122223333"
tags = {
  team = "hpc"
}
`,
};
