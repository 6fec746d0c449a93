import { Tokenization } from "cdktf";

const validated = new Set<string>();

/**
 * Records that a token stands for a value Terraform itself checks by the same rule (a module
 * variable with its `validation` block), so that no precondition repeats the check.
 */
export function markValidated(token: unknown): void {
  for (const key of tokenKeys(token)) validated.add(key);
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
