import { IamServiceLinkedRole } from "@cdktf/provider-aws/lib/iam-service-linked-role";
import { IResolvable } from "cdktf";
import { Construct } from "constructs";
import type { RoleModel } from "../checks/role-model";
import { checkInputs } from "../inputs/check";
import { AnyInputs, flag, InputsOf, map, str } from "../inputs/input";
import { lifecycleOf, validatedAtPlan } from "../inputs/plan-checks";
import { attribute } from "../private/attribute";
import { formatFinding } from "../private/errors";
import { existence, Flag, orDefault, SWITCHED_OFF } from "../private/expr";
import { servicePrincipal } from "../private/partition";
import { rules } from "../rules";
import type { IRole } from "./role-base";
import { planChecks } from "./role-plan-checks";

/** Properties of a {@link BatchServiceLinkedRole}. */
export interface BatchServiceLinkedRoleProps {
  /**
   * Whether the role exists. A token makes it conditional (`count`); its attributes are then
   * `null` when it is not created.
   *
   * @default true
   */
  readonly create?: boolean | IResolvable;

  /**
   * A description of the role.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Tags for the role.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** How a {@link BatchServiceLinkedRole} checks its props. */
export const BATCH_SERVICE_LINKED_ROLE_INPUTS: InputsOf<BatchServiceLinkedRoleProps> = {
  create: flag(),
  description: str(rules.description),
  tags: map(rules.tags),
};

/** The service a Batch service-linked role is linked to, as IAM's `CreateServiceLinkedRole` takes it in every partition. */
export const BATCH_SERVICE_NAME = "batch.amazonaws.com";

/** The name IAM gives the Batch service-linked role: one per account. */
export const BATCH_SERVICE_LINKED_ROLE_NAME = "AWSServiceRoleForBatch";

/**
 * The AWS Batch service-linked role, `AWSServiceRoleForBatch`: created with IAM's
 * `CreateServiceLinkedRole` (`aws_iam_service_linked_role`) for `batch.amazonaws.com`, under
 * `/aws-service-role/batch.amazonaws.com/`. Its trust policy and its permissions
 * (`BatchServiceRolePolicy`) are AWS's, and IAM lets no one change them: only its description and
 * tags are this construct's. An account holds it at most once; AWS Batch creates it on first use
 * when a compute environment names no service role. A compute environment gets its ARN as
 * `service_role`, or none, and cannot switch between it and a custom service role.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/using-service-linked-roles-batch-general.html
 */
export class BatchServiceLinkedRole extends Construct implements IRole {
  /** The role resource; undefined when it is never created. */
  readonly resource?: IamServiceLinkedRole;
  /** The ARN of the role; `null` when it is switched off. */
  readonly roleArn: string;
  /** The name of the role; `null` when it is switched off. */
  readonly roleName: string;
  private readonly created: Flag;
  private readonly principal: string;

  constructor(scope: Construct, id: string, props: BatchServiceLinkedRoleProps = {}) {
    super(scope, id);
    const owner = `BatchServiceLinkedRole '${this.node.path}'`;
    const checked = checkInputs(props, BATCH_SERVICE_LINKED_ROLE_INPUTS as AnyInputs);
    this.node.addValidation({ validate: () => checked.findings.map((f) => formatFinding(owner, f)) });
    const { create, description, tags } = checked.props;
    this.created = orDefault(create, true);
    this.principal = servicePrincipal(this, "batch");
    const exists = existence(this.created);
    if (exists === undefined) {
      this.roleArn = this.roleName = SWITCHED_OFF;
      return;
    }
    this.resource = new IamServiceLinkedRole(this, "Resource", {
      ...exists,
      awsServiceName: BATCH_SERVICE_NAME,
      description: validatedAtPlan(this, description),
      tags,
      // The role's own inputs known only at plan: checked here, since another role may take them when this one is off.
      lifecycle: lifecycleOf(
        planChecks(this, owner, BATCH_SERVICE_LINKED_ROLE_INPUTS as AnyInputs, checked.props, ["description", "tags"]),
      ),
    });
    this.roleArn = attribute(this.resource, "arn");
    this.roleName = attribute(this.resource, "name");
  }

  /**
   * What the role may do, for the permissions report: AWS's trust of `batch.amazonaws.com` and the
   * AWS managed `BatchServiceRolePolicy`, which AWS attaches. The policy checks do not run on it:
   * nothing of it is written here.
   */
  get model(): RoleModel {
    return {
      owner: `BatchServiceLinkedRole '${this.node.path}'`,
      service: "batch",
      principal: this.principal,
      created: this.created,
      trust: [
        {
          statement: { Effect: "Allow", Principal: { Service: this.principal }, Action: "sts:AssumeRole" },
          when: true,
        },
      ],
      managedPolicies: [{ name: "aws-service-role/BatchServiceRolePolicy", when: this.created }],
      policies: [],
    };
  }
}
