import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn, Op, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { checkRole } from "../checks";
import { AttachedManagedPolicy } from "../data/aws-managed-policies";
import { chooseDocument, documentOf, OptionalStatement, renderDocument } from "../policies/policy-document";
import { ConfusedDeputyGuard, trustPolicy } from "../policies/trust";
import { attribute } from "../private/attribute";
import { and, equals, existence, Flag, isToken, not, orDefault } from "../private/expr";
import { setFormerId } from "../private/former-id";
import { awsManagedPolicyArn, PrincipalService, servicePrincipal } from "../private/partition";
import { rules } from "../rules";
import { InputChecker } from "../rules/input-checker";
import { PolicyModel, RoleModel } from "./role-model";
import { RoleProps } from "./role-props";

/**
 * A role of this library, created or brought in: what a task definition, a compute environment or
 * another construct needs of it.
 */
export interface IRole extends IConstruct {
  /** The ARN of the role; `null` when the role is switched off. */
  readonly roleArn: string;
  /** The name of the role; `null` when the role is switched off. */
  readonly roleName: string;
  /** What the role grants, as the policy checks and the permissions report read it. */
  readonly model: RoleModel;
}

/** Where the optional policies of a role live. */
export type PolicyStyle = "inline" | "managed";

/** What distinguishes one role of this project from another. */
export interface RoleSpec {
  /** The construct's class name, for error messages. */
  readonly typeName: string;
  /** The role name the AWS documentation uses. */
  readonly defaultRoleName: string;
  /** The one service the role trusts. */
  readonly service: PrincipalService;
  /** Confused-deputy protection of the trust statement. */
  readonly guard?: (scope: Construct) => ConfusedDeputyGuard;
  /** The trust statement's `Sid`, where the AWS documents print one. */
  readonly sid?: string;
  /** The AWS managed policy the documentation attaches, e.g. `service-role/AWSBatchServiceRole`. */
  readonly managedPolicy: AttachedManagedPolicy;
  /** Whether the managed policy is attached. @default true */
  readonly attachManagedPolicy?: Flag;
  /** Properties of the concrete role that only make sense when the role is created. */
  readonly createOnly?: Record<string, unknown>;
  /** Checks the concrete role's own properties, before anything is created. */
  readonly checkProps?: (check: InputChecker) => void;
}

/**
 * The part every role shares: checking the common props, creating the role (or adopting an
 * existing one), attaching the AWS managed policy, attaching optional policies that exist only
 * when their flag holds, and recording all of it in a {@link RoleModel} that the policy checks
 * validate at synth.
 */
export abstract class RoleBase extends Construct implements IRole {
  /** The ARN of the role; `null` when the role is switched off. */
  readonly roleArn: string;
  /** The name of the role; `null` when the role is switched off. */
  readonly roleName: string;
  /** The role resource; undefined for an existing role or one that is never created. */
  readonly role?: IamRole;
  /** Whether this construct creates the role: a literal or a Terraform condition. */
  protected readonly createsRole: Flag;
  /** The IAM path shared by the role and the resources created with it. */
  protected readonly path: string;
  protected readonly tags?: { [key: string]: string };
  protected readonly check: InputChecker;
  private readonly policies: PolicyModel[] = [];
  private readonly managedPolicies: { name: AttachedManagedPolicy; when: Flag }[] = [];
  private readonly trustStatements: OptionalStatement[] = [];
  private readonly owner: string;
  private readonly spec: RoleSpec;
  private readonly principal: string;

