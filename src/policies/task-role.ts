import { Token } from "cdktf";
import { isToken } from "../private/expr";
import { expression } from "../private/hcl";
import { OptionalStatement, Statement } from "./policy-document";

/**
 * The four actions ECS Exec needs of the task role, and nothing else: the SSM agent in the
 * container opens its control and data channels through the Session Manager message service.
 * They have no resource-level permissions, so they are granted on `"*"`, as AWS documents.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions
 */
export const EXEC_COMMAND_ACTIONS = [
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
];

/** The ECS Exec statement of the task role (its inline policy `EcsExec`). */
export function execCommandPolicy(): OptionalStatement[] {
  return [{ statement: { Effect: "Allow", Action: [...EXEC_COMMAND_ACTIONS], Resource: "*" }, when: true }];
}

/** A condition of a statement, as terraform-aws-modules and `aws_iam_policy_document` write one. */
export interface StatementCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: string[];
}

/** A statement as its props give it. */
export interface StatementInput {
  readonly sid?: string;
  readonly effect?: "Allow" | "Deny";
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions?: StatementCondition[];
}

/**
 * A statement of the props as IAM writes it: `Sid` only when given, `Effect` `Allow` unless
 * given, and the conditions grouped by operator (`{ "StringLike": { "s3:prefix": [...] } }`).
 */
export function statementOf(input: StatementInput): Statement {
  const conditions = input.conditions ?? [];
  const byOperator: Record<string, Record<string, string[]>> = {};
  for (const c of conditions) (byOperator[c.test] ??= {})[c.variable] = c.values;
  return {
    ...(input.sid !== undefined && { Sid: input.sid }),
    Effect: input.effect ?? "Allow",
    Action: input.actions,
    Resource: input.resources,
    ...(conditions.length > 0 && { Condition: byOperator }),
  };
}

/**
 * The statements of a list known only at plan (a module variable), as a Terraform expression that
 * writes each the way {@link statementOf} does: `merge` of the parts each statement has, so that
 * no `Sid` or `Condition` is written empty or null.
 */
export function planTimeStatements(inputs: StatementInput[]): Statement[] {
  if (!isToken(inputs)) throw new Error("planTimeStatements takes a token");
  return Token.asAny(
    expression((hcl) => {
      const conditions = `(s.conditions == null ? [] : s.conditions)`;
      const grouped =
        `{ for test in distinct([for c in cs : c.test]) : test => ` +
        `merge([for c in cs : tomap({ (c.variable) = c.values }) if c.test == test]...) }`;
      return (
        `[for s in ${hcl(inputs)} : merge(concat(` +
        `[{ Effect = s.effect == null ? "Allow" : s.effect, Action = s.actions, Resource = s.resources }], ` +
        `[for sid in [s.sid] : { Sid = sid } if sid != null], ` +
        `[for cs in [${conditions}] : { Condition = ${grouped} } if length(cs) > 0]` +
        `)...)]`
      );
    }),
  ) as unknown as Statement[];
}
