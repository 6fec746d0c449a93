import { IResolvable } from "cdktf";
import { Construct } from "constructs";
import { SHAPE_CODES } from "../inputs/check";
import { flag, groupList, InputsOf, list, required, str } from "../inputs/input";
import { condition, lifecycleOf, Precondition, rulePrecondition } from "../inputs/plan-checks";
import { execCommandPolicy, planTimeStatements, StatementCondition, StatementInput, statementOf } from "../policies/task-role";
import { Flag, isToken, named, nonEmpty, orDefault } from "../private/expr";
import { escapeTemplate, hclEvery } from "../private/hcl";
import { partitionOf } from "../private/partition";
import { variableOf } from "../private/validated";
import { rules } from "../rules";
import { RoleBase } from "./role-base";
import { PolicyStyle } from "./role-policies";
import { ROLE_INPUTS, RoleProps } from "./role-props";
import { RoleSpec } from "./role-spec";

/** A condition of a {@link TaskRoleStatement}: `{ "<test>": { "<variable>": [<values>] } }` in the policy. */
export interface TaskRoleCondition extends StatementCondition {
  /**
   * The condition operator: `StringEquals`, `StringLike`, `ArnLike`, `Bool`, …, optionally after
   * `ForAnyValue:` or `ForAllValues:` and before `IfExists`.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
   */
  readonly test: string;
  /**
   * The condition key: `aws:SourceVpc`, `s3:prefix`, `aws:ResourceTag/team`. It must be a global key
   * or one every action of the statement supports (policy check REF2).
   */
  readonly variable: string;
  /** The values, any of which satisfies the condition. */
  readonly values: string[];
}

/** A statement of the application's own permissions, as terraform-aws-ecs's `tasks_iam_role_statements` take one. */
export interface TaskRoleStatement extends StatementInput {
  /**
   * The statement's id: letters and digits, unique within the role's statements.
   *
   * @default - no Sid
   */
  readonly sid?: string;
  /**
   * Whether the statement allows or denies.
   *
   * @default "Allow"
   */
  readonly effect?: "Allow" | "Deny";
  /**
   * The actions, each named (`s3:GetObject`): no `*` or `?` in an `Allow` statement unless
   * `allowWildcardActions`, and no `iam:PassRole` unless `allowPassRole`; each must exist in AWS's
   * IAM service reference (policy check REF1).
   */
  readonly actions: string[];
  /**
   * The resources' ARNs. `"*"` only for actions without resource-level permissions (policy check IAM2).
   */
  readonly resources: string[];
  /**
   * Conditions, all of which must hold: one per operator and key.
   *
   * @default - no conditions
   */
  readonly conditions?: TaskRoleCondition[];
}

/** Properties of a {@link TaskRole}. */
export interface TaskRoleProps extends RoleProps {
  /**
   * Lets `ecs execute-command` open a shell in the task's containers (ECS Exec): the four
   * `ssmmessages` actions the SSM agent needs, on `"*"` (they have no resource-level permissions),
   * in a policy `EcsExec` (inline, or a customer managed `<role name>-EcsExec` with `policyStyle:
   * "managed"`). The service or task must also set `enableExecuteCommand`.
   *
   * @default false
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
   */
  readonly execCommand?: boolean | IResolvable;

  /**
   * The application's own permissions, in an inline policy `TaskPermissions`. They go through the
   * same policy checks as the statements this project writes: named actions that exist, condition
   * keys the actions support, `"*"` only where an action has no resource-level permissions, no
   * `iam:PassRole`; the two switches below lift the wildcard and `iam:PassRole` rules.
   *
   * @default - none: the role grants nothing but what `execCommand` adds
   */
  readonly statements?: TaskRoleStatement[];

  /**
   * Lets the `Allow` statements of `statements` use `*` and `?` in actions (`s3:Get*`), which grant
   * every matching action AWS adds later. A documented exception: prefer named actions.
   *
   * @default false
   */
  readonly allowWildcardActions?: boolean | IResolvable;

  /**
   * Lets the `Allow` statements of `statements` grant `iam:PassRole` (by name or by a wildcard that
   * matches it), which lets the application hand a role to a service: a privilege-escalation path.
   * Scope such a statement to the roles' ARNs and an `iam:PassedToService` condition.
   *
   * @default false
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
   */
  readonly allowPassRole?: boolean | IResolvable;

  /**
   * The account ECS may assume the role for: adds `aws:SourceAccount` and an `aws:SourceArn`
   * pattern of that account's ECS resources to the trust statement (confused-deputy protection).
   * AWS Batch jobs run as ECS tasks of the account, so a Batch job role keeps working.
   *
   * @default - the trust policy is the one the Amazon ECS guide prints, without conditions
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
   */
  readonly sourceAccountId?: string;

