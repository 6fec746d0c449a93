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
