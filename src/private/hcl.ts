import { DefaultTokenResolver, IResolvable, ref, StringConcat, Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import { produced } from "./produced";

/**
 * Text as a Terraform template (a quoted string, a precondition's `error_message`) reads it
 * literally: its `${` and `%{` escaped as `$${` and `%%{`.
 */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, "$$$${").replace(/%\{/g, "%%{");
}

/** Quotes a string as an HCL string literal, escaping what HCL would otherwise interpret. */
export function hclString(value: string): string {
  return `"${escapeTemplate(value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n"))}"`;
}

/**
 * Renders a value as a Terraform expression in the stack of `scope`: a token as the expression it
 * stands for (`var.kms_key_arns`), a literal as HCL, a list or map of both as HCL collections.
 */
export function hclOf(scope: IConstruct, value: unknown): string {
  const resolved = Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
  return render(resolved);
}

/** The expression of a string that is one interpolation, `${…}`, as a whole; undefined for a template with text around it. */
function singleInterpolation(value: string): string | undefined {
  if (!value.startsWith("${") || !value.endsWith("}")) return undefined;
  // Nested templates ("${arn}-??????") keep braces balanced: the first `${` must close at the end.
  let depth = 0;
  for (let i = 1; i < value.length; i++) {
    if (value[i] === "{") depth++;
    else if (value[i] === "}" && --depth === 0) return i === value.length - 1 ? value.slice(2, -1) : undefined;
  }
  return undefined;
}

function render(value: unknown): string {
  if (typeof value === "string") {
    const inner = singleInterpolation(value);
    // An operand of whatever it is put in: bracketed unless it is a plain reference.
    if (inner !== undefined) return /^[\w.[\]*"-]+$/.test(inner) ? inner : `(${inner})`;
    // A template: quotes and backslashes escaped, interpolations kept.
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
  }
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${hclString(k)} = ${render(v)}`)
      .join(", ")} }`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A Terraform expression written as text over values rendered only at synth, in the stack that
 * uses it (cdktf's own builders cannot write every expression: a `for` over a list, for one).
 */
export function expression(build: (hcl: (value: unknown) => string) => string): IResolvable {
  return produced((context) => ref(build((value) => hclOf(context.scope, value))));
}

/** The roots of Terraform references that name no resource type: `var.x`, `local.x`, `data.t.n`, … */
const REFERENCE_ROOTS = new Set(["var", "local", "data", "module", "each", "count", "self", "path", "terraform"]);

/**
 * Whether a Terraform expression refers to an object of the configuration (`var.x`,
 * `aws_iam_role.r.name`, `local.y`), which a precondition's condition must: a token made of
 * functions of literals only (`lower("WEB")`) refers to nothing. Text in quotes is not looked at,
 * but their interpolations are. Errs towards "refers to nothing", which only costs a reference more.
 */
export function refersToObject(expression: string): boolean {
  const code: string[] = [];
  // Depths of the open interpolations, by where each began: inside quotes, text is not code.
  let inString = false;
  const interpolations: number[] = [];
  let depth = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      else if ((c === "$" || c === "%") && expression[i + 1] === "{") {
        if (expression[i - 1] === c) continue; // `$${` is an escaped, literal `${`
        interpolations.push(depth);
        depth++;
        inString = false;
        i++;
        code.push(" ");
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      code.push(" ");
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (interpolations.length > 0 && interpolations[interpolations.length - 1] === depth) {
        interpolations.pop();
        inString = true;
        code.push(" ");
        continue;
      }
    }
    code.push(c);
  }
  for (const match of code.join("").matchAll(/(?<![\w.])([A-Za-z_][\w-]*)\s*\.\s*[A-Za-z_]/g)) {
    const root = match[1];
    if (REFERENCE_ROOTS.has(root) || /^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(root)) return true;
  }
  return false;
}

/**
 * `condition` holds for every element `item` of the HCL list or map `collection` (with `key`, a
 * map's key): written as "none fails", because Terraform's `alltrue` stops at the first element
 * not known until apply and calls the whole unknown, so a bad element after it went unchecked;
 * `anytrue` finds a known failure wherever it is.
 */
export function hclEvery(collection: string, item: string, condition: string, key?: string): string {
  return `!anytrue([for ${key ? `${key}, ` : ""}${item} in ${collection} : !(${condition})])`;
}
