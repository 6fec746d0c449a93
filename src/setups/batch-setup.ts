import { Construct } from "constructs";
import { group, InputsOf } from "../inputs/input";
import { BATCH_SERVICE_ROLE_INPUTS, BatchServiceRole, BatchServiceRoleProps } from "../roles/batch-service-role";
import { ECS_INSTANCE_ROLE_INPUTS, EcsInstanceRole, EcsInstanceRoleProps } from "../roles/ecs-instance-role";
import { SPOT_FLEET_ROLE_INPUTS, SpotFleetRole, SpotFleetRoleProps } from "../roles/spot-fleet-role";
import { TASK_EXECUTION_ROLE_INPUTS, TaskExecutionRole, TaskExecutionRoleProps } from "../roles/task-execution-role";
import { OutputSpec } from "./output-spec";
import { checkSetupProps, SHARED_INPUTS, SharedRoleSettings, withSharedSettings } from "./shared-settings";

/** Properties of a {@link BatchSetup}. */
export interface BatchSetupProps extends SharedRoleSettings {
  /**
   * The AWS Batch service role; `{ "serviceLinked": true }` for the service-linked role
   * `AWSServiceRoleForBatch` in its place.
   *
   * @default - `AWSBatchServiceRole`, as AWS documents it
   */
  readonly serviceRole?: BatchServiceRoleProps;

  /**
   * The ECS container-instance role and its instance profile, for EC2 compute environments.
   *
   * @default - `ecsInstanceRole` and its instance profile, as AWS documents them
   */
  readonly instanceRole?: EcsInstanceRoleProps;

  /**
   * The task execution role that jobs on Fargate use. AWS documents it under the same name as the
   * ECS task execution role, `ecsTaskExecutionRole`; IAM role names are unique per account, so by
   * default this setup names it `batchTaskExecutionRole` and deploys beside an
   * `EcsFargateSetup`. Give `roleName: "ecsTaskExecutionRole"` for the documented name, or
   * `existingRoleArn` to share the ECS role.
   *
   * @default - `batchTaskExecutionRole`, otherwise as AWS documents `ecsTaskExecutionRole`
   */
  readonly executionRole?: TaskExecutionRoleProps;

  /**
   * The Amazon EC2 Spot Fleet role of `SPOT` compute environments (their `spot_iam_fleet_role`),
   * created when given: `{}` creates `AmazonEC2SpotFleetTaggingRole` as the AWS Batch guide does.
   *
   * @default - no Spot Fleet role
   * @see https://docs.aws.amazon.com/batch/latest/userguide/spot_fleet_IAM_role.html
   */
  readonly spotFleetRole?: SpotFleetRoleProps;
}

/** How a {@link BatchSetup} checks its props (each role's own through its construct). */
export const BATCH_SETUP_INPUTS: InputsOf<BatchSetupProps> = {
  ...SHARED_INPUTS,
  serviceRole: group(BATCH_SERVICE_ROLE_INPUTS),
  instanceRole: group(ECS_INSTANCE_ROLE_INPUTS),
  executionRole: group(TASK_EXECUTION_ROLE_INPUTS),
  spotFleetRole: group(SPOT_FLEET_ROLE_INPUTS),
};

/**
 * Every IAM role AWS Batch needs (seeds 000, 003, 004): the service role, the container-instance
 * role with its instance profile, and the execution role for jobs on Fargate.
 */
export class BatchSetup extends Construct {
  readonly serviceRole: BatchServiceRole;
  readonly instanceRole: EcsInstanceRole;
  readonly executionRole: TaskExecutionRole;
  /** The Spot Fleet role; undefined unless `spotFleetRole` is given. */
  readonly spotFleetRole?: SpotFleetRole;

  constructor(scope: Construct, id: string, props: BatchSetupProps = {}) {
    super(scope, id);
    const checked = checkSetupProps(this, "BatchSetup", props, BATCH_SETUP_INPUTS, [
      "serviceRole",
      "instanceRole",
      "executionRole",
      "spotFleetRole",
    ]);
    // Of the shared settings, a service-linked role takes only the tags: AWS names, places and trusts it.
    const serviceShared = checked.serviceRole?.serviceLinked === true ? { tags: checked.tags } : checked;
    this.serviceRole = new BatchServiceRole(this, "ServiceRole", withSharedSettings(serviceShared, checked.serviceRole));
    this.instanceRole = new EcsInstanceRole(
      this,
      "InstanceRole",
      // EC2 sends no confused-deputy keys; an existing role's profile still takes the path and tags.
      withSharedSettings(checked, checked.instanceRole, { sourceAccount: false, forExisting: ["path", "tags"] }),
    );
    this.executionRole = new TaskExecutionRole(
      this,
      "ExecutionRole",
      withSharedSettings(checked, executionRoleProps(checked.executionRole)),
    );
    if (checked.spotFleetRole !== undefined) {
      // Spot Fleet's trust is as the AWS Batch guide prints it: no confused-deputy keys.
      this.spotFleetRole = new SpotFleetRole(
        this,
        "SpotFleetRole",
        withSharedSettings(checked, checked.spotFleetRole, { sourceAccount: false }),
      );
    }
  }
}

/** The Batch execution role's default name: the documented one belongs to the ECS setup. */
export const BATCH_EXECUTION_ROLE_NAME = "batchTaskExecutionRole";

/** The execution role's props, named {@link BATCH_EXECUTION_ROLE_NAME} unless they name or bring a role. */
function executionRoleProps(props: TaskExecutionRoleProps = {}): TaskExecutionRoleProps {
  const named = props.roleName !== undefined || props.roleNamePrefix !== undefined || props.existingRoleArn !== undefined;
  return named ? props : { ...props, roleName: BATCH_EXECUTION_ROLE_NAME };
}

/** The outputs of a Batch stack or module; `null` for what is not created. */
export const BATCH_OUTPUTS: OutputSpec<BatchSetup>[] = [
  // The service-linked role's, when it is used: the descriptions stay as they were, for stacks written byte for byte as before.
  { name: "service_role_arn", description: "ARN of the AWS Batch service role.", value: (s) => s.serviceRole.roleArn },
  { name: "service_role_name", description: "Name of the AWS Batch service role.", value: (s) => s.serviceRole.roleName },
  { name: "instance_role_arn", description: "ARN of the ECS container-instance role.", value: (s) => s.instanceRole.roleArn },
  { name: "instance_role_name", description: "Name of the ECS container-instance role.", value: (s) => s.instanceRole.roleName },
  {
    name: "instance_profile_arn",
    description: "ARN of the EC2 instance profile of the container-instance role; what a compute environment's `instance_role` takes.",
    value: (s) => s.instanceRole.instanceProfileArn,
  },
  {
    name: "instance_profile_name",
    description: "Name of the EC2 instance profile of the container-instance role.",
    value: (s) => s.instanceRole.instanceProfileName,
  },
  {
    name: "execution_role_arn",
    description: "ARN of the task execution role for jobs on Fargate.",
    value: (s) => s.executionRole.roleArn,
  },
  {
    name: "execution_role_name",
    description: "Name of the task execution role for jobs on Fargate.",
    value: (s) => s.executionRole.roleName,
  },
  {
    name: "spot_fleet_role_arn",
    description: "ARN of the Amazon EC2 Spot Fleet role; what a `SPOT` compute environment's `spot_iam_fleet_role` takes.",
    value: (s) => s.spotFleetRole?.roleArn,
  },
  {
    name: "spot_fleet_role_name",
    description: "Name of the Amazon EC2 Spot Fleet role.",
    value: (s) => s.spotFleetRole?.roleName,
  },
];
