import { Fn, IResolvable, Op, TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { isToken } from "../private/expr";
import { partitionDataSource, partitionOf } from "../private/partition";
import { escapeTemplate, hclEvery, hclOf, refersToObject } from "../private/hcl";
import { isValidated, variableOf } from "../private/validated";
import { Rule } from "../rules/rule";
import { INPUT_CODES } from "./codes";
import { produced } from "../private/produced";

/** A Terraform `precondition` block, as cdktf's `lifecycle` takes it. */
export interface Precondition {
  readonly condition: unknown;
  readonly errorMessage: string;
}

/**
 * A condition written as Terraform text over values that are rendered only at synth, in the stack
 * that holds the check. Terraform refuses a precondition that refers to no object of the
 * configuration (a token made of functions of literals, `lower("WEB")`, refers to none): such a
 * condition is joined to `terraform.workspace == terraform.workspace`, a reference that is always
 * true, so that the value is still checked at plan.
 */
export function condition(build: (hcl: (value: unknown) => string) => string): IResolvable {
  return produced((context) => {
    const text = build((value) => hclOf(context.scope, value));
    return `\${${refersToObject(text) ? text : `terraform.workspace == terraform.workspace && (${text})`}}`;
  });
}

/** Whether any part of a value (a list's element, a map's key or value) is known only at plan. */
export function hasToken(value: unknown): boolean {
  if (isToken(value)) return true;
  if (Array.isArray(value)) return value.some(hasToken);
  if (typeof value === "object" && value !== null) return Object.entries(value).some(([k, v]) => isToken(k) || hasToken(v));
  return false;
}

/**
 * The precondition that checks at plan the rule of a value known only then (a `TerraformVariable`,
 * a resource attribute), with the message the synth-time check gives. None for literals, which
 * synth checks, nor for module variables, whose own `validation` does.
 */
export function rulePrecondition(owner: string, path: string, value: unknown, rule: Rule, isList: boolean): Precondition | undefined {
  if (value === undefined || !hasToken(value) || isValidated(value)) return undefined;
  return {
    condition: condition((hcl) => {
      const expr = hcl(value);
      const check = isList ? hclEvery(expr, "item", rule.condition("item")) : rule.condition(expr);
      return `${expr} == null ? true : (${check})`;
    }),
    errorMessage: escapeTemplate(
      `[${rule.code}] ${inputName(owner, path, value)} must be ${isList ? "a list, each element " : ""}${rule.requirement}.`,
    ),
  };
}

/** An input whose value holds ARNs, by its path. */
export interface ArnInput {
  readonly path: string;
  readonly value: unknown;
}

/**
 * The preconditions that every ARN of these inputs names the partition the plan runs in (the
 * stack's `data.aws_partition`, known only at plan), for literals and tokens alike. An input known only at
 * plan gets its own. Literal ARNs' partitions are known at synth, and only those are compared at
 * plan: the inputs that name the same partitions share one precondition (a role given ARNs of one
 * partition gets one, whatever the number of its ARN inputs), whose condition is rendered once per
 * stack.
 */
export function partitionPreconditions(scope: IConstruct, owner: string, inputs: readonly ArnInput[]): Precondition[] {
  const partition = partitionOf(scope);
  const checks: Precondition[] = [];
  const literal = new Map<string, { partitions: string[]; paths: string[] }>();
  for (const { path, value } of inputs) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (hasToken(value)) {
      checks.push(tokenPartitionPrecondition(owner, path, value, partition));
      continue;
    }
    const partitions = [...new Set((Array.isArray(value) ? value : [value]).map((arn) => String(arn).split(":")[1] ?? ""))];
    const key = JSON.stringify(partitions);
    const group = literal.get(key);
    if (group === undefined) literal.set(key, { partitions, paths: [path] });
    else group.paths.push(path);
  }
  for (const [key, { partitions, paths }] of literal) {
    const named = partitions.map((p) => `"${p}"`).join(", ");
    const names = paths.map((p) => `'${p}'`).join(", ");
    const said = paths.length === 1 ? `${names} names the partition ${named}; ` : `${names} name the partition ${named}; each `;
    checks.push({
      condition: literalPartitionCondition(scope, key),
      errorMessage: escapeTemplate(`[${INPUT_CODES.partition.code}] ${owner}: ${said}${PARTITION_RULE}`),
    });
  }
  return checks;
}

