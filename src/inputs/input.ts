import type { IResolvable } from "cdktf";
import type { Rule } from "../rules/rule";

/** The kinds of value an input may hold, as the config file, the schema and Terraform spell them. */
export type ValueKind = "boolean" | "number" | "string" | "string-list" | "string-map";

/**
 * One input: its kind and the rule its value (for a list, each element) must satisfy. What it
 * means is documented once, on the property of the props interface it describes; the two are
 * tied by {@link InputsOf}, so that neither can gain or lose a key without the other.
 */
export interface ValueInput {
  readonly kind: ValueKind;
  readonly rule?: Rule;
  /** Whether the value must be given whenever its group is (a bucket of an S3 backend). */
  readonly required?: boolean;
}

/**
 * A group of inputs: the props of a role inside a setup, or the lists of a policy; with `list`,
 * a list of such groups (the accounts of the configuration file), each element described alike.
 */
export interface GroupInput<P = unknown> {
  readonly kind: "group";
  readonly inputs: InputsOf<P>;
  readonly list?: boolean;
}

/** A list of groups. */
export type GroupListInput<P = unknown> = GroupInput<P> & { readonly list: true };

export type Input = ValueInput | GroupInput<unknown>;

type ValueInputOf<K extends ValueKind> = ValueInput & { readonly kind: K };

/** The descriptor a property of type `T` must have. */
type InputFor<T> = [NonNullable<T>] extends [boolean | IResolvable]
  ? ValueInputOf<"boolean">
  : [NonNullable<T>] extends [number]
    ? ValueInputOf<"number">
    : [NonNullable<T>] extends [string]
      ? ValueInputOf<"string">
      : [NonNullable<T>] extends [string[]]
        ? ValueInputOf<"string-list">
        : [NonNullable<T>] extends [{ [key: string]: string }]
          ? ValueInputOf<"string-map">
          : [NonNullable<T>] extends [readonly (infer E)[]]
            ? GroupListInput<E>
            : GroupInput<NonNullable<T>>;

/** A descriptor for every property of the props `P`, and for nothing else, of the matching kind. */
export type InputsOf<P> = { readonly [K in keyof Required<P>]: InputFor<P[K]> };

/** The descriptors of any props, as the code that walks them sees them. */
export type AnyInputs = { readonly [key: string]: Input };

export const flag = (): ValueInputOf<"boolean"> => ({ kind: "boolean" });
export const num = (rule: Rule): ValueInputOf<"number"> => ({ kind: "number", rule });
export const str = (rule?: Rule): ValueInputOf<"string"> => ({ kind: "string", rule });
export const list = (rule: Rule): ValueInputOf<"string-list"> => ({ kind: "string-list", rule });
export const map = (rule: Rule): ValueInputOf<"string-map"> => ({ kind: "string-map", rule });
export const group = <P>(inputs: InputsOf<P>): GroupInput<P> => ({ kind: "group", inputs });
export const groupList = <P>(inputs: InputsOf<P>): GroupListInput<P> => ({ kind: "group", inputs, list: true });
/** The same input, which must be given whenever its group is. */
export const required = <I extends ValueInput>(input: I): I => ({ ...input, required: true });

/** The input at a dotted path (`executionRole.secrets.secretArns`), or undefined. */
export function inputAt(inputs: AnyInputs, path: string): Input | undefined {
  const [head, ...rest] = path.split(".");
  const found = Object.prototype.hasOwnProperty.call(inputs, head) ? inputs[head] : undefined;
  if (found === undefined || rest.length === 0) return found;
  return found.kind === "group" ? inputAt(found.inputs as AnyInputs, rest.join(".")) : undefined;
}

/** Every value input below `inputs`, with its dotted path (a list's elements share one), depth first in declaration order. */
export function leaves(inputs: AnyInputs, at = "", shownAt = at): { path: string; shown: string; input: ValueInput }[] {
  return Object.entries(inputs).flatMap(([key, input]) => {
    const path = at ? `${at}.${key}` : key;
    const shown = shownAt ? `${shownAt}.${key}` : key;
    if (input.kind !== "group") return [{ path, shown, input }];
    return leaves(input.inputs as AnyInputs, path, `${shown}${input.list ? "[]" : ""}`);
  });
}
