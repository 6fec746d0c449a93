import { Construct } from "constructs";
import { InputsOf, str } from "../inputs/input";
import { rules } from "../rules";
import { RoleBase } from "./role-base";
import { ROLE_INPUTS, RoleProps } from "./role-props";
import { RoleSpec } from "./role-spec";

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

/** How a {@link BatchServiceRole} checks its props. */
export const BATCH_SERVICE_ROLE_INPUTS: InputsOf<BatchServiceRoleProps> = {
  ...ROLE_INPUTS,
  sourceAccountId: str(rules.accountId),
};

const BATCH_SERVICE_ROLE: RoleSpec<BatchServiceRoleProps> = {
  typeName: "BatchServiceRole",
  defaultRoleName: "AWSBatchServiceRole",
  managedPolicy: "service-role/AWSBatchServiceRole",
  service: "batch",
  inputs: BATCH_SERVICE_ROLE_INPUTS,
  trustGuard: (props) => ({ sourceAccount: props.sourceAccountId }),
};

/**
 * The AWS Batch service role (seed 004): trusted by `batch.amazonaws.com`, with the AWS managed
 * policy `service-role/AWSBatchServiceRole` attached. Named `AWSBatchServiceRole` by default.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/service_IAM_role.html
 */
export class BatchServiceRole extends RoleBase<BatchServiceRoleProps> {
  constructor(scope: Construct, id: string, props: BatchServiceRoleProps = {}) {
    super(scope, id, props, BATCH_SERVICE_ROLE);
  }
}
