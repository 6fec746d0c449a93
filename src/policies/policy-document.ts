import { Fn, Tokenization } from "cdktf";
import { choose, concat, Flag, isToken, onlyIf } from "../private/expr";

/** An IAM policy statement. Values may contain Terraform tokens. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: { readonly Service: string };
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: { readonly [operator: string]: { readonly [key: string]: string | string[] } };
}

/** An IAM policy document. `Statement` may be a Terraform expression that yields the list. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: Statement[];
}

/** A statement that is in its policy only when `when` holds. */
export interface OptionalStatement {
  readonly statement: Statement;
  readonly when: Flag;
  /**
   * The statement is present only when the role's ECR pulls are not restricted to a network (its
   * `when` says so): the network check does not hold it against the restricted statements, which
   * exist only otherwise, when both are decided at plan.
   */
  readonly onlyWhenUnrestricted?: true;
}

/**
 * The document of the statements whose flags hold (decided now for literals, at plan for tokens),
 * followed by `planTime`, a list of statements known only at plan (a module variable's).
 */
export function documentOf(statements: readonly OptionalStatement[], planTime?: Statement[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: concat(...statements.map((s) => onlyIf(s.when, [s.statement])), ...(planTime === undefined ? [] : [planTime])),
  };
}

/**
 * Renders a policy document as a JSON string. When its shape is known at synth, it is plain JSON
 * in which a value known only at plan (the partition, a name) is a `${…}` interpolation, so the
 * synthesized stack reads like the AWS documentation. When a list or map in it is itself a
 * Terraform expression (a module variable, an optional statement), the document becomes
 * Terraform's `jsonencode(...)` of it. Both give the same JSON at plan.
 */
export function renderDocument(document: PolicyDocument): string {
  return hasExpressionShape(document) ? Fn.jsonencode(document) : JSON.stringify(document);
}

/**
 * One of two documents, chosen by a flag. A token flag needs both as `jsonencode(...)` calls:
 * cdktf does not escape the quotes of a JSON string placed inside a Terraform expression.
 */
export function chooseDocument(flag: Flag, yes: PolicyDocument, no: PolicyDocument): string {
  if (typeof flag === "boolean") return renderDocument(flag ? yes : no);
  return choose(flag, Fn.jsonencode(yes), Fn.jsonencode(no));
}

/**
 * Whether some value in the document is wholly a Terraform expression (a list, a map, a
 * statement list, or a string that is nothing but one reference). Such a value may stand for a
 * list or map, which a JSON string cannot hold; a string that merely contains a reference among
 * literal text (`arn:${partition}:…`) is still a string.
 */
function hasExpressionShape(value: unknown): boolean {
  if (typeof value === "string") {
    if (!isToken(value)) return false;
    const parts = Tokenization.reverseString(value);
    return parts.literals.length === 0 && parts.tokens.length + parts.intrinsic.length === 1;
  }
  if (typeof value !== "object" || value === null) return false;
  if (isToken(value)) return true;
  return Object.values(value).some(hasExpressionShape);
}
