import { TerraformResource, TerraformStack } from "cdktf";
import { readFileSync } from "fs";
import { INPUT_CODES } from "../inputs/codes";
import { Finding, formatFinding, ValidationError } from "../private/errors";

/**
 * What the account audit found of what each stack declares: by stack, the Terraform address of
 * every object the account already holds, with the import id the AWS provider documents for its
 * type (`audit --imports <file>` writes it).
 */
export type ImportSet = Readonly<Record<string, Readonly<Record<string, string>>>>;

const CODE = INPUT_CODES.importSet.code;

/** Reads an import set, refusing one that is not by stack and address, with every problem at once. */
export function loadImportSet(file: string): ImportSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ValidationError([`[${CODE}] ${file}: cannot be read as JSON (${why}); write it with the audit's --imports`]);
  }
  const findings: Finding[] = [];
  const requirement =
    "an object of stacks, each an object of Terraform addresses and import ids (strings), as the audit's --imports writes it";
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    findings.push({ code: CODE, path: "(top level)", value: parsed, requirement });
  } else {
    for (const [stack, entries] of Object.entries(parsed)) {
      if (stack === "$comment") continue;
      const valid = entries !== null && typeof entries === "object" && !Array.isArray(entries);
      if (!valid || Object.values(entries).some((id) => typeof id !== "string")) {
        findings.push({ code: CODE, path: stack, value: entries, requirement });
      }
    }
  }
  if (findings.length > 0) throw new ValidationError(findings.map((f) => formatFinding(file, f)));
  const { $comment: _comment, ...set } = parsed as Record<string, Record<string, string>>;
  return set;
}

/**
 * Imports into each stack exactly what the set lists for it (Terraform `import` blocks, by
 * cdktf's `importFrom`); an imported role or profile keeps what IAM cannot change or does not store. Returns, one line each, the
 * entries that name no resource of the stacks: the configuration changed since the audit.
 */
export function applyImportSet(set: ImportSet, stacks: readonly TerraformStack[], source: string): string[] {
  const findings: Finding[] = [];
  const byId = new Map(stacks.map((s) => [s.node.id, s]));
  for (const [stackId, entries] of Object.entries(set)) {
    const stack = byId.get(stackId);
    if (stack === undefined) {
      const requirement = `one of the stacks: ${[...byId.keys()].join(", ")}`;
      const count = Object.keys(entries).length;
      findings.push({ code: CODE, path: stackId, value: `${count} ${count === 1 ? "entry" : "entries"}`, requirement });
      continue;
    }
    const resources = new Map(
      stack.node
        .findAll()
        .filter((c): c is TerraformResource => c instanceof TerraformResource)
        .map((r) => [`${r.terraformResourceType}.${r.friendlyUniqueId}`, r]),
    );
    for (const [address, id] of Object.entries(entries)) {
      const resource = resources.get(address);
      if (resource === undefined) {
        const requirement = `the address of a resource of the ${stackId} stack: the configuration changed since the audit, so run it again`;
        findings.push({ code: CODE, path: `${stackId}.${address}`, value: id, requirement });
        continue;
      }
      resource.importFrom(id);
    }
  }
  return findings.map((f) => formatFinding(source, f));
}