  protected constructor(scope: Construct, id: string, props: RoleProps, spec: RoleSpec) {
    super(scope, id);
    this.spec = spec;
    this.owner = `${spec.typeName} '${this.node.path}'`;
    this.check = new InputChecker(this, spec.typeName);
    this.path = orDefault(props.path, "/");
    this.tags = props.tags;
    this.principal = servicePrincipal(this, spec.service);
    this.checkCommonProps(props, spec);
    this.node.addValidation({ validate: () => checkRole(this.model) });

    if (props.existingRoleArn !== undefined) {
      this.createsRole = false;
      this.roleArn = props.existingRoleArn;
      this.roleName = roleNameFromArn(props.existingRoleArn);
      return;
    }

    this.createsRole = orDefault(props.create, true);
    const exists = existence(this.createsRole);
    if (exists === undefined) {
      this.roleArn = Token.asString(Token.nullValue());
      this.roleName = Token.asString(Token.nullValue());
      return;
    }
    const trust = trustPolicy(this.principal, spec.guard?.(this), spec.sid);
    this.trustStatements.push(
      ...trust.plain.Statement.map((statement) => ({ statement, when: trust.guarded ? not(trust.when) : true })),
      ...(trust.guarded?.Statement ?? []).map((statement) => ({ statement, when: trust.when })),
    );
    this.role = new IamRole(this, "Resource", {
      ...exists,
      // With a prefix, `roleName` is only given when both are tokens, one of them null at plan.
      name: props.roleNamePrefix === undefined ? orDefault(props.roleName, spec.defaultRoleName) : props.roleName,
      namePrefix: props.roleNamePrefix,
      lifecycle: prefixPrecondition(props.roleNamePrefix),
      path: this.path,
      description: props.description,
      permissionsBoundary: props.permissionsBoundary,
      maxSessionDuration: props.maxSessionDuration,
      assumeRolePolicy: trust.guarded ? chooseDocument(trust.when, trust.guarded, trust.plain) : renderDocument(trust.plain),
      forceDetachPolicies: true,
      tags: props.tags,
    });
    this.roleArn = attribute(this.role, "arn");
    this.roleName = attribute(this.role, "name");

    const attached = and(this.createsRole, orDefault(spec.attachManagedPolicy, true));
    const managed = existence(attached);
    if (managed !== undefined) {
      this.managedPolicies.push({ name: spec.managedPolicy, when: attached });
      const attachment = new IamRolePolicyAttachment(this, "AwsManagedPolicy", {
        ...managed,
        role: this.roleName,
        policyArn: awsManagedPolicyArn(this, spec.managedPolicy),
      });
      setFormerId(attachment, "ManagedPolicy");
    }
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
      new IamRolePolicy(this, id, { ...inline, name, role: this.roleName, policy });
    }
    if (managed !== undefined) {
      const resource = new IamPolicy(this, `CustomerManaged${id}`, {
        ...managed,
        name: `${this.roleName}-${name}`,
        path: this.path,
        policy,
        tags: this.tags,
      });
      const attachment = new IamRolePolicyAttachment(this, `CustomerManaged${id}Attachment`, {
        ...managed,
        role: this.roleName,
        policyArn: attribute(resource, "arn"),
      });
      setFormerId(resource, `Managed${id}`);
      setFormerId(attachment, `Managed${id}Attachment`);
    }
  }

  private checkCommonProps(props: RoleProps, spec: RoleSpec): void {
    const check = this.check;
    if (props.existingRoleArn !== undefined) {
      check.value("existingRoleArn", props.existingRoleArn, rules.roleArn);
      const createOnly: Record<string, unknown> = {
        create: props.create,
        roleName: props.roleName,
        roleNamePrefix: props.roleNamePrefix,
        path: props.path,
        description: props.description,
        permissionsBoundary: props.permissionsBoundary,
        maxSessionDuration: props.maxSessionDuration,
        tags: props.tags,
        ...spec.createOnly,
      };
      for (const [prop, value] of Object.entries(createOnly)) check.absentWith(prop, value, "existingRoleArn");
    }
    check.flag("create", props.create);
    check.value("roleName", props.roleName, rules.roleName);
    check.value("roleNamePrefix", props.roleNamePrefix, rules.roleNamePrefix);
    if (props.roleName !== undefined && !(isToken(props.roleName) && isToken(props.roleNamePrefix))) {
      check.absentWith("roleNamePrefix", props.roleNamePrefix, "roleName");
    }
    check.value("path", props.path, rules.path);
    check.value("description", props.description, rules.description);
    check.value("permissionsBoundary", props.permissionsBoundary, rules.managedPolicyArn);
    check.value("maxSessionDuration", props.maxSessionDuration, rules.maxSessionDuration);
    check.value("tags", props.tags, rules.tags);
    spec.checkProps?.(check);
  }
}

/**
 * A prefix known only at plan is checked there, by the same rule as at synth: a variable's own
 * validation cannot see whether another variable makes it a prefix (before Terraform 1.9).
 */
function prefixPrecondition(prefix: string | undefined) {
  if (prefix === undefined || !isToken(prefix)) return undefined;
  const rule = rules.roleNamePrefix;
  return {
    precondition: [
      {
        // tostring() brackets the prefix: cdktf does not parenthesize a conditional operand of `==`.
        condition: Fn.conditional(Op.eq(Fn.tostring(prefix), Token.nullValue()), true, rule.conditionOf(prefix)),
        errorMessage: `A role name prefix must be ${rule.requirement}.`,
      },
    ],
  };
}

/** The last segment of a role ARN (`arn:…:role/path/name`) is the role's name. */
function roleNameFromArn(arn: string): string {
  if (!isToken(arn)) return arn.slice(arn.lastIndexOf("/") + 1);
  return Token.asString(Fn.element(Fn.reverse(Fn.split("/", arn)), 0));
}
