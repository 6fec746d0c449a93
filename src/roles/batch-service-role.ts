import { IResolvable } from "cdktf";
import { Construct } from "constructs";
import { SHAPE_CODES } from "../inputs/check";
import { flag, InputsOf, str } from "../inputs/input";
import { addStackPrecondition, condition, inputName } from "../inputs/plan-checks";
import { and, choose, Flag, isToken, not, orDefault } from "../private/expr";
import { escapeTemplate } from "../private/hcl";
import { rules } from "../rules";
import { BatchServiceLinkedRole } from "./batch-service-linked-role";
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

  /**
   * Use the AWS Batch service-linked role, `AWSServiceRoleForBatch`, in place of the custom
   * `AWSBatchServiceRole`: it is created with IAM's `CreateServiceLinkedRole`
   * (`aws_iam_service_linked_role`), its trust and permissions (`BatchServiceRolePolicy`) are
   * AWS's, and the role's `roleArn` (the `service_role_arn` output) is its ARN. An account holds it at most once: when
   * the account has it already, adopt it with the audit's import set. Only `description` and `tags`
   * apply to it; every other setting of the custom role must then be left unset. A compute
   * environment cannot switch between the two kinds of service role.
   *
   * @default false
   * @see https://docs.aws.amazon.com/batch/latest/userguide/using-service-linked-roles-batch-general.html
   */
  readonly serviceLinked?: boolean | IResolvable;
}

/** How a {@link BatchServiceRole} checks its props. */
export const BATCH_SERVICE_ROLE_INPUTS: InputsOf<BatchServiceRoleProps> = {
  ...ROLE_INPUTS,
  sourceAccountId: str(rules.accountId),
  serviceLinked: flag(),
};

/** The props that also shape the service-linked role; every other one is the custom role's alone. */
const SERVICE_LINKED_ROLE_PROPS: readonly string[] = ["create", "serviceLinked", "description", "tags"];

const BATCH_SERVICE_ROLE: RoleSpec<BatchServiceRoleProps> = {
  typeName: "BatchServiceRole",
  defaultRoleName: "AWSBatchServiceRole",
  managedPolicy: "service-role/AWSBatchServiceRole",
  service: "batch",
  inputs: BATCH_SERVICE_ROLE_INPUTS,
  trustGuard: (props) => ({ sourceAccount: props.sourceAccountId }),
  createsRoleResource: (props) => not(orDefault(props.serviceLinked, false)),
};

/**
 * The AWS Batch service role (seed 004): trusted by `batch.amazonaws.com`, with the AWS managed
 * policy `service-role/AWSBatchServiceRole` attached. Named `AWSBatchServiceRole` by default.
 * With `serviceLinked`, the service-linked role `AWSServiceRoleForBatch` instead
 * ({@link BatchServiceLinkedRole}).
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/service_IAM_role.html
 */
export class BatchServiceRole extends RoleBase<BatchServiceRoleProps> {
  /** The service-linked role; undefined unless `serviceLinked` may be true. */
  readonly serviceLinkedRole?: BatchServiceLinkedRole;
  private readonly serviceLinked: Flag;

  constructor(scope: Construct, id: string, props: BatchServiceRoleProps = {}) {
    super(scope, id, props, BATCH_SERVICE_ROLE);
    this.serviceLinked = orDefault(this.props.serviceLinked, false);
    if (this.serviceLinked === false) return;
    if (this.serviceLinked === true) {
      for (const [key, value] of Object.entries(this.props)) {
        if (value === undefined || SERVICE_LINKED_ROLE_PROPS.includes(key)) continue;
        this.report({
          code: SHAPE_CODES.conflict,
          path: key,
          value,
          requirement: "left unset when 'serviceLinked' is true: AWS names, places and trusts a service-linked role",
        });
      }
    }
    const { adopt, create, description, tags } = this.props;
    if (isToken(this.serviceLinked) && adopt !== undefined && adopt !== false) {
      // A module's variables: adopting means the custom role, imported by its name.
      const serviceLinked = this.serviceLinked;
      addStackPrecondition(this, {
        condition: condition((hcl) => `!(${hcl(adopt)} && ${hcl(serviceLinked)})`),
        errorMessage: escapeTemplate(
          `[${SHAPE_CODES.conflict}] ${inputName(this.owner, "adopt", adopt)} must be false when ${inputName(this.owner, "serviceLinked", serviceLinked)} is true: a service-linked role is imported by its ARN, with an import block of the caller's.`,
        ),
      });
    }
    this.serviceLinkedRole = new BatchServiceLinkedRole(this, "ServiceLinked", {
      create: and(orDefault(create, true), this.serviceLinked),
      description,
      tags,
    });
  }

  /** The ARN of the role, or of the service-linked role with `serviceLinked`; `null` when switched off. */
  get roleArn(): string {
    const linked = this.serviceLinkedRole;
    return linked === undefined ? super.roleArn : choose(this.serviceLinked, linked.roleArn, super.roleArn);
  }

  /** The name of the role, or of the service-linked role with `serviceLinked`; `null` when switched off. */
  get roleName(): string {
    const linked = this.serviceLinkedRole;
    return linked === undefined ? super.roleName : choose(this.serviceLinked, linked.roleName, super.roleName);
  }
}
