import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { AnyInputs } from "../inputs/input";
import { lifecycleOf, validatedAtPlan } from "../inputs/plan-checks";
import { chooseDocument, OptionalStatement, renderDocument } from "../policies/policy-document";
import { trustPolicy } from "../policies/trust";
import { attribute } from "../private/attribute";
import { Finding } from "../private/errors";
import { existence, Flag, isToken, namedAnd, not, orDefault, SWITCHED_OFF } from "../private/expr";
import { IamNames } from "./iam-names";
import { planChecks, roleResourceInputPaths } from "./role-plan-checks";
import { RoleProps } from "./role-props";
import type { RoleSpec } from "./role-spec";

/** The role a construct stands for: the one it creates (or may, by a condition), an existing one, or none. */
export interface RoleResource {
  /** The role resource; undefined for an existing role or one that is never created. */
  readonly resource?: IamRole;
  /** Whether the construct creates the role: a literal or a Terraform condition. */
  readonly created: Flag;
  /** The role's ARN as its resource has it (or as given); `null` when it is switched off. */
  readonly arn: string;
  /** The role's name as its resource has it (or as given); `null` when it is switched off. */
  readonly name: string;
  /** The name the role is created under, when it is given rather than completed from a prefix. */
  readonly givenName?: string;
  /** Every statement the trust policy may hold. */
  readonly trust: OptionalStatement[];
  /** Problems found at synth (a name another role of the stack has). */
  readonly findings: Finding[];
}

/** What the role resource is made of. */
export interface RoleResourceOptions<P extends RoleProps> {
  /** The construct, as messages name it. */
  readonly owner: string;
  /** The props as checked. */
  readonly props: P;
  readonly spec: RoleSpec<P>;
  /** The service principal the trust policy names. */
  readonly principal: string;
  readonly path: string;
  readonly tags?: { [key: string]: string };
}

/**
 * The role of a construct: the existing one when `existingRoleArn` is given, none when `create`
 * is false, and otherwise an `aws_iam_role` (`Resource`) trusted by the service, named by its
 * name (unique in the stack whatever the case) or a prefix, with the plan-time checks of every
 * input the role resource holds.
 */
export function roleResource<P extends RoleProps>(scope: Construct, settings: RoleResourceOptions<P>): RoleResource {
  const { owner, props, spec, principal } = settings;
  const existing = props.existingRoleArn;
  if (existing !== undefined) return { created: false, arn: existing, name: roleNameFromArn(existing), trust: [], findings: [] };

  const created = namedAnd(scope, "CreatesRole", orDefault(props.create, true), spec.createsRoleResource?.(props) ?? true);
  const exists = existence(created);
  if (exists === undefined) {
    return { created, arn: SWITCHED_OFF, name: SWITCHED_OFF, trust: [], findings: [] };
  }
  const policy = trustPolicy(principal, spec.trustGuard?.(props, scope), spec.sid);
  const trust = [
    ...policy.plain.Statement.map((statement) => ({ statement, when: policy.guarded ? not(policy.when) : true })),
    ...(policy.guarded?.Statement ?? []).map((statement) => ({ statement, when: policy.when })),
  ];
  const { roleName, roleNamePrefix } = props;
  // With a prefix, `roleName` is only given when both are tokens, one of them null at plan.
  const name = roleNamePrefix === undefined ? orDefault(roleName, spec.defaultRoleName) : roleName;
  // A name Terraform completes from a prefix is unique by construction.
  const names = name === undefined ? undefined : IamNames.register(scope, { kind: "role", owner, path: "roleName", name, created });
  const findings = names?.findings() ?? [];
  const assumeRolePolicy = policy.guarded ? chooseDocument(policy.when, policy.guarded, policy.plain) : renderDocument(policy.plain);
  const resource = new IamRole(scope, "Resource", {
    ...exists,
    // A value of literals only that the provider would refuse before the preconditions named it waits for plan.
    name: validatedAtPlan(scope, name),
    namePrefix: validatedAtPlan(scope, roleNamePrefix),
    lifecycle: lifecycleOf([
      ...planChecks(scope, owner, spec.inputs as AnyInputs, props, roleResourceInputPaths(spec)),
      names?.precondition(),
    ]),
    path: validatedAtPlan(scope, settings.path),
    description: validatedAtPlan(scope, props.description),
    permissionsBoundary: validatedAtPlan(scope, props.permissionsBoundary),
    maxSessionDuration: validatedAtPlan(scope, props.maxSessionDuration),
    assumeRolePolicy,
    forceDetachPolicies: true,
    tags: settings.tags,
  });
  return { resource, created, arn: attribute(resource, "arn"), name: attribute(resource, "name"), givenName: name, trust, findings };
}

/** The last segment of a role ARN (`arn:…:role/path/name`) is the role's name. */
function roleNameFromArn(arn: string): string {
  if (!isToken(arn)) return arn.slice(arn.lastIndexOf("/") + 1);
  return Token.asString(Fn.element(Fn.reverse(Fn.split("/", arn)), 0));
}
