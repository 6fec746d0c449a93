import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { ReadableStack } from "./readable-stack";
import { BATCH_OUTPUTS, BatchSetup, BatchSetupProps } from "../setups/batch-setup";
import { addOutputs } from "../setups/output-spec";

/**
 * The deployable `batch` stack: the AWS Batch service role, the ECS container-instance role with
 * its instance profile, and the execution role for jobs on Fargate. Region and credentials come
 * from the standard AWS environment; state is kept by the local backend.
 */
export class BatchStack extends ReadableStack {
  readonly setup: BatchSetup;

  constructor(scope: Construct, id: string, props: BatchSetupProps = {}) {
    super(scope, id);
    new AwsProvider(this, "aws", {});
    this.setup = new BatchSetup(this, "Default", props);
    addOutputs(this, BATCH_OUTPUTS, this.setup);
  }
}
