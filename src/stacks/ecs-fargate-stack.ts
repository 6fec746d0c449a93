import { Construct } from "constructs";
import { deployStack, StackDeploymentOptions } from "./deployment";
import { ReadableStack } from "./readable-stack";
import { ECS_FARGATE_OUTPUTS, EcsFargateSetup, EcsFargateSetupProps } from "../setups/ecs-fargate-setup";
import { addOutputs } from "../setups/output-spec";

/**
 * The deployable `ecs-fargate` stack: the task execution role with its optional policies. Region
 * and credentials come from the standard AWS environment, or from `options` (a role to assume, an S3 backend); state is
 * kept by the local backend unless `options` name an S3 bucket.
 */
export class EcsFargateStack extends ReadableStack {
  readonly setup: EcsFargateSetup;

  constructor(scope: Construct, id: string, props: EcsFargateSetupProps = {}, options: StackDeploymentOptions = {}) {
    super(scope, id);
    deployStack(this, options);
    this.setup = new EcsFargateSetup(this, "Default", props);
    addOutputs(this, ECS_FARGATE_OUTPUTS, this.setup);
  }
}
