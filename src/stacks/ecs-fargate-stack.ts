import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ReadableStack } from "./readable-stack";
import { ECS_FARGATE_OUTPUTS, EcsFargateSetup, EcsFargateSetupProps } from "../setups/ecs-fargate-setup";
import { addOutputs } from "../setups/output-spec";

/**
 * The deployable `ecs-fargate` stack: the task execution role with its optional policies. Region
 * and credentials come from the standard AWS environment; state is kept by the local backend.
 */
export class EcsFargateStack extends ReadableStack {
  readonly setup: EcsFargateSetup;

  constructor(scope: Construct, id: string, props: EcsFargateSetupProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", {});
    this.setup = new EcsFargateSetup(this, "Default", props);
    addOutputs(this, ECS_FARGATE_OUTPUTS, this.setup);
  }
}
