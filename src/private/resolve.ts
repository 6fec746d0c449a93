import { Token, Tokenization } from "cdktf";

/**
 * Resolves `value` as cdktf's `resolve` does, handing cdktf only the parts that may hold a token.
 * cdktf's walk runs three regular expressions over every string and every map key, and builds a
 * resolution context for each, though most of a stack is literal: a literal string, number or
 * boolean is kept as it is here, which is what cdktf makes of it. A part that may hold a token (a
 * string with an encoded token or what could be an encoded number, a token number, a resolvable,
 * a list or map with token elements or keys) is resolved by `resolveTokens`, from that part down,
 * exactly as cdktf resolves it when it reaches it: plain maps and lists above it set nothing on
 * the context that their children see. A plain map or list that resolves to itself is kept, not
 * copied: the result shares what holds no token with `value`.
 */
export function resolveLiterals<T>(value: T, resolveTokens: (part: unknown) => unknown): T {
  return walk(value, resolveTokens) as T;
}

function walk(value: unknown, resolveTokens: (part: unknown) => unknown): unknown {
  switch (typeof value) {
    case "undefined":
    case "boolean":
      return value;
    case "string":
      return mayHoldToken(value) ? resolveTokens(value) : value;
    case "number":
      return Token.isUnresolved(value) ? resolveTokens(value) : value;
    case "object":
      break;
    default:
      return resolveTokens(value); // a function: cdktf refuses it
  }
  if (value === null || value instanceof Date) return value;
  if (Array.isArray(value)) {
    if (value.some(isTokenScalar)) return resolveTokens(value); // list tokens are resolved with their list
    // Copied only from the first element that resolves to something else (or to nothing).
    let list: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const element = value[i];
      const resolved = walk(element, resolveTokens);
      if (list === undefined) {
        if (resolved === element && resolved !== undefined) continue;
        list = value.slice(0, i);
      }
      if (resolved !== undefined) list.push(resolved);
    }
    return list ?? value;
  }
  // A resolvable, a map with token keys, or a construct (which cdktf refuses): cdktf's.
  if (Tokenization.isResolvable(value) || "_children" in value || Object.keys(value).some(mayHoldToken)) return resolveTokens(value);
  // A plain map is copied only from the first value that resolves to something else (or to
  // nothing); cdktf makes a plain copy of any other object.
  const plain = Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let map: Record<string, unknown> | undefined = plain ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const element = record[keys[i]];
    const resolved = walk(element, resolveTokens);
    if (map === undefined) {
      if (resolved === element && resolved !== undefined) continue;
      map = {};
      for (let j = 0; j < i; j++) map[keys[j]] = record[keys[j]];
    }
    if (resolved !== undefined) map[keys[i]] = resolved;
  }
  return map ?? value;
}

const isTokenScalar = (x: unknown) => (typeof x === "string" && mayHoldToken(x)) || (typeof x === "number" && Token.isUnresolved(x));

/**
 * Whether a string may hold a token: every encoded string, list or map token holds `TfToken[`,
 * and cdktf looks for encoded numbers in strings with `[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`, of which
 * every match holds one of the characters before the `e`, the `e` and one after it.
 */
function mayHoldToken(s: string): boolean {
  return s.includes("TfToken[") || NUMBER_SHAPE.test(s);
}

const NUMBER_SHAPE = /[-|\d.+]e[-|\d.eE+]/;
