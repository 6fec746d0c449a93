import { Construct } from "constructs";
import { group, InputsOf } from "../inputs/input";
import { TASK_EXECUTION_ROLE_INPUTS, TaskExecutionRole, TaskExecutionRoleProps } from "../roles/task-execution-role";
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
}

/** How an {@link EcsFargateSetup} checks its props (the role's own through its construct). */
export const ECS_FARGATE_SETUP_INPUTS: InputsOf<EcsFargateSetupProps> = {
  ...SHARED_INPUTS,
  executionRole: group(TASK_EXECUTION_ROLE_INPUTS),
};

/** The IAM role Amazon ECS tasks on Fargate need (seeds 001 and 002): the task execution role. */
export class EcsFargateSetup extends Construct {
  readonly executionRole: TaskExecutionRole;

  constructor(scope: Construct, id: string, props: EcsFargateSetupProps = {}) {
    super(scope, id);
    const checked = checkSetupProps(this, "EcsFargateSetup", props, ECS_FARGATE_SETUP_INPUTS, ["executionRole"]);
    this.executionRole = new TaskExecutionRole(this, "ExecutionRole", withSharedSettings(checked, checked.executionRole));
  }
}

/** The outputs of an ECS Fargate stack or module. */
export const ECS_FARGATE_OUTPUTS: OutputSpec<EcsFargateSetup>[] = [
  { name: "execution_role_arn", description: "ARN of the task execution role.", value: (s) => s.executionRole.roleArn },
  { name: "execution_role_name", description: "Name of the task execution role.", value: (s) => s.executionRole.roleName },
];
