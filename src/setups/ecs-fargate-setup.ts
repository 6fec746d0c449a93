import { Construct } from "constructs";
import { TaskExecutionRole, TaskExecutionRoleProps } from "../roles/task-execution-role";
import { OutputSpec } from "./output-spec";
import { checkSetupProps, SharedRoleSettings, withSharedSettings } from "./shared-settings";

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

/** The IAM role Amazon ECS tasks on Fargate need (seeds 001 and 002): the task execution role. */
export class EcsFargateSetup extends Construct {
  readonly executionRole: TaskExecutionRole;

  constructor(scope: Construct, id: string, props: EcsFargateSetupProps = {}) {
    super(scope, id);
    checkSetupProps(this, "EcsFargateSetup", props, ["executionRole"]);
    this.executionRole = new TaskExecutionRole(this, "ExecutionRole", withSharedSettings(props, props.executionRole));
  }
}

/** The outputs of an ECS Fargate stack or module. */
export const ECS_FARGATE_OUTPUTS: OutputSpec<EcsFargateSetup>[] = [
  { name: "execution_role_arn", description: "ARN of the task execution role.", value: (s) => s.executionRole.roleArn },
  { name: "execution_role_name", description: "Name of the task execution role.", value: (s) => s.executionRole.roleName },
];