  /**
   * How the policies are attached: as inline policies, or as customer managed policies named
   * `<role name>-<purpose>`, for organisations that forbid inline policies.
   *
   * @default "inline"
   */
  readonly policyStyle?: PolicyStyle;
}

/** How a {@link TaskRole} checks a statement. */
export const TASK_ROLE_STATEMENT_INPUTS: InputsOf<TaskRoleStatement> = {
  sid: str(rules.statementSid),
  effect: str(rules.statementEffect),
  actions: required(list(rules.action)),
  resources: required(list(rules.statementResource)),
  conditions: groupList<TaskRoleCondition>({
    test: required(str(rules.conditionOperator)),
    variable: required(str(rules.conditionKey)),
    values: required(list(rules.conditionValue)),
  }),
};

/** How a {@link TaskRole} checks its props. */
export const TASK_ROLE_INPUTS: InputsOf<TaskRoleProps> = {
  ...ROLE_INPUTS,
  execCommand: flag(),
  statements: groupList<TaskRoleStatement>(TASK_ROLE_STATEMENT_INPUTS),
  allowWildcardActions: flag(),
  allowPassRole: flag(),
  sourceAccountId: str(rules.accountId),
  policyStyle: str(rules.policyStyle),
};

const TASK_ROLE: RoleSpec<TaskRoleProps> = {
  typeName: "TaskRole",
  defaultRoleName: "ecsTaskRole",
  service: "ecs-tasks",
  inputs: TASK_ROLE_INPUTS,
  // The statements' values known only at plan are checked by the role itself, element by element.
  checkedElsewhere: ["statements"],
  trustGuard: (props, role) => ({
    sourceAccount: props.sourceAccountId,
    sourceArnPattern: (account) => `arn:${partitionOf(role)}:ecs:*:${account}:*`,
  }),
};

/** IAM1 and IAM6 at plan, for statements or switches known only then: the message names the switch. */
const PLAN_TIME_POLICY_RULES = [
  {
    switch: "allowWildcardActions" as const,
    allows: "wildcardActions" as const,
    code: "IAM1",
    refused: "an action with * or ?",
    // An action matches when it holds a wildcard at all.
    matches: (action: string) => `strcontains(${action}, "*") || strcontains(${action}, "?")`,
  },
  {
    switch: "allowPassRole" as const,
    allows: "passRole" as const,
    code: "IAM6",
    refused: "iam:PassRole (by name or by a wildcard that matches it)",
    // The action as a pattern (its * and ? as regex), tried on iam:PassRole; the action rule leaves no other special character.
    matches: (action: string) => `can(regex(format("^(?i)%s$", replace(replace(${action}, "*", ".*"), "?", ".")), "iam:PassRole"))`,
  },
];

