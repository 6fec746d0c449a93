import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn, TerraformResource, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { checkRole } from "../checks";
import { AttachedManagedPolicy } from "../data/aws-managed-policies";
import { checkInputs, SHAPE_CODES } from "../inputs/check";
import { INPUT_CODES } from "../inputs/codes";
import { AnyInputs, inputAt, InputsOf } from "../inputs/input";
import {
  addStackPrecondition,
  condition,
  inputName,
  lifecycleOf,
  ArnInput,
  partitionPreconditions,
  Precondition,
  rulePrecondition,
} from "../inputs/plan-checks";
import { chooseDocument, documentOf, OptionalStatement, renderDocument } from "../policies/policy-document";
import { ConfusedDeputyGuard, trustPolicy } from "../policies/trust";
import { accountIdOf } from "../private/account";
import { attribute, orderedAfter } from "../private/attribute";
import { Finding, formatFinding } from "../private/errors";
import { and, equals, existence, Flag, isToken, not, orDefault } from "../private/expr";
import { setFormerId } from "../private/former-id";
import { variableOf } from "../private/validated";
import { awsManagedPolicyArn, partitionOf, PrincipalService, servicePrincipal } from "../private/partition";
import { keepWhenAdopted } from "./adoption";
import { ownPoliciesExclusively } from "./exclusive-policies";
import { IamNames } from "./iam-names";
import { PolicyModel, RoleModel } from "../checks/role-model";
import { RoleProps } from "./role-props";
import { escapeTemplate } from "../private/hcl";

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

/** Where the optional policies of a role live. */
export type PolicyStyle = "inline" | "managed";

/** What distinguishes one role of this project from another. */
export interface RoleSpec<P> {
  /** The construct's class name, for messages. */
  readonly typeName: string;
  /** The role name the AWS documentation uses. */
  readonly defaultRoleName: string;
  /** The one service the role trusts. */
  readonly service: PrincipalService;
  /** The trust statement's `Sid`, where the AWS documents print one. */
  readonly sid?: string;
  /** The AWS managed policy the documentation attaches, e.g. `service-role/AWSBatchServiceRole`. */
  readonly managedPolicy: AttachedManagedPolicy;
  /** How each prop is checked. */
  readonly inputs: InputsOf<P>;
  /** Props that still shape something this construct creates when it uses an existing role. */
  readonly withExistingRole?: readonly (keyof P & string)[];
}

const POLICY_SIZE_CODE = INPUT_CODES.policySize.code;

