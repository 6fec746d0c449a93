import { Construct } from "constructs";
import { group, InputsOf } from "../inputs/input";
import { ECS_INFRASTRUCTURE_ROLE_INPUTS, EcsInfrastructureRole, EcsInfrastructureRoleProps } from "../roles/ecs-infrastructure-role";
import { TASK_EXECUTION_ROLE_INPUTS, TaskExecutionRole, TaskExecutionRoleProps } from "../roles/task-execution-role";
import { TASK_ROLE_INPUTS, TaskRole, TaskRoleProps } from "../roles/task-role";
import { OutputSpec } from "./output-spec";
import { checkSetupProps, SHARED_INPUTS, SharedRoleSettings, withSharedSettings } from "./shared-settings";

/** Properties of an {@link EcsFargateSetup}. */
export interface EcsFargateSetupProps extends SharedRoleSettings {
  /**
   * The task execution role, with its optional policies for private registries, secrets and
   * ECR pulls restricted to VPCs or endpoints.
   *
   * @default - `ecsTaskExecutionRole` with the AWS managed policy only, as AWS documents it
   */
  readonly executionRole?: TaskExecutionRoleProps;

  /**
   * The Amazon ECS infrastructure role for Amazon EBS volumes attached to tasks (their
   * `managedEBSVolume.roleArn`), created when given: `{}` creates `ecsInfrastructureRole` as the
   * Amazon ECS guide does.
   *
   * @default - no infrastructure role
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
   */
  readonly infrastructureRole?: EcsInfrastructureRoleProps;

  /**
   * The IAM role for tasks, the application's own (a task definition's `taskRoleArn`, or an AWS
   * Batch job's `jobRoleArn`), created when given: `{}` creates `ecsTaskRole` with no permissions;
   * `execCommand` adds ECS Exec and `statements` the application's own.
   *
   * @default - no task role
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
   */
  readonly taskRole?: TaskRoleProps;
}

/** How an {@link EcsFargateSetup} checks its props (the role's own through its construct). */
export const ECS_FARGATE_SETUP_INPUTS: InputsOf<EcsFargateSetupProps> = {
  ...SHARED_INPUTS,
  executionRole: group(TASK_EXECUTION_ROLE_INPUTS),
  infrastructureRole: group(ECS_INFRASTRUCTURE_ROLE_INPUTS),
  taskRole: group(TASK_ROLE_INPUTS),
};

/**
 * The IAM roles Amazon ECS tasks on Fargate need (seeds 001 and 002): the task execution role; and,
 * when asked for, the infrastructure role for EBS volumes and the task role.
 */
export class EcsFargateSetup extends Construct {
  readonly executionRole: TaskExecutionRole;
  /** The infrastructure role; undefined unless `infrastructureRole` is given. */
  readonly infrastructureRole?: EcsInfrastructureRole;
  /** The task role; undefined unless `taskRole` is given. */
  readonly taskRole?: TaskRole;

  constructor(scope: Construct, id: string, props: EcsFargateSetupProps = {}) {
    super(scope, id);
    const checked = checkSetupProps(this, "EcsFargateSetup", props, ECS_FARGATE_SETUP_INPUTS, [
      "executionRole",
      "infrastructureRole",
      "taskRole",
    ]);
    this.executionRole = new TaskExecutionRole(this, "ExecutionRole", withSharedSettings(checked, checked.executionRole));
    if (checked.infrastructureRole !== undefined) {
      // The trust is the Amazon ECS guide's: no confused-deputy keys.
      this.infrastructureRole = new EcsInfrastructureRole(
        this,
        "InfrastructureRole",
        withSharedSettings(checked, checked.infrastructureRole, { sourceAccount: false }),
      );
    }
    if (checked.taskRole !== undefined) this.taskRole = new TaskRole(this, "TaskRole", withSharedSettings(checked, checked.taskRole));
  }
}

/** The outputs of an ECS Fargate stack or module. */
export const ECS_FARGATE_OUTPUTS: OutputSpec<EcsFargateSetup>[] = [
  { name: "execution_role_arn", description: "ARN of the task execution role.", value: (s) => s.executionRole.roleArn },
  { name: "execution_role_name", description: "Name of the task execution role.", value: (s) => s.executionRole.roleName },
  {
    name: "infrastructure_role_arn",
    description: "ARN of the Amazon ECS infrastructure role; what a service's or task's `managed_ebs_volume.role_arn` takes.",
    value: (s) => s.infrastructureRole?.roleArn,
  },
  {
    name: "infrastructure_role_name",
    description: "Name of the Amazon ECS infrastructure role.",
    value: (s) => s.infrastructureRole?.roleName,
  },
  {
    name: "task_role_arn",
    description: "ARN of the task role; what a task definition's `task_role_arn` (or a Batch job definition's `job_role_arn`) takes.",
    value: (s) => s.taskRole?.roleArn,
  },
  { name: "task_role_name", description: "Name of the task role.", value: (s) => s.taskRole?.roleName },
];