const PARTITION_RULE = "must name the partition the stack is planned in (data.aws_partition).";

function tokenPartitionPrecondition(owner: string, path: string, value: unknown, partition: string): Precondition {
  return {
    condition: condition((hcl) => {
      const arns = Array.isArray(value) ? hcl(value) : `[${hcl(value)}]`;
      return `${arns} == null ? true : ${hclEvery(arns, "arn", `arn == null ? true : startswith(arn, "arn:\${${hcl(partition)}}:")`)}`;
    }),
    errorMessage: escapeTemplate(`[${INPUT_CODES.partition.code}] ${inputName(owner, path, value)} ${PARTITION_RULE}`),
  };
}

/** Per stack, the condition that literal partitions are the plan's, by partitions: the same text for every role. */
const literalConditions = new WeakMap<IConstruct, Map<string, IResolvable>>();

function literalPartitionCondition(scope: IConstruct, key: string): IResolvable {
  const stack = TerraformStack.of(scope);
  let conditions = literalConditions.get(stack);
  if (conditions === undefined) literalConditions.set(stack, (conditions = new Map()));
  let found = conditions.get(key);
  if (found === undefined) {
    // Rendered in this stack only (its partition is this stack's data source), so rendered once.
    let text: string | undefined;
    const rendered = condition((hcl) => `alltrue([for p in ${key} : p == ${hcl(partitionOf(stack))}])`);
    found = produced((context) => (text ??= rendered.resolve(context) as string));
    conditions.set(key, found);
  }
  return found;
}

/**
 * How a message names an input: the module variable the user set, or the construct's input.
 * `<Construct> '<id>': '<input>'`, or `variable '<name>'` in a module.
 */
export function inputName(owner: string, path: string, value: unknown): string {
  const variable = variableOf(value);
  return variable === undefined ? `${owner}: '${path}'` : `variable '${variable}'`;
}

/**
 * Adds a check to the stack's `data.aws_partition`, which every plan of the stack reads: for
 * settings whose resources may not exist (`count = 0`), so that no resource's own precondition
 * would run.
 */
export function addStackPrecondition(scope: IConstruct, check: Precondition): void {
  const source = partitionDataSource(scope);
  source.lifecycle = { ...source.lifecycle, precondition: [...(source.lifecycle?.precondition ?? []), check] };
}

/** A `lifecycle` of the given preconditions, or nothing when there are none. */
export function lifecycleOf(preconditions: readonly (Precondition | undefined)[]): { precondition: Precondition[] } | undefined {
  const present = preconditions.filter((p): p is Precondition => p !== undefined);
  return present.length > 0 ? { precondition: present } : undefined;
}

/**
 * A value of a resource argument that the AWS provider validates, made to wait for plan when it is
 * a token of literals only (`Fn.lower("A B")`): Terraform knows such a value when it validates the
 * configuration, and the provider would refuse a bad one there, before the resource's
 * preconditions can name the input. Conditional on the stack's `data.aws_partition`, which is
 * read at plan, it reaches the provider after them, unchanged. Any other value is returned as it is.
 */
export function validatedAtPlan<T extends string | number | undefined>(scope: IConstruct, value: T): T {
  if (value === undefined || !isToken(value) || refersToObject(hclOf(scope, value))) return value;
  const wrapped = Fn.conditional(Op.neq(partitionOf(scope), Token.nullValue()), value, Token.nullValue());
  return (typeof value === "number" ? Token.asNumber(wrapped) : Token.asString(wrapped)) as T;
}
