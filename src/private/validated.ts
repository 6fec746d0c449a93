import { Tokenization } from "cdktf";

const variables = new Map<string, string>();
const validated = new Set<string>();

/**
 * Records that a token stands for a module variable, so that every message about the value names
 * the variable the module's user set; `checked` when Terraform itself checks it by the same rule
 * (its `validation` block), so that no precondition repeats the check.
 */
export function markVariable(token: unknown, variable: string, checked: boolean): void {
  for (const key of tokenKeys(token)) {
    variables.set(key, variable);
    if (checked) validated.add(key);
  }
}

/** The module variable a token stands for, if it is one. */
export function variableOf(token: unknown): string | undefined {
  const keys = tokenKeys(token);
  const names = keys.map((key) => variables.get(key));
  return keys.length > 0 && names.every((n) => n !== undefined && n === names[0]) ? names[0] : undefined;
}

/** Whether a token stands for a value Terraform checks already. */
export function isValidated(token: unknown): boolean {
  const keys = tokenKeys(token);
  return keys.length > 0 && keys.every((key) => validated.has(key));
}

function tokenKeys(token: unknown): string[] {
  if (typeof token === "string") return [token];
  if (Array.isArray(token) && token.length === 1 && typeof token[0] === "string") return [token[0]];
  if (typeof token === "number") return [String(token)];
  if (Tokenization.isResolvable(token)) return [token.toString()];
  // A map token is an object with one key that encodes it.
  if (typeof token === "object" && token !== null && Object.keys(token).length === 1) return Object.keys(token);
  return [];
}
