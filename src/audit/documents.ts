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

/** The keys of a statement whose values are lists of strings, in the order a finding names them. */
const LIST_KEYS = ["Action", "NotAction", "Resource", "NotResource"] as const;
const PRINCIPAL_KEYS = ["Principal", "NotPrincipal"] as const;

/**
 * One statement in the form IAM, and the AWS provider's policy comparison, treat as the same: a
 * single value and a one-element list are the same, and so is any order of the values of a list
 * (actions, resources, principals, condition values); an empty `Sid` is no `Sid`, and `Effect`
 * is read whatever its case. Returns canonical JSON, keys sorted.
 */
export function canonicalStatement(statement: Record<string, unknown>): string {
  return JSON.stringify(canonical(statement));
}

function canonical(statement: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sortedObject(statement, (v) => v))) {
    if (key === "Sid" && value === "") continue;
    if (key === "Effect" && typeof value === "string") out[key] = value.toLowerCase() === "deny" ? "Deny" : "Allow";
    else if ((LIST_KEYS as readonly string[]).includes(key)) out[key] = sorted(asList(value));
    else if ((PRINCIPAL_KEYS as readonly string[]).includes(key) && typeof value === "object" && value !== null) {
      out[key] = sortedObject(value as Record<string, unknown>, (v) => sorted(asList(v)));
    } else if (key === "Condition" && typeof value === "object" && value !== null) {
      out[key] = sortedObject(value as Record<string, unknown>, (byKey) =>
        sortedObject(byKey as Record<string, unknown>, (v) => sorted(asList(v).map(String))),
      );
    } else out[key] = value;
  }
  return out;
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

/**
 * How a document of the account differs from the one the stack writes, one sentence each, in
 * words: its `Version` and `Id`, then each statement the stack wants that the account's lacks,
 * paired where it can be with the account's statement most like it, so that the sentence names
 * the values that differ rather than printing two documents to compare by eye. Empty when the AWS
 * provider would plan no change of it.
 */
export function documentDifferences(what: string, expected: unknown, actual: unknown): string[] {
  const findings: string[] = [];
  for (const key of ["Version", "Id"] as const) {
    const want = (expected as Record<string, unknown> | undefined)?.[key];
    const have = (actual as Record<string, unknown> | undefined)?.[key];
    if ((want ?? "") === (have ?? "")) continue;
    findings.push(
      have === undefined
        ? `${what} has no ${key}; the stack writes ${want}`
        : want === undefined
          ? `${what} ${key} is ${have}; the stack writes none`
          : `${what} ${key} is ${have}; the stack writes ${want}`,
    );
  }
  const { missing, extra } = compareDocuments(expected, actual);
  const unpaired = [...extra];
  for (const wanted of missing) {
    const partner = closest(wanted, unpaired);
    if (partner === undefined) {
      findings.push(`${what} lacks the statement ${summary(wanted)}`);
      continue;
    }
    unpaired.splice(unpaired.indexOf(partner), 1);
    findings.push(`${what}, in the statement ${summary(wanted)}: ${fieldDifferences(wanted, partner).join("; ")}`);
  }
  for (const statement of unpaired) findings.push(`${what} has a statement the stack does not write: ${summary(statement)}`);
  return findings.length === 0 ? findings : [...findings, ...emptySidChanges(what, expected, actual)];
}

/**
 * An empty `Sid` reads as none, so alone it is no change; but once the document differs otherwise,
 * the AWS provider writes the stack's whole, and an empty `Sid` goes or comes with it: named, in
 * the statements that are otherwise the same (those that differ name it with their other
 * differences), so that the findings name every change the plan makes.
 */
function emptySidChanges(what: string, expected: unknown, actual: unknown): string[] {
  const written = new Map(statementsOf(expected).map((s) => [canonicalStatement(s), s]));
  return statementsOf(actual).flatMap((s) => {
    const wanted = written.get(canonicalStatement(s));
    const clause = wanted === undefined ? undefined : emptySidClause(wanted.Sid, s.Sid);
    return clause === undefined ? [] : [`${what}, in the statement ${summary(s as unknown as Statement)}: ${clause}`];
  });
}

/** The change of an empty `Sid` the provider writes with a document: `""` to none, or none to `""`. */
function emptySidClause(want: unknown, have: unknown): string | undefined {
  if (have === "" && want === undefined) return `"Sid" is ""; the stack writes none`;
  if (have === undefined && want === "") return `no "Sid"; the stack writes ""`;
  return undefined;
}

/** The account's statement most like `wanted`: the same effect and at least its actions, principals or resources. */
function closest(wanted: Statement, candidates: readonly Statement[]): Statement | undefined {
  const want = canonical(wanted as unknown as Record<string, unknown>);
  let best: { statement: Statement; score: number } | undefined;
  for (const statement of candidates) {
    const have = canonical(statement as unknown as Record<string, unknown>);
    if (want.Effect !== have.Effect) continue;
    const keys = ["Action", "NotAction", "Principal", "NotPrincipal", "Resource", "NotResource", "Condition", "Sid"];
    const score = keys.filter((k) => JSON.stringify(want[k]) === JSON.stringify(have[k])).length;
    const anchored = ["Action", "Principal", "Resource"].some((k) => want[k] !== undefined && overlaps(want[k], have[k]));
    if (anchored && (best === undefined || score > best.score)) best = { statement, score };
  }
  return best?.statement;
}