/**
 * IAM's quotas on policy sizes, in characters of the JSON without white space (as IAM counts them).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
export const POLICY_SIZE_LIMITS = { inlineTotal: 10240, managed: 6144, trust: 2048 } as const;

const INLINE_SIZE = `a role's inline policies of at most ${POLICY_SIZE_LIMITS.inlineTotal} characters together (IAM's quota)`;

/**
 * The part every role shares: checking the props (every problem reported at synth, values known
 * only at plan checked there by preconditions), creating the role (or using an existing one),
 * attaching the AWS managed policy, attaching optional policies that exist only when their flag
 * holds, and recording all of it in a {@link RoleModel} that the policy checks validate at synth.
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
  private readonly findings: Finding[] = [];
  private readonly policies: PolicyModel[] = [];
  private readonly inlineDocuments: { document: string; when: Flag }[] = [];
  private readonly managedPolicies: { name: AttachedManagedPolicy; when: Flag }[] = [];
  private readonly trustStatements: OptionalStatement[] = [];
  private readonly grants: TerraformResource[] = [];
  /** The name an adopted role is imported by; undefined when the role is not adopted. */
  protected adoptedName?: string;
  private readonly spec: RoleSpec<P>;
  private readonly principal: string;
  private readonly hasPlanTimeInputs: boolean;

  protected constructor(scope: Construct, id: string, props: P, spec: RoleSpec<P>) {
    super(scope, id);
    this.spec = spec;
    this.owner = `${spec.typeName} '${this.node.path}'`;
    const checked = checkInputs(props, spec.inputs as AnyInputs);
    this.props = checked.props;
    this.hasPlanTimeInputs = checked.planTime.length > 0;
    this.findings.push(...checked.findings, ...conflicts(this.props, spec));
    this.adoptCheck();
    this.path = orDefault(this.props.path, "/");
    this.tags = this.props.tags;
    this.principal = servicePrincipal(this, spec.service);
    this.node.addValidation({
      validate: () => [...this.findings.map((f) => formatFinding(this.owner, f)), ...this.sizeFindings(), ...checkRole(this.model)],
    });

    const existing = this.props.existingRoleArn;
    if (existing !== undefined) {
      this.createsRole = false;
      this.roleArnAttribute = existing;
      this.roleNameAttribute = roleNameFromArn(existing);
      return;
    }

    this.createsRole = orDefault(this.props.create, true);
    const exists = existence(this.createsRole);
    if (exists === undefined) {
      this.roleArnAttribute = Token.asString(Token.nullValue());
      this.roleNameAttribute = Token.asString(Token.nullValue());
      return;
    }
    const trust = trustPolicy(this.principal, this.trustGuard(), spec.sid);
    this.trustStatements.push(
      ...trust.plain.Statement.map((statement) => ({ statement, when: trust.guarded ? not(trust.when) : true })),
      ...(trust.guarded?.Statement ?? []).map((statement) => ({ statement, when: trust.when })),
    );
    const { roleName, roleNamePrefix } = this.props;
    // With a prefix, `roleName` is only given when both are tokens, one of them null at plan.
    const name = roleNamePrefix === undefined ? orDefault(roleName, spec.defaultRoleName) : roleName;
    // A name Terraform completes from a prefix is unique by construction.
    const names =
      name === undefined
        ? undefined
        : IamNames.register(this, { kind: "role", owner: this.owner, path: "roleName", name, created: this.createsRole });
    this.findings.push(...(names?.findings() ?? []));
    const assumeRolePolicy = trust.guarded ? chooseDocument(trust.when, trust.guarded, trust.plain) : renderDocument(trust.plain);
    this.role = new IamRole(this, "Resource", {
      ...exists,
      name,
      namePrefix: roleNamePrefix,
      lifecycle: lifecycleOf([
        ...this.planChecks(
          "roleName",
          "roleNamePrefix",
          "path",
          "description",
          "permissionsBoundary",
          "maxSessionDuration",
          "tags",
          ...this.roleInputPaths(),
        ),
        names?.precondition(),
      ]),
      path: this.path,
      description: this.props.description,
      permissionsBoundary: this.props.permissionsBoundary,
      maxSessionDuration: this.props.maxSessionDuration,
      assumeRolePolicy,
      forceDetachPolicies: true,
      tags: this.tags,
    });
    this.roleArnAttribute = attribute(this.role, "arn");
    this.roleNameAttribute = attribute(this.role, "name");
    if (this.adopts && name !== undefined && roleNamePrefix === undefined) {
      this.adoptedName = name;
      this.role.importFrom(name);
    }
    this.keepWhenAdopted(this.role);
    const exclusive = and(this.createsRole, orDefault(this.props.exclusivePolicies, true));
    // What the role owns is read from the role when it is adopted: imported (by the role's name), not created.
    for (const owner of ownPoliciesExclusively(this, this.roleNameAttribute, exclusive, () => this.grants)) {
      if (this.adoptedName !== undefined) owner.importFrom(this.adoptedName);
    }

    const attached = and(this.createsRole, this.attachesManagedPolicy());
    const managed = existence(attached);
    if (managed !== undefined) {
      this.managedPolicies.push({ name: spec.managedPolicy, when: attached });
      const attachment = new IamRolePolicyAttachment(this, "AwsManagedPolicy", {
        ...managed,
        role: this.roleNameAttribute,
        policyArn: awsManagedPolicyArn(this, spec.managedPolicy),
      });
      setFormerId(attachment, "ManagedPolicy");
      this.grants.push(attachment);
    }
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
    return [...this.grants];
  }

  /** `value` ordered, like {@link roleArn}, after the role's permissions. */
  protected afterPermissions(value: string): string {
    // A role this construct does not create gets no permissions from it.
    return this.role === undefined ? value : orderedAfter(value, () => this.grants);
  }

  /** What this role grants, for the policy checks and the permissions report. */
  get model(): RoleModel {
    return {
      owner: this.owner,
      service: this.spec.service,
      principal: this.principal,
      created: this.createsRole,
      trust: this.trustStatements,
      managedPolicies: this.managedPolicies,
      policies: this.policies,
    };
  }

  /** Whether this construct adopts an existing role (`adopt: true`): it imports what cannot be created twice. */
  protected get adopts(): boolean {
    return this.props.adopt === true && this.props.existingRoleArn === undefined && this.createsRole !== false;
  }

  /**
   * An adopted role and its instance profile keep what IAM cannot change or does not store (see
   * {@link keepWhenAdopted}). When `adopt` is known only at plan (a module variable), always.
   */
  protected keepWhenAdopted(resource: TerraformResource): void {
    if (this.adoptedName === undefined && !isToken(this.props.adopt)) return;
    keepWhenAdopted(resource);
  }

  /**
   * `adopt` known only at plan (a module variable), or beside a `create` or a name prefix known only
   * then: refused at plan when the role would not be created, or named by a prefix. The check sits
   * on the stack's `data.aws_partition`, which exists whether the role does or not.
   */
  private adoptCheck(): void {
    const { adopt, create, roleNamePrefix, existingRoleArn } = this.props;
    if (adopt === undefined || adopt === false || existingRoleArn !== undefined) return;
    if (!isToken(adopt) && !isToken(create) && !isToken(roleNamePrefix)) return;
    // The other settings by their own names: the owner is named once, with 'adopt'.
    const other = (path: string, value: unknown) => (variableOf(value) === undefined ? `'${path}'` : inputName(this.owner, path, value));
    const when = [
      ...(create === undefined ? [] : [`${other("create", create)} is false`]),
      ...(roleNamePrefix === undefined ? [] : [`${other("roleNamePrefix", roleNamePrefix)} is a name prefix`]),
    ];
    if (when.length === 0) return;
    addStackPrecondition(this, {
      condition: condition((hcl) => {
        const created = create === undefined ? "true" : hcl(create);
        const named = roleNamePrefix === undefined ? "true" : `${hcl(roleNamePrefix)} == null`;
        return `${hcl(adopt)} ? (${created} && ${named}) : true`;
      }),
      errorMessage: escapeTemplate(
        `[${SHAPE_CODES.conflict}] ${inputName(this.owner, "adopt", adopt)} must be false when ${when.join(" or ")}: an adopted role is one that exists, imported by its name.`,
      ),
    });
  }

  /** Whether the AWS managed policy is attached to the created role. */
  protected attachesManagedPolicy(): Flag {
    return true;
  }

  /** Confused-deputy protection of the trust statement, if any. */
  protected trustGuard(): ConfusedDeputyGuard | undefined {
    return undefined;
  }

  /** The concrete role's own inputs that its role resource checks at plan (see {@link planChecks}). */
  protected roleInputPaths(): string[] {
    return [];
  }

  /** Reports a problem found by the concrete role's own checks. */
  protected report(finding: Finding): void {
    this.findings.push(finding);
  }

  /**
   * The plan-time checks of the inputs at these paths: each value known only then against its
   * rule, and each ARN, literal or not, against the partition the stack is planned in.
   */
  protected planChecks(...paths: string[]): (Precondition | undefined)[] {
    const checks: (Precondition | undefined)[] = [];
    const arns: ArnInput[] = [];
    for (const path of paths) {
      const input = inputAt(this.spec.inputs as AnyInputs, path);
      const value = valueAt(this.props, path);
      if (input === undefined || input.kind === "group" || input.rule === undefined || value === undefined) continue;
      checks.push(rulePrecondition(this.owner, path, value, input.rule, input.kind === "string-list"));
      if (input.rule.arn) arns.push({ path, value });
    }
    if (arns.length > 0) checks.push(...partitionPreconditions(this, this.owner, arns));
    return checks;
  }

  /**
   * Adds a policy to the created role when `flag` holds, with the statements whose own flags
   * hold: an inline policy, or a customer managed policy named `<role name>-<name>` under the
   * role's path, attached to the role.
   */
  protected addPolicy(id: string, name: string, statements: OptionalStatement[], flag: Flag, style: PolicyStyle): void {
    const wanted = and(this.createsRole, flag);
    const inline = existence(and(wanted, equals(style, "inline")));
    const managed = existence(and(wanted, equals(style, "managed")));
    if (inline === undefined && managed === undefined) return;
    this.policies.push({ name, statements, when: wanted });
    const policy = renderDocument(documentOf(statements));
    if (inline !== undefined) {
      if (this.inlineDocuments.length === 0) this.addRoleCheck(this.inlineSizePrecondition());
      this.inlineDocuments.push({ document: policy, when: and(wanted, equals(style, "inline")) });
      this.grants.push(new IamRolePolicy(this, id, { ...inline, name, role: this.roleNameAttribute, policy }));
    }
    if (managed !== undefined) {
      const resource = new IamPolicy(this, `CustomerManaged${id}`, {
        ...managed,
        name: `${this.roleNameAttribute}-${name}`,
        path: this.path,
        policy,
        tags: this.tags,
        lifecycle: lifecycleOf([sizePrecondition(this.owner, `customer managed policy '${name}'`, policy, POLICY_SIZE_LIMITS.managed)]),
      });
      const attachment = new IamRolePolicyAttachment(this, `CustomerManaged${id}Attachment`, {
        ...managed,
        role: this.roleNameAttribute,
        policyArn: attribute(resource, "arn"),
      });
      this.grants.push(resource, attachment);
      if (this.adoptedName !== undefined) {
        const arn = `arn:${partitionOf(this)}:iam::${accountIdOf(this)}:policy${this.path}${this.adoptedName}-${name}`;
        resource.importFrom(arn);
      }
      setFormerId(resource, `Managed${id}`);
      setFormerId(attachment, `Managed${id}Attachment`);
      if (!isToken(policy) && policy.length > POLICY_SIZE_LIMITS.managed) {
        this.findings.push({
          code: POLICY_SIZE_CODE,
          path: `customer managed policy '${name}'`,
          value: `${policy.length} characters`,
          requirement: `at most ${POLICY_SIZE_LIMITS.managed} characters (IAM's quota for a managed policy); split the lists over several roles`,
        });
      }
    }
  }

  /** Adds a precondition to the role resource after it was created. */
  private addRoleCheck(check: Precondition | undefined): void {
    if (check === undefined || this.role === undefined) return;
    this.role.lifecycle = { ...this.role.lifecycle, precondition: [...(this.role.lifecycle?.precondition ?? []), check] };
  }

  /** The policies' sizes, when the documents are known at synth: the inline ones together, and the trust policy. */
  private sizeFindings(): string[] {
    const trust = this.role?.assumeRolePolicyInput;
    if (trust !== undefined && !isToken(trust) && trust.length > POLICY_SIZE_LIMITS.trust) {
      const finding = {
        code: POLICY_SIZE_CODE,
        path: "trust policy",
        value: `${trust.length} characters`,
        requirement: `at most ${POLICY_SIZE_LIMITS.trust} characters (IAM's quota)`,
      };
      return [formatFinding(this.owner, finding)];
    }
    const known = this.inlineDocuments.filter((d) => d.when !== false);
    if (known.some((d) => isToken(d.document) || typeof d.when !== "boolean")) return [];
    const total = known.reduce((sum, d) => sum + d.document.length, 0);
    if (total <= POLICY_SIZE_LIMITS.inlineTotal) return [];
    const finding = {
      code: POLICY_SIZE_CODE,
      path: "inline policies",
      value: `${total} characters`,
      requirement: `${INLINE_SIZE}; give policyStyle "managed", or split the lists over several roles`,
    };
    return [formatFinding(this.owner, finding)];
  }

  /** At plan, the same total over the documents Terraform renders, when the role's inputs are known only then. */
  private inlineSizePrecondition(): Precondition | undefined {
    if (!this.hasPlanTimeInputs) return undefined;
    return {
      condition: condition((hcl) => {
        const sizes = this.inlineDocuments.map((d) =>
          d.when === true ? `length(${hcl(d.document)})` : `${hcl(d.when)} ? length(${hcl(d.document)}) : 0`,
        );
        return `sum([${sizes.join(", ")}]) <= ${POLICY_SIZE_LIMITS.inlineTotal}`;
      }),
      errorMessage: escapeTemplate(`[${POLICY_SIZE_CODE}] ${this.owner}: the inline policies must be ${INLINE_SIZE}.`),
    };
  }
}

