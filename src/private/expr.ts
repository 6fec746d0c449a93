import { Fn, IResolvable, Op, TerraformLocal, Token } from "cdktf";
import { IConstruct } from "constructs";

/**
 * A yes/no that is either known at synth (a plain boolean) or only at plan (a Terraform boolean
 * expression, e.g. from a module variable). Every optional piece of this project is decided by
 * one `Flag`, through the helpers below, so that stacks (literals) and modules (variables) take
 * the same code path: a literal flag is decided in TypeScript, a token flag becomes a Terraform
 * conditional or `count`.
 */
export type Flag = boolean | IResolvable;

/** True when `value` (string, number, list or map) is a Terraform token rather than a literal. */
export function isToken(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/** Whether a list has at least one element. */
export function nonEmpty(list: readonly string[] | undefined): Flag {
  if (list === undefined) return false;
  // `>= 1`, not `> 0`: cdktf's operators drop a right operand of 0 (they test it for truthiness).
  if (isToken(list)) return Op.gte(Fn.lengthOf(list), 1);
  return list.length > 0;
}

/**
 * What a role, profile or output of something switched off at synth (`create: false`) holds: null
 * in Terraform. One string, so that a stack can leave out an output that would only ever be null:
 * Terraform drops null outputs, and the cdktf CLI fails on an output it declared but cannot find.
 */
export const SWITCHED_OFF: string = Token.asString(Token.nullValue());

/** Whether an optional value is given (a token may still be null at plan). */
export function isSet(value: string | undefined): Flag {
  if (value === undefined) return false;
  if (isToken(value)) return Op.neq(value, Token.nullValue());
  return true;
}

/** Whether a string (literal or token) equals `expected`. */
export function equals(value: string, expected: string): Flag {
  return isToken(value) ? Op.eq(value, expected) : value === expected;
}

export function not(flag: Flag): Flag {
  return typeof flag === "boolean" ? !flag : Op.not(flag);
}

export function and(...flags: Flag[]): Flag {
  if (flags.some((f) => f === false)) return false;
  const open = flags.filter((f): f is IResolvable => typeof f !== "boolean");
  return open.length === 0 ? true : open.reduce((left, right) => Op.and(left, right));
}

export function or(...flags: Flag[]): Flag {
  if (flags.some((f) => f === true)) return true;
  const open = flags.filter((f): f is IResolvable => typeof f !== "boolean");
  return open.length === 0 ? false : open.reduce((left, right) => Op.or(left, right));
}

/** `yes` or `no`: picked now for a literal flag, by a Terraform conditional for a token. */
export function choose<T>(flag: Flag, yes: T, no: T): T {
  if (typeof flag === "boolean") return flag ? yes : no;
  return Fn.conditional(flag, yes, no) as T;
}

/** `items` when the flag holds, else nothing; a token flag gives `flag ? items : []`. */
export function onlyIf<T>(flag: Flag, items: T[]): T[] {
  return choose(flag, items, []);
}

/**
 * Concatenates lists, some of which may be Terraform expressions; their elements are not lists.
 * Terraform's `flatten`, not `concat`: `concat` unifies the lists' element types, and panics
 * (Terraform 1.11) when policy statements differ in a value only known at apply (one statement's
 * `Resource` a list of strings, another's an expression over a variable of unknown elements).
 */
export function concat<T>(...lists: T[][]): T[] {
  if (lists.every((l) => Array.isArray(l) && !isToken(l))) return lists.flat();
  return lists.length === 1 ? lists[0] : (Fn.flatten(lists) as T[]);
}

/** Merges maps, some of which may be Terraform expressions. */
export function merge<T extends object>(...maps: T[]): T {
  if (maps.every((m) => !isToken(m))) return Object.assign({}, ...maps);
  return Fn.merge(maps) as T;
}

/**
 * What a resource that exists only when `flag` holds needs: `undefined` when it is not created
 * at all, `{}` when it is created unconditionally, and a `count` of `flag ? 1 : 0` otherwise.
 */
export function existence(flag: Flag): { count?: number } | undefined {
  if (flag === false) return undefined;
  if (flag === true) return {};
  return { count: Token.asNumber(Fn.conditional(flag, 1, 0)) };
}

/**
 * The value, or `fallback` when it is not given; for a token that may be null at plan (a module
 * variable defaulting to null), `coalesce(value, fallback)`.
 */
export function orFallback(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  return isToken(value) ? Fn.coalesce([value, fallback]) : value;
}

/** The value, or `fallback` when the value is not given. */
export function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/** The flags {@link named} returned: naming one again would only give it a second name. */
const namedFlags = new WeakSet<IResolvable>();

/**
 * A decision made once and named: a literal stays as it is; a Terraform expression becomes a
 * `local` (e.g. `local.execution_role_ecr_pulls_restricted`), so that every resource it decides
 * refers to the one definition instead of repeating it. A flag that is already a named decision
 * is returned as it is.
 */
export function named(scope: IConstruct, id: string, flag: Flag): Flag {
  if (typeof flag === "boolean" || namedFlags.has(flag)) return flag;
  const existing = scope.node.tryFindChild(id);
  const decision = (existing instanceof TerraformLocal ? existing : new TerraformLocal(scope, id, flag)).asBoolean;
  namedFlags.add(decision);
  return decision;
}

/**
 * All of the flags, as a decision {@link named} `id` when it combines two or more known only at
 * plan: one alone is a name already (a module variable, or a decision named before).
 */
export function namedAnd(scope: IConstruct, id: string, ...flags: Flag[]): Flag {
  const all = and(...flags);
  return flags.filter((f) => typeof f !== "boolean").length > 1 ? named(scope, id, all) : all;
}
