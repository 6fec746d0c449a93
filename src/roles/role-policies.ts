import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import type { PolicyModel } from "../checks/role-model";
import { AttachedManagedPolicy } from "../data/aws-managed-policies";
import { lifecycleOf, Precondition } from "../inputs/plan-checks";
import { documentOf, OptionalStatement, renderDocument, Statement } from "../policies/policy-document";
import { accountIdOf } from "../private/account";
import { attribute } from "../private/attribute";
import { Finding } from "../private/errors";
import { and, equals, existence, Flag, namedAnd } from "../private/expr";
import { setFormerId } from "../private/former-id";
import { awsManagedPolicyArn, partitionOf } from "../private/partition";
import { PolicySizes } from "./policy-size";

/** Where the optional policies of a role live. */
export type PolicyStyle = "inline" | "managed";

/** The role that policies are attached to. */
export interface PolicyTarget {
  /** The construct the policies' resources are created in. */
  readonly scope: Construct;
  /** Whether the role is created: nothing is attached to a role the construct does not create. */
  readonly created: Flag;
  /** The role resource, which holds the plan-time check of its inline policies' total size. */
  readonly role?: IamRole;
  /** The role's name as its resource has it. */
  readonly roleName: string;
  /** The name an adopted role was imported by: its customer managed policies are imported too. */
  readonly adoptedName?: string;
  /** The IAM path and the tags of the customer managed policies. */
  readonly path: string;
  readonly tags?: { [key: string]: string };
  readonly sizes: PolicySizes;
  /** Reports a problem found at synth (a policy too long for IAM). */
  readonly report: (finding: Finding) => void;
}

/** What a policy holds beyond its optional statements. */
export interface PolicyOptions {
  /** Statements known only at plan, after the others, and what they are for people. */
  readonly planTime?: { readonly statements: Statement[]; readonly source: string };
  /** What the user allowed the statements beyond the checks' rules (see `PolicyModel`). */
  readonly allows?: PolicyModel["allows"];
}

/**
 * The AWS managed policies whose attachments were addressed `<role>_managed_policy` before 0.2.0 (as 0.1.0 named them):
 * only theirs carry a `moved` block. A role added since never had that address.
 */
const ATTACHED_BEFORE_RENAME: readonly AttachedManagedPolicy[] = [
  "service-role/AWSBatchServiceRole",
  "service-role/AmazonEC2ContainerServiceforEC2Role",
  "service-role/AmazonECSTaskExecutionRolePolicy",
];

/** The optional policies whose customer managed form was addressed `<role>_managed_<purpose>_policy` before 0.2.0. */
const CUSTOMER_MANAGED_BEFORE_RENAME: readonly string[] = ["PrivateRegistryPolicy", "SecretsPolicy", "EcrPullPolicy"];

/**
 * What gives a role its permissions: the AWS managed policy attached to it, and optional policies,
 * inline or customer managed (each attached to the role), that exist only when their flag holds.
 * Records each as the role model has it and keeps the resources, in the order they were added.
 */
export class RolePolicies {
  /** The resources that give the role its permissions: attachments, inline and customer managed policies. */
  readonly grants: TerraformResource[] = [];
  /** The role's own policies, with every statement they may hold. */
  readonly policies: PolicyModel[] = [];
  /** The AWS managed policies the role may have attached. */
  readonly managedPolicies: { name: AttachedManagedPolicy; when: Flag }[] = [];

  constructor(private readonly target: PolicyTarget) {}

  /** Attaches the AWS managed policy to the created role when `when` holds (`AwsManagedPolicy`). */
  attachAwsManaged(policy: AttachedManagedPolicy, when: Flag): void {
    const { scope, created, roleName } = this.target;
    const attached = and(created, when);
    const managed = existence(attached);
    if (managed === undefined) return;
    this.managedPolicies.push({ name: policy, when: attached });
    const attachment = new IamRolePolicyAttachment(scope, "AwsManagedPolicy", {
      ...managed,
      role: roleName,
      policyArn: awsManagedPolicyArn(scope, policy),
    });
    if (ATTACHED_BEFORE_RENAME.includes(policy)) setFormerId(attachment, "ManagedPolicy");
    this.grants.push(attachment);
  }

  /**
   * Adds a policy to the created role when `flag` holds, with the statements whose own flags
   * hold: an inline policy (`<id>`), or a customer managed policy named `<role name>-<name>` under
   * the role's path (`CustomerManaged<id>`), attached to the role. Whether each exists is decided
   * once (`<id>Inline`, `<id>Managed`: `local`s in the modules).
   */
  add(id: string, name: string, statements: OptionalStatement[], flag: Flag, style: PolicyStyle, options: PolicyOptions = {}): void {
    const { scope, roleName, sizes } = this.target;
    const wanted = and(this.target.created, flag);
    const asInline = namedAnd(scope, `${id}Inline`, wanted, equals(style, "inline"));
    const asManaged = namedAnd(scope, `${id}Managed`, wanted, equals(style, "managed"));
    const inline = existence(asInline);
    const managed = existence(asManaged);
    if (inline === undefined && managed === undefined) return;
    const { planTime, allows } = options;
    this.policies.push({
      name,
      statements,
      when: wanted,
      ...(planTime !== undefined && { planTimeStatements: planTime.source }),
      ...(allows !== undefined && { allows }),
    });
    const policy = renderDocument(documentOf(statements, planTime?.statements));
    if (inline !== undefined) {
      this.addRoleCheck(sizes.addInline(policy, asInline));
      this.grants.push(new IamRolePolicy(scope, id, { ...inline, name, role: roleName, policy }));
    }
    if (managed !== undefined) {
      const { path, adoptedName } = this.target;
      const resource = new IamPolicy(scope, `CustomerManaged${id}`, {
        ...managed,
        name: `${roleName}-${name}`,
        path,
        policy,
        tags: this.target.tags,
        lifecycle: lifecycleOf([sizes.managedPrecondition(name, policy)]),
      });
      const attachment = new IamRolePolicyAttachment(scope, `CustomerManaged${id}Attachment`, {
        ...managed,
        role: roleName,
        policyArn: attribute(resource, "arn"),
      });
      this.grants.push(resource, attachment);
      if (adoptedName !== undefined)
        resource.importFrom(`arn:${partitionOf(scope)}:iam::${accountIdOf(scope)}:policy${path}${adoptedName}-${name}`);
      if (CUSTOMER_MANAGED_BEFORE_RENAME.includes(id)) {
        setFormerId(resource, `Managed${id}`);
        setFormerId(attachment, `Managed${id}Attachment`);
      }
      const tooLong = sizes.managedFinding(name, policy);
      if (tooLong !== undefined) this.target.report(tooLong);
    }
  }

  /** Adds a precondition to the role resource, created before its policies. */
  private addRoleCheck(check: Precondition | undefined): void {
    const role = this.target.role;
    if (check === undefined || role === undefined) return;
    role.lifecycle = { ...role.lifecycle, precondition: [...(role.lifecycle?.precondition ?? []), check] };
  }
}
