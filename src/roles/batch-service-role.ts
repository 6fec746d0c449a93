import { Construct } from "constructs";
import { RoleBase } from "./role-base";
import { rules } from "../rules";
import { RoleProps } from "./role-props";

/** Properties of a {@link BatchServiceRole}. */
export interface BatchServiceRoleProps extends RoleProps {
  /**
   * The account AWS Batch may assume the role for: adds `aws:SourceAccount` to the trust
   * statement (confused-deputy protection).
   *
   * @default - the trust policy is exactly the one AWS documents
   * @see https://docs.aws.amazon.com/batch/latest/userguide/cross-service-confused-deputy-prevention.html
   */
  readonly sourceAccountId?: string;
}

/**
 * The AWS Batch service role (seed 004): trusted by `batch.amazonaws.com`, with the AWS managed
 * policy `service-role/AWSBatchServiceRole` attached. Named `AWSBatchServiceRole` by default.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/service_IAM_role.html
 */
export class BatchServiceRole extends RoleBase {
  constructor(scope: Construct, id: string, props: BatchServiceRoleProps = {}) {
    super(scope, id, props, {
      typeName: "BatchServiceRole",
      defaultRoleName: "AWSBatchServiceRole",
      managedPolicy: "service-role/AWSBatchServiceRole",
      service: "batch",
      guard: () => ({ sourceAccount: props.sourceAccountId }),
      createOnly: { sourceAccountId: props.sourceAccountId },
      checkProps: (check) => check.value("sourceAccountId", props.sourceAccountId, rules.accountId),
    });
  }
}
