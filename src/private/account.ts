import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

/** The construct id of the one `aws_caller_identity` data source a stack gets. */
const CALLER_ID = "CallerIdentity";

/**
 * The id of the account the stack is planned in (`data.aws_caller_identity`, created on first
 * use, one per stack): known at plan, from STS.
 */
export function accountIdOf(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  const found = stack.node.tryFindChild(CALLER_ID);
  const caller = found instanceof DataAwsCallerIdentity ? found : new DataAwsCallerIdentity(stack, CALLER_ID);
  return caller.accountId;
}
