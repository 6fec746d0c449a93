import { Construct } from "constructs";
import { deployStack, StackDeploymentOptions } from "./deployment";
import { ReadableStack } from "./readable-stack";
import { BATCH_OUTPUTS, BatchSetup, BatchSetupProps } from "../setups/batch-setup";
import { addOutputs } from "../setups/output-spec";

/**
 * The deployable `batch` stack: the AWS Batch service role, the ECS container-instance role with
 * its instance profile, and the execution role for jobs on Fargate. Region and credentials come
 * from the standard AWS environment, or from `options` (a role to assume, an S3 backend); state is
 * kept by the local backend unless `options` name an S3 bucket.
 */
export class BatchStack extends ReadableStack {
  readonly setup: BatchSetup;

  constructor(scope: Construct, id: string, props: BatchSetupProps = {}, options: StackDeploymentOptions = {}) {
    super(scope, id);
    deployStack(this, options);
    this.setup = new BatchSetup(this, "Default", props);
    addOutputs(this, BATCH_OUTPUTS, this.setup);
  }
}
