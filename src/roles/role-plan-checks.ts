import { IConstruct } from "constructs";
import { AnyInputs, inputAt, leaves } from "../inputs/input";
import { ArnInput, partitionPreconditions, Precondition, rulePrecondition } from "../inputs/plan-checks";
import type { RoleSpec } from "./role-spec";

/**
 * The plan-time checks of a role's inputs at these paths: each value known only then against its
 * rule, and each ARN, literal or not, against the partition the stack is planned in. A path that
 * names no input is a mistake of the construct's code, refused at once.
 */
export function planChecks(
  scope: IConstruct,
  owner: string,
  inputs: AnyInputs,
  props: object,
  paths: readonly string[],
): (Precondition | undefined)[] {
  const checks: (Precondition | undefined)[] = [];
  const arns: ArnInput[] = [];
  for (const path of paths) {
    const input = inputAt(inputs, path);
    if (input === undefined) throw new Error(`${owner}: no input '${path}' to check at plan`);
    const value = valueAt(props, path);
    if (input.kind === "group" || input.rule === undefined || value === undefined) continue;
    checks.push(rulePrecondition(owner, path, value, input.rule, input.kind === "string-list"));
    if (input.rule.arn) arns.push({ path, value });
  }
  if (arns.length > 0) checks.push(...partitionPreconditions(scope, owner, arns));
  return checks;
}

/**
 * The inputs the role resource checks at plan, read from the descriptors: every one, in their
 * order, but those another resource of the construct checks (`checkedElsewhere`).
 */
export function roleResourceInputPaths<P>(spec: RoleSpec<P>): string[] {
  const elsewhere = new Set<string>(spec.checkedElsewhere ?? []);
  return leaves(spec.inputs as AnyInputs)
    .map(({ path }) => path)
    .filter((path) => !elsewhere.has(path.split(".")[0]));
}

/** The value at a dotted path of the props. */
function valueAt(props: object, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], props);
}