/** A policy document of at most `limit` characters, checked at plan when it is known only then. */
function sizePrecondition(owner: string, what: string, document: string, limit: number): Precondition | undefined {
  if (!isToken(document)) return undefined;
  return {
    condition: condition((hcl) => `length(${hcl(document)}) <= ${limit}`),
    errorMessage: escapeTemplate(`[${POLICY_SIZE_CODE}] ${owner}: the ${what} must be at most ${limit} characters (IAM's quota).`),
  };
}

/** Settings that contradict each other: anything shaping a new role beside `existingRoleArn`, a name beside a prefix. */
function conflicts<P extends RoleProps>(props: P, spec: RoleSpec<P>): Finding[] {
  const given = Object.entries(props).filter(([, value]) => value !== undefined);
  const found: Finding[] = [];
  if (props.existingRoleArn !== undefined) {
    for (const [key, value] of given) {
      if (key === "existingRoleArn" || spec.withExistingRole?.includes(key as keyof P & string)) continue;
      found.push({ code: SHAPE_CODES.conflict, path: key, value, requirement: "left unset when 'existingRoleArn' is given" });
    }
  }
  if (props.adopt === true && props.existingRoleArn === undefined) {
    const why =
      props.create === false
        ? "'create' is false"
        : props.roleNamePrefix !== undefined && !isToken(props.roleNamePrefix)
          ? "'roleNamePrefix' is given"
          : undefined;
    if (why !== undefined) {
      found.push({
        code: SHAPE_CODES.conflict,
        path: "adopt",
        value: true,
        requirement: `false or unset when ${why}: an adopted role is one that exists, imported by its name`,
      });
    }
  }
  // A module gives both as tokens, one of them null at plan.
  if (props.roleName !== undefined && props.roleNamePrefix !== undefined && !(isToken(props.roleName) && isToken(props.roleNamePrefix))) {
    found.push({
      code: SHAPE_CODES.conflict,
      path: "roleNamePrefix",
      value: props.roleNamePrefix,
      requirement: "left unset when 'roleName' is given",
    });
  }
  return found;
}

/** The value at a dotted path of the props. */
function valueAt(props: object, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], props);
}

/** The last segment of a role ARN (`arn:…:role/path/name`) is the role's name. */
function roleNameFromArn(arn: string): string {
  if (!isToken(arn)) return arn.slice(arn.lastIndexOf("/") + 1);
  return Token.asString(Fn.element(Fn.reverse(Fn.split("/", arn)), 0));
}
