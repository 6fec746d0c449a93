import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { TerraformResource } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { checkRole } from "../checks";
import { RoleModel } from "../checks/role-model";
import { AnyInputs } from "../inputs/input";
import { Precondition } from "../inputs/plan-checks";
import { OptionalStatement } from "../policies/policy-document";
import { orderedAfter } from "../private/attribute";
import { Finding, formatFinding } from "../private/errors";
import { Flag, namedAnd, orDefault } from "../private/expr";
import { servicePrincipal } from "../private/partition";
import { addAdoptCheck, adoptRole, keepWhatIamCannotChange } from "./adoption";
import { ownPoliciesExclusively } from "./exclusive-policies";
import { PolicySizes } from "./policy-size";
import { checkRoleProps } from "./prop-checks";
import { PolicyOptions, PolicyStyle, RolePolicies } from "./role-policies";
import { planChecks } from "./role-plan-checks";
import { RoleProps } from "./role-props";
import { roleResource } from "./role-resource";
import { RoleSpec } from "./role-spec";

/**
 * A role of this library, created or brought in: what a task definition, a compute environment or
 * another construct needs of it.
 */
export interface IRole extends IConstruct {
  /**
   * The ARN of the role; `null` when the role is switched off. A resource that references it is
   * created after the role's policies and attachments, and destroyed before them.
   */
  readonly roleArn: string;
  /** The name of the role; `null` when the role is switched off. Ordered like {@link roleArn}. */
  readonly roleName: string;
  /** What the role grants, as the policy checks and the permissions report read it. */
  readonly model: RoleModel;
}

/**
 * The part every role shares, built by its constructor from the props and the concrete role's
 * {@link RoleSpec}, each job by its own file: checking the props (`prop-checks.ts`; values known
 * only at plan are checked there, `role-plan-checks.ts`), the role resource or an existing role
 * (`role-resource.ts`), adopting a role that exists (`adoption.ts`), owning its policies
 * exclusively (`exclusive-policies.ts`), attaching the AWS managed policy and optional policies
 * (`role-policies.ts`) within IAM's size quotas (`policy-size.ts`), and recording all of it in a
 * {@link RoleModel} that the policy checks validate at synth. The concrete role's constructor then
 * adds what is its own, with {@link addPolicy}, {@link planChecks} and {@link report}.
 */
export abstract class RoleBase<P extends RoleProps = RoleProps> extends Construct implements IRole {
  /** The role resource; undefined for an existing role or one that is never created. */
  readonly role?: IamRole;
  /** The role's ARN as its resource has it (or as given), for what the role is built of: no ordering. */
  protected readonly roleArnAttribute: string;
  /** The role's name as its resource has it (or as given), for what the role is built of: no ordering. */
  protected readonly roleNameAttribute: string;
  /** The props as checked: every value that breaks its rule left out (and reported). */
  protected readonly props: P;
  /** Whether this construct creates the role: a literal or a Terraform condition. */
  protected readonly createsRole: Flag;
  /** The IAM path shared by the role and the resources created with it. */
  protected readonly path: string;
  protected readonly tags?: { [key: string]: string };
  /** The construct, as messages name it: `TaskExecutionRole 'stack/Default/ExecutionRole'`. */
  protected readonly owner: string;
  /** The name an adopted role is imported by; undefined when the role is not adopted. */
  protected readonly adoptedName?: string;
  private readonly findings: Finding[] = [];
  private readonly spec: RoleSpec<P>;
  private readonly principal: string;
  private readonly trustStatements: readonly OptionalStatement[];
  private readonly sizes: PolicySizes;
  private readonly attached: RolePolicies;

