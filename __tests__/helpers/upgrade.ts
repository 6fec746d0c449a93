import { randomUUID } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import { Plan } from "./terraform";

/** A `moved` block of a module's migrations.tf.json. */
export interface Move {
  readonly from: string;
  readonly to: string;
}

/** The moves a module declares. */
export function movesOf(moduleDir: string): Move[] {
  return JSON.parse(readFileSync(join(moduleDir, "migrations.tf.json"), "utf8")).moved;
}

const ACCOUNT = "111122223333";
/** Computed attributes as the provider reads them back for an object with no tags and no default tags. */
const READ_VALUES: Record<string, unknown> = { tags_all: {}, managed_policy_arns: [] };
const ARN_KINDS: Record<string, string> = { aws_iam_role: "role", aws_iam_policy: "policy", aws_iam_instance_profile: "instance-profile" };

/**
 * A Terraform state (format 4) holding what a plan would create, as if it had been applied: the
 * planned values, with the values known only after apply filled in as AWS would give them (ARNs,
 * ids), and attributes that reference another resource's ARN given that ARN. Planning against it
 * with `-refresh=false` shows what the next release would do to these objects.
 */
export function stateFromPlan(plan: Plan): object {
  const resources = Object.values(plan.resources).filter((r) => r.mode === "managed");
  const values = new Map<string, Record<string, any>>();
  for (const r of resources) {
    const v = { ...r.values };
    const kind = ARN_KINDS[r.type];
    if (kind && v.arn === undefined) v.arn = `arn:aws:iam::${ACCOUNT}:${kind}${v.path ?? "/"}${v.name ?? `${v.name_prefix}generated`}`;
    v.id ??= r.type === "aws_iam_policy" ? v.arn : (v.name ?? `${r.address}-id`);
    values.set(r.address, v);
  }
  // Attributes still unknown: those that take another resource's ARN (an attachment's policy_arn),
  // and those the provider computes on read (tags_all, managed_policy_arns).
  for (const change of plan.json.resource_changes ?? []) {
    const v = values.get(change.address);
    if (!v) continue;
    for (const [attribute, unknown] of Object.entries(change.change.after_unknown ?? {})) {
      if (unknown !== true || v[attribute] !== undefined) continue;
      const referenced = referencesOf(plan, change.address, attribute).find((a) => values.has(a));
      if (referenced) v[attribute] = values.get(referenced)!.arn;
      else if (attribute in READ_VALUES) v[attribute] = READ_VALUES[attribute];
    }
  }
  const byResource = new Map<string, any>();
  for (const r of resources) {
    const module = r.address.match(/^((?:module\.[^.]+\.)*)/)![1].replace(/\.$/, "");
    const key = `${module}|${r.type}|${r.name}`;
    const entry = byResource.get(key) ?? {
      ...(module ? { module } : {}),
      mode: "managed",
      type: r.type,
      name: r.name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [],
    };
    entry.instances.push({
      ...(r.index !== undefined ? { index_key: r.index } : {}),
      schema_version: 0,
      attributes: values.get(r.address),
      sensitive_attributes: [],
    });
    byResource.set(key, entry);
  }
  return { version: 4, terraform_version: "1.11.0", serial: 1, lineage: randomUUID(), outputs: {}, resources: [...byResource.values()] };
}

/** The addresses an attribute's configuration refers to, as instance addresses of the same index. */
function referencesOf(plan: Plan, address: string, attribute: string): string[] {
  const parts = address.match(/^((?:module\.[^.]+\.)*)([^.]+)\.([^.[]+)(\[\d+\])?$/);
  if (!parts) return [];
  const [, modulePath, type, name, index = ""] = parts;
  let config = plan.json.configuration?.root_module;
  for (const call of modulePath.split(".").filter((_, i) => i % 2 === 1)) config = config?.module_calls?.[call]?.module;
  const resource = (config?.resources ?? []).find((r: any) => r.address === `${type}.${name}`);
  const references: string[] = resource?.expressions?.[attribute]?.references ?? [];
  // `aws_iam_policy.x`, `aws_iam_policy.x[*].arn`: the resource is the first two segments.
  return references.map((r) => `${modulePath}${r.split(".").slice(0, 2).join(".").replace(/\[.*$/, "")}${index}`);
}