/**
 * The IAM role for tasks: the application's own role, which its containers (or an AWS Batch job,
 * as its job role) get credentials for. Trusted by `ecs-tasks.amazonaws.com` with the Amazon ECS
 * guide's trust policy (with the confused-deputy conditions when `sourceAccountId` is given), no
 * AWS managed policy, and only what is asked for: ECS Exec (`execCommand`) and the application's
 * own statements (`statements`), both through the policy checks. Named `ecsTaskRole` by default.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
export class TaskRole extends RoleBase<TaskRoleProps> {
  constructor(scope: Construct, id: string, props: TaskRoleProps = {}) {
    super(scope, id, props, TASK_ROLE);
    const style = orDefault(this.props.policyStyle, "inline");
    this.addPolicy("ExecCommandPolicy", "EcsExec", execCommandPolicy(), orDefault(this.props.execCommand, false), style);
    const given = this.props.statements;
    if (given === undefined || (Array.isArray(given) && given.length === 0)) return;
    const allows = {
      wildcardActions: orDefault(this.props.allowWildcardActions, false),
      passRole: orDefault(this.props.allowPassRole, false),
    };
    if (isToken(given)) {
      const source = `variable '${variableOf(given) ?? "statements"}'`;
      // An empty list (the module's default) gives no policy: IAM refuses one without statements.
      const hasStatements = named(this, "HasStatements", nonEmpty(given as unknown as string[]));
      this.addPolicy("StatementsPolicy", "TaskPermissions", [], hasStatements, style, {
        planTime: { statements: planTimeStatements(given), source },
        allows,
      });
    } else {
      this.checkStatements(given);
      const statements = given.map((s) => ({ statement: statementOf(s), when: true }));
      this.addPolicy("StatementsPolicy", "TaskPermissions", statements, true, style, { allows });
    }
    this.checkAtPlan(given, allows);
  }

  /** What IAM refuses in a policy and no single value shows: two statements with one Sid, one key twice under an operator. */
  private checkStatements(statements: TaskRoleStatement[]): void {
    const sids = new Map<string, number>();
    statements.forEach((statement, i) => {
      if (statement.sid !== undefined && !isToken(statement.sid)) {
        const first = sids.get(statement.sid);
        if (first === undefined) sids.set(statement.sid, i);
        else
          this.report({
            code: SHAPE_CODES.conflict,
            path: `statements[${i}].sid`,
            value: statement.sid,
            requirement: `another id than statements[${first}].sid: IAM refuses a policy whose statements share a Sid`,
          });
      }
      const keys = new Map<string, number>();
      (statement.conditions ?? []).forEach((c, j) => {
        const key = `${c.test} ${c.variable}`.toLowerCase();
        const first = keys.get(key);
        if (first === undefined) keys.set(key, j);
        else
          this.report({
            code: SHAPE_CODES.conflict,
            path: `statements[${i}].conditions[${j}]`,
            value: `${c.test} ${c.variable}`,
            requirement: `another operator or key than statements[${i}].conditions[${first}]: a policy holds each key once per operator (give all its values in one condition)`,
          });
      });
    });
  }

  /**
   * The checks that wait for plan, on the role resource: each statement value known only then
   * against its rule, and the wildcard and `iam:PassRole` rules when the statements or the
   * switches are known only then. A module's statements are a variable that Terraform checks
   * value by value (its `validation`): here only what spans values.
   */
  private checkAtPlan(given: TaskRoleStatement[], allows: { wildcardActions: Flag; passRole: Flag }): void {
    const checks: (Precondition | undefined)[] = [];
    if (!isToken(given)) {
      given.forEach((statement, i) => {
        for (const [key, input] of Object.entries(TASK_ROLE_STATEMENT_INPUTS)) {
          const value = (statement as unknown as Record<string, unknown>)[key];
          if (input.kind === "group" || input.rule === undefined) continue;
          checks.push(rulePrecondition(this.owner, `statements[${i}].${key}`, value, input.rule, input.kind === "string-list"));
        }
        (statement.conditions ?? []).forEach((c, j) => {
          const at = `statements[${i}].conditions[${j}]`;
          checks.push(rulePrecondition(this.owner, `${at}.test`, c.test, rules.conditionOperator, false));
          checks.push(rulePrecondition(this.owner, `${at}.variable`, c.variable, rules.conditionKey, false));
          checks.push(rulePrecondition(this.owner, `${at}.values`, c.values, rules.conditionValue, true));
        });
      });
    }
    const statementsAtPlan = isToken(given) || given.some((s) => isToken(s.actions) || (s.actions ?? []).some(isToken));
    for (const rule of PLAN_TIME_POLICY_RULES) {
      const allowed = allows[rule.allows];
      if (allowed === true || (!statementsAtPlan && typeof allowed === "boolean")) continue;
      checks.push(this.policyRuleAtPlan(given, allowed, rule));
    }
    if (isToken(given)) checks.push(this.uniqueSidsAtPlan(given));
    const role = this.role;
    const present = lifecycleOf(checks);
    if (role === undefined || present === undefined) return;
    role.lifecycle = { ...role.lifecycle, precondition: [...(role.lifecycle?.precondition ?? []), ...present.precondition] };
  }

  private policyRuleAtPlan(given: TaskRoleStatement[], allowed: Flag, rule: (typeof PLAN_TIME_POLICY_RULES)[number]): Precondition {
    const name = variableOf(given) !== undefined ? `variable '${variableOf(given)}'` : `${this.owner}: 'statements'`;
    const switchName = variableOf(allowed) !== undefined ? `variable '${variableOf(allowed)}'` : `'${rule.switch}'`;
    return {
      condition: condition((hcl) => {
        const none = hclEvery(hcl(given), "s", `s.effect == "Deny" || ${hclEvery("s.actions", "a", `!(${rule.matches("a")})`)}`);
        return typeof allowed === "boolean" ? none : `${hcl(allowed)} || ${none}`;
      }),
      errorMessage: escapeTemplate(
        `[${rule.code}] ${name}: an Allow statement grants ${rule.refused}; must grant none unless ${switchName} is true.`,
      ),
    };
  }

  private uniqueSidsAtPlan(given: TaskRoleStatement[]): Precondition {
    const name = variableOf(given) !== undefined ? `variable '${variableOf(given)}'` : `${this.owner}: 'statements'`;
    return {
      condition: condition((hcl) => {
        const sids = `[for s in ${hcl(given)} : s.sid if s.sid != null]`;
        const keys = `[for c in (s.conditions == null ? [] : s.conditions) : lower("\${c.test} \${c.variable}")]`;
        return (
          `length(distinct(${sids})) == length(${sids}) && ` + hclEvery(hcl(given), "s", `length(distinct(${keys})) == length(${keys})`)
        );
      }),
      errorMessage: escapeTemplate(
        `[${SHAPE_CODES.conflict}] ${name}: two statements share a Sid, or a statement names one condition key twice under one operator; must be unique (IAM refuses such a policy).`,
      ),
    };
  }
}