/** Whether two canonical values share a value (lists) or a principal. */
function overlaps(a: unknown, b: unknown): boolean {
  const values = (v: unknown): string[] =>
    Array.isArray(v)
      ? v.map(String)
      : typeof v === "object" && v !== null
        ? Object.values(v).flatMap(values)
        : v === undefined
          ? []
          : [String(v)];
  const mine = new Set(values(a));
  return values(b).some((v) => mine.has(v));
}

/** What differs between two statements, one clause per field. */
function fieldDifferences(wanted: Statement, actual: Statement): string[] {
  const want = canonical(wanted as unknown as Record<string, unknown>);
  const have = canonical(actual as unknown as Record<string, unknown>);
  const clauses: string[] = [];
  if (want.Sid !== have.Sid) clauses.push(`Sid is ${quoted(have.Sid)}; the stack writes ${quoted(want.Sid)}`);
  else {
    const empty = emptySidClause(wanted.Sid, actual.Sid);
    if (empty !== undefined) clauses.push(empty);
  }
  for (const key of LIST_KEYS) clauses.push(...listClauses(key, want[key], have[key]));
  for (const key of PRINCIPAL_KEYS) {
    const w = (want[key] ?? {}) as Record<string, unknown>;
    const h = (have[key] ?? {}) as Record<string, unknown>;
    if (typeof w !== "object" || typeof h !== "object") {
      if (JSON.stringify(w) !== JSON.stringify(h))
        clauses.push(`${key} is ${JSON.stringify(have[key])}; the stack writes ${JSON.stringify(want[key])}`);
      continue;
    }
    for (const type of [...new Set([...Object.keys(w), ...Object.keys(h)])].sort())
      clauses.push(...listClauses(`${key} ${type}`, w[type], h[type]));
  }
  const conditions = (c: unknown) => (c ?? {}) as Record<string, Record<string, unknown>>;
  const wc = conditions(want.Condition);
  const hc = conditions(have.Condition);
  for (const operator of [...new Set([...Object.keys(wc), ...Object.keys(hc)])].sort()) {
    const keys = [...new Set([...Object.keys(wc[operator] ?? {}), ...Object.keys(hc[operator] ?? {})])].sort();
    for (const key of keys) clauses.push(...listClauses(`Condition ${operator} ${key}`, wc[operator]?.[key], hc[operator]?.[key]));
  }
  return clauses;
}

/** A list field's values the account has beyond the stack's, and those it lacks. */
function listClauses(name: string, want: unknown, have: unknown): string[] {
  const w = want === undefined ? [] : asList(want).map(String);
  const h = have === undefined ? [] : asList(have).map(String);
  const extra = h.filter((v) => !w.includes(v));
  const lacking = w.filter((v) => !h.includes(v));
  return [
    ...(extra.length > 0 ? [`${name} also has ${extra.join(", ")}`] : []),
    ...(lacking.length > 0 ? [`${name} lacks ${lacking.join(", ")}`] : []),
  ];
}

const quoted = (value: unknown) => (value === undefined ? "none" : JSON.stringify(value));

/** A statement in a few words: `"Allow sts:AssumeRole to Service batch.amazonaws.com"`, with its Sid, resources and conditions. */
export function summary(statement: Statement): string {
  const s = canonical(statement as unknown as Record<string, unknown>);
  const list = (v: unknown) => asList(v).join(", ");
  const parts = [String(s.Effect ?? "Allow")];
  if (s.Action !== undefined) parts.push(list(s.Action));
  if (s.NotAction !== undefined) parts.push(`all but ${list(s.NotAction)}`);
  for (const key of PRINCIPAL_KEYS) {
    const principal = s[key];
    if (principal === undefined) continue;
    const named =
      typeof principal === "object" && principal !== null
        ? Object.entries(principal as Record<string, unknown>)
            .map(([type, v]) => `${type} ${list(v)}`)
            .join(" and ")
        : String(principal);
    parts.push(key === "Principal" ? `to ${named}` : `to all but ${named}`);
  }
  if (s.Resource !== undefined) parts.push(`on ${list(s.Resource)}`);
  if (s.NotResource !== undefined) parts.push(`on all but ${list(s.NotResource)}`);
  if (s.Condition !== undefined) {
    const conditions = Object.entries(s.Condition as Record<string, Record<string, unknown>>).flatMap(([operator, byKey]) =>
      Object.entries(byKey).map(([key, v]) => `${operator} ${key} ${list(v)}`),
    );
    parts.push(`when ${conditions.join(" and ")}`);
  }
  const sid = typeof s.Sid === "string" ? ` (Sid ${s.Sid})` : "";
  return `"${parts.join(" ")}"${sid}`;
}
