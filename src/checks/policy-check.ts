import type { Statement } from "../policies/policy-document";
import type { PolicyModel, RoleModel } from "./role-model";

/**
 * A policy check, cdk-nag style: a small pure function over what a role grants, with an id, a
 * one-line `info` and an `explanation` (why it matters and how to fix it). Every role construct
 * runs every check at synth; a finding fails synth.
 */
export interface PolicyCheck {
  readonly id: string;
  readonly name: string;
  readonly info: string;
  readonly explanation: string;
  /** The findings for one role: each names the policy, the statement and what is wrong. */
  check(model: RoleModel): string[];
}

/** A statement of the role's own, named for messages. */
export interface NamedStatement {
  readonly where: string;
  readonly statement: Statement;
  /** Present only when the role's ECR pulls are not restricted (see `OptionalStatement`). */
  readonly onlyWhenUnrestricted?: true;
  /** What the user allowed the statement's policy beyond the checks' rules (see `PolicyModel`). */
  readonly allows?: PolicyModel["allows"];
  /** A statement the user gave (a policy with `allows`): the input it came from, `statements[0]`. */
  readonly input?: string;
}

/**
 * How a finding names an action: for a statement the user gave, the input it is and how to allow it
 * (`'statements[0].actions[1]' is "s3:Get*": …; set 'allowWildcardActions' …`), else the action.
 */
export function actionFinding(named: NamedStatement, index: number, action: string, what: string, allowedBy: string): string {
  if (named.input === undefined) return `${named.where}: action '${action}' ${what}`;
  return `${named.where}: '${named.input}.actions[${index}]' is ${JSON.stringify(action)}, which ${what}: remove it, or set '${allowedBy}' to true`;
}

/** A value IAM accepts as one item or a list, as a list. */
export const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** How messages name a statement: its `Sid`, or its position. */
export const sid = (statement: Statement, index: number) => (statement.Sid ? `'${statement.Sid}'` : `#${index + 1}`);

const statementsOf = new WeakMap<RoleModel, NamedStatement[]>();

/** The role's own statements that may be present (a token flag may hold at plan; `false` never does), trust included. */
export function ownStatements(model: RoleModel): NamedStatement[] {
  let found = statementsOf.get(model);
  if (found === undefined) {
    found = collectStatements(model);
    statementsOf.set(model, found);
  }
  return found;
}

function collectStatements(model: RoleModel): NamedStatement[] {
  return [
    ...model.trust
      .filter((t) => t.when !== false)
      .map(({ statement }, i) => ({ where: `trust policy statement ${sid(statement, i)}`, statement })),
    ...model.policies
      .filter((p) => p.when !== false)
      .flatMap((p) =>
        p.statements
          .filter((s) => s.when !== false)
          .map((s, i) => ({
            where: `policy '${p.name}' statement ${sid(s.statement, i)}`,
            statement: s.statement,
            ...(s.onlyWhenUnrestricted && { onlyWhenUnrestricted: s.onlyWhenUnrestricted }),
            ...(p.allows && { allows: p.allows, input: `statements[${i}]` }),
          })),
      ),
  ];
}

/** The role's own identity-policy statements (its trust policy left out). */
export function identityStatements(model: RoleModel): NamedStatement[] {
  return ownStatements(model).filter((s) => !s.where.startsWith("trust"));
}

/**
 * The role's own identity-policy statements that grant (`Allow`): a `Deny` takes away, so a wildcard
 * or `iam:PassRole` in it widens nothing.
 */
export function grantingStatements(model: RoleModel): NamedStatement[] {
  return identityStatements(model).filter((s) => s.statement.Effect !== "Deny");
}

/**
 * Whether the user allowed, by a documented switch, what a check refuses in this statement's
 * policy: a literal `true`, or a token (decided at plan, where the role checks it).
 */
export const allowedByUser = (statement: NamedStatement, what: "wildcardActions" | "passRole"): boolean =>
  statement.allows !== undefined && statement.allows[what] !== false;

/** Every condition key a statement tests. */
export function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
}

const NETWORK_KEYS = ["aws:sourcevpc", "aws:sourcevpce"];

/** Whether a statement applies only through a VPC or VPC endpoint. */
export const hasNetworkCondition = (statement: Statement) => conditionKeys(statement).some((k) => NETWORK_KEYS.includes(k.toLowerCase()));
