// The role model: what a role grants, the input of the policy checks. It lives with the checks, so
// that the roles, which build it, import it from below them (see the layers in
// tools/eslint-rules.cjs); the permissions report and the audit read it too.
import type { AttachedManagedPolicy } from "../data/aws-managed-policies";
import type { Flag } from "../private/expr";
import type { OptionalStatement } from "../policies/policy-document";
import type { PrincipalService } from "../private/partition";

/** A policy of a role, with every statement it may hold. */
export interface PolicyModel {
  /** The policy's name (inline) or purpose (customer managed: `<role>-<name>`). */
  readonly name: string;
  readonly statements: readonly OptionalStatement[];
  /** Whether the policy exists at all. */
  readonly when: Flag;
  /**
   * Statements known only at plan (a module variable's list), which follow `statements`: what
   * they are, for people (`variable 'task_role_statements'`). The role checks them at plan.
   */
  readonly planTimeStatements?: string;
  /**
   * What the user allowed the policy's statements beyond the checks' rules, by a documented switch
   * (a token: may allow, decided at plan): wildcard actions (IAM1), `iam:PassRole` (IAM6).
   */
  readonly allows?: { readonly wildcardActions: Flag; readonly passRole: Flag };
}

/**
 * What a role construct grants, before Terraform renders it: the input of the policy checks and of
 * the permissions report. Flags may be tokens (module variables): a statement whose flag is not
 * literally `false` may be present.
 */
export interface RoleModel {
  /** The construct, as error messages name it: `TaskExecutionRole 'stack/Default/ExecutionRole'`. */
  readonly owner: string;
  /** The service that must be the only one trusted. */
  readonly service: PrincipalService;
  /** The service principal as rendered (may hold the partition's DNS suffix as a token). */
  readonly principal: string;
  /** Whether this construct creates the role. */
  readonly created: Flag;
  /** Whether the role is one that exists (`existingRoleArn`), used and not created. */
  readonly existing?: boolean;
  /** Every statement the trust policy may hold: plain, or guarded when a source account is given. */
  readonly trust: readonly OptionalStatement[];
  /** The AWS managed policies the role may have attached. */
  readonly managedPolicies: readonly { readonly name: AttachedManagedPolicy; readonly when: Flag }[];
  /** The role's own policies (inline or customer managed). */
  readonly policies: readonly PolicyModel[];
}