  protected constructor(scope: Construct, id: string, props: P, spec: RoleSpec<P>) {
    super(scope, id);
    this.spec = spec;
    this.owner = `${spec.typeName} '${this.node.path}'`;
    const checked = checkRoleProps(props, spec);
    this.props = checked.props;
    this.findings.push(...checked.findings);
    addAdoptCheck(this, this.owner, this.props);
    this.path = orDefault(this.props.path, "/");
    this.tags = this.props.tags;
    this.principal = servicePrincipal(this, spec.service);
    this.sizes = new PolicySizes(this.owner, checked.hasPlanTimeInputs);
    this.node.addValidation({
      validate: () => [
        ...this.findings.map((f) => formatFinding(this.owner, f)),
        ...this.sizes.findings(this.role?.assumeRolePolicyInput),
        ...checkRole(this.model),
      ],
    });

    const resource = roleResource(this, {
      owner: this.owner,
      props: this.props,
      spec,
      principal: this.principal,
      path: this.path,
      tags: this.tags,
    });
    this.role = resource.resource;
    this.createsRole = resource.created;
    this.roleArnAttribute = resource.arn;
    this.roleNameAttribute = resource.name;
    this.trustStatements = resource.trust;
    this.findings.push(...resource.findings);
    if (this.role !== undefined) {
      this.adoptedName = adoptRole(this.role, resource.givenName, this.props, this.createsRole);
      keepWhatIamCannotChange(this.role);
    }
    this.attached = new RolePolicies({
      scope: this,
      created: this.createsRole,
      role: this.role,
      roleName: this.roleNameAttribute,
      adoptedName: this.adoptedName,
      path: this.path,
      tags: this.tags,
      sizes: this.sizes,
      report: (finding) => this.findings.push(finding),
    });
    if (this.role === undefined) return;

    const exclusive = namedAnd(this, "OwnsPoliciesExclusively", this.createsRole, orDefault(this.props.exclusivePolicies, true));
    // What the role owns is read from the role when it is adopted: imported (by the role's name), not created.
    for (const owner of ownPoliciesExclusively(this, this.roleNameAttribute, exclusive, () => this.attached.grants)) {
      if (this.adoptedName !== undefined) owner.importFrom(this.adoptedName);
    }
    if (spec.managedPolicy !== undefined)
      this.attached.attachAwsManaged(spec.managedPolicy, spec.attachesManagedPolicy?.(this.props, this) ?? true);
  }

  /**
   * The ARN of the role; `null` when the role is switched off. A resource that references it is
   * created after the role's policies and attachments, and destroyed before them.
   */
  get roleArn(): string {
    return this.afterPermissions(this.roleArnAttribute);
  }

  /** The name of the role; `null` when the role is switched off. Ordered like {@link roleArn}. */
  get roleName(): string {
    return this.afterPermissions(this.roleNameAttribute);
  }

  /**
   * The resources that give the role its permissions: its attachments, inline policies and
   * customer managed policies. {@link roleArn} and {@link roleName} already order what
   * references them after these; a consumer that does not reference them can list these in its
   * `dependsOn`.
   */
  get permissions(): readonly TerraformResource[] {
    return [...this.attached.grants];
  }

  /** What this role grants, for the policy checks and the permissions report. */
  get model(): RoleModel {
    return {
      owner: this.owner,
      service: this.spec.service,
      principal: this.principal,
      created: this.createsRole,
      existing: this.props.existingRoleArn !== undefined,
      trust: this.trustStatements,
      managedPolicies: this.attached.managedPolicies,
      policies: this.attached.policies,
    };
  }

  /** `value` ordered, like {@link roleArn}, after the role's permissions. */
  protected afterPermissions(value: string): string {
    // A role this construct does not create gets no permissions from it.
    return this.role === undefined ? value : orderedAfter(value, () => this.attached.grants);
  }

  /** Reports a problem found by the concrete role's own checks. */
  protected report(finding: Finding): void {
    this.findings.push(finding);
  }

  /**
   * The plan-time checks of the inputs at these paths, for a resource of the concrete role's own:
   * each value known only then against its rule, and each ARN against the partition the stack is
   * planned in. Every other input is checked by the role resource.
   */
  protected planChecks(...paths: string[]): (Precondition | undefined)[] {
    return planChecks(this, this.owner, this.spec.inputs as AnyInputs, this.props, paths);
  }

  /**
   * Adds a policy to the created role when `flag` holds, with the statements whose own flags
   * hold: an inline policy, or a customer managed policy named `<role name>-<name>` under the
   * role's path, attached to the role.
   */
  protected addPolicy(
    id: string,
    name: string,
    statements: OptionalStatement[],
    flag: Flag,
    style: PolicyStyle,
    options?: PolicyOptions,
  ): void {
    this.attached.add(id, name, statements, flag, style, options);
  }
}
