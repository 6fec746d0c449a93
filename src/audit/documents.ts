import type { Statement } from "../policies/policy-document";

/** A policy document as IAM returns it: URL-encoded JSON (GetRole, GetRolePolicy, GetPolicyVersion). */
export function decodeDocument(encoded: string): unknown {
  let text = encoded;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    // Not URL-encoded: a document given as JSON already.
  }
  return JSON.parse(text);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const sorted = (values: unknown[]) => [...values].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const sortedObject = (object: Record<string, unknown>, value: (v: unknown) => unknown) =>
  Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((k) => [k, value(object[k])]),
  );

/**
 * One statement in the form IAM compares: a single value and a one-element list are the same, and
 * so is any order of the values of a list (actions, resources, principals, condition values).
 * Returns canonical JSON, keys sorted.
 */
export function canonicalStatement(statement: Record<string, unknown>): string {
  const canonical = sortedObject(statement, (v) => v);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(canonical)) {
    if (["Action", "NotAction", "Resource", "NotResource"].includes(key)) out[key] = sorted(asList(value));
    else if ((key === "Principal" || key === "NotPrincipal") && typeof value === "object" && value !== null) {
      out[key] = sortedObject(value as Record<string, unknown>, (v) => sorted(asList(v)));
    } else if (key === "Condition" && typeof value === "object" && value !== null) {
      out[key] = sortedObject(value as Record<string, unknown>, (byKey) =>
        sortedObject(byKey as Record<string, unknown>, (v) => sorted(asList(v))),
      );
    } else out[key] = value;
  }
  return JSON.stringify(out);
}

/** The statements of a document, as a list whatever the document gives. */
export function statementsOf(document: unknown): Record<string, unknown>[] {
  const statements = (document as { Statement?: unknown } | undefined)?.Statement;
  if (statements === undefined) return [];
  return (Array.isArray(statements) ? statements : [statements]) as Record<string, unknown>[];
}

/** How two documents differ, as IAM compares them: statements one has and the other lacks. */
export interface DocumentDifference {
  readonly missing: Statement[];
  readonly extra: Statement[];
}

export function compareDocuments(expected: unknown, actual: unknown): DocumentDifference {
  const keyed = (document: unknown) =>
    statementsOf(document).map((s) => ({ key: canonicalStatement(s), statement: s as unknown as Statement }));
  const want = keyed(expected);
  const have = keyed(actual);
  const remaining = [...have];
  const missing: Statement[] = [];
  for (const { key, statement } of want) {
    const found = remaining.findIndex((h) => h.key === key);
    if (found >= 0) remaining.splice(found, 1);
    else missing.push(statement);
  }
  return { missing, extra: remaining.map((r) => r.statement) };
}

/** Whether a difference is none at all. */
export const same = (difference: DocumentDifference) => difference.missing.length === 0 && difference.extra.length === 0;

/** A statement, short, for a finding. */
export function describeStatement(statement: Statement): string {
  return JSON.stringify(statement);
}
