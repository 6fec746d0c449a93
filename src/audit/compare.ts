import { noRolePassing } from "../checks/no-role-passing";
import { noWildcardActions } from "../checks/no-wildcard-actions";
import { PolicyCheck } from "../checks/policy-check";
import { starResourceOnlyWhereRequired } from "../checks/star-resource-only-where-required";
import type { Statement } from "../policies/policy-document";
import type { RoleModel } from "../roles/role-model";
import { ActualRole, IamAccount } from "./account";
import { DesiredRole, documentIn, inPartition } from "./desired";
import { compareDocuments, describeStatement, DocumentDifference, statementsOf } from "./documents";

/** What the audit says of one role. */
export type AuditStatus = "ok" | "missing" | "drift" | "unchecked";

/** The audit of one role the stacks would manage, with its instance profile and policies. */
export interface RoleAudit {
  readonly stack: string;
  readonly name: string;
  readonly status: AuditStatus;
  /** Each difference from the documents, one sentence each; why for `missing` and `unchecked`. */
  readonly findings: readonly string[];
  /**
   * What the account holds of what the stack declares for the role, by Terraform address, with the
   * import id the AWS provider documents for its type: the import set that adopts exactly that.
   */
  readonly imports: Readonly<Record<string, string>>;
}

/** Import ids, as the AWS provider documents them per resource type. */
const IMPORT_ID = {
  role: (name: string) => name,
  instanceProfile: (name: string) => name,
  policy: (arn: string) => arn,
  attachment: (role: string, policyArn: string) => `${role}/${policyArn}`,
  inline: (role: string, policy: string) => `${role}:${policy}`,
};

/** The checks that tell whether a policy the documents do not have grants more than they do. */
const GRANTS_MORE: readonly PolicyCheck[] = [noWildcardActions, starResourceOnlyWhereRequired, noRolePassing];

/** The partition of an ARN (`arn:aws-cn:…` → `aws-cn`). */
const partitionOf = (arn: string) => arn.split(":")[1] || "aws";

/** Audits one role: what the account holds against what the stack would make of it. */
export async function auditRole(desired: DesiredRole, account: IamAccount): Promise<RoleAudit> {
  const base = { stack: desired.stack, name: desired.name ?? `${desired.namePrefix}*` };
  if (desired.name === undefined) {
    const why = `named by the prefix "${desired.namePrefix}": Terraform completes the name at apply, so no role can be looked up by it`;
    return { ...base, status: "unchecked", findings: [why], imports: {} };
  }
  const actual = await account.role(desired.name);
  if (actual === undefined) return { ...base, status: "missing", findings: [`no role named ${desired.name} in the account`], imports: {} };
  const partition = partitionOf(actual.arn);
  const imports: Record<string, string> = { [desired.address]: IMPORT_ID.role(desired.name) };
  const findings = [
    ...roleSettings(desired, actual),
    ...documentFindings("trust policy", documentIn(desired.trust, partition), actual.trust),
    ...awsManaged(desired, actual, partition, imports),
    ...inline(desired, actual, partition, imports),
    ...(await customerManaged(desired, actual, account, partition, imports)),
    ...(await profile(desired, account, imports)),
  ];
  return { ...base, status: findings.length === 0 ? "ok" : "drift", findings, imports };
}

function roleSettings(desired: DesiredRole, actual: ActualRole): string[] {
  const findings: string[] = [];
  if (actual.path !== desired.path) findings.push(`path is ${actual.path}; the documents want ${desired.path}`);
  if (actual.permissionsBoundary !== desired.permissionsBoundary) {
    findings.push(
      desired.permissionsBoundary === undefined
        ? `permissions boundary ${actual.permissionsBoundary} is set; the documents set none`
        : actual.permissionsBoundary === undefined
          ? `no permissions boundary; the documents want ${desired.permissionsBoundary}`
          : `permissions boundary is ${actual.permissionsBoundary}; the documents want ${desired.permissionsBoundary}`,
    );
  }
  return findings;
}

function awsManaged(desired: DesiredRole, actual: ActualRole, partition: string, imports: Record<string, string>): string[] {
  const wanted = desired.awsManagedPolicies.map((arn) => inPartition(arn, partition));
  const awsAttached = actual.attached.filter((p) => p.arn.includes(":iam::aws:policy/"));
  for (const template of desired.awsManagedPolicies) {
    const arn = inPartition(template, partition);
    if (awsAttached.some((p) => p.arn === arn)) imports[desired.addresses.awsManaged[template]] = IMPORT_ID.attachment(desired.name!, arn);
  }
  return [
    ...wanted.filter((arn) => !awsAttached.some((p) => p.arn === arn)).map((arn) => `AWS managed policy ${arn} is not attached`),
    ...awsAttached
      .filter((p) => !wanted.includes(p.arn))
      .map((p) => `AWS managed policy ${p.arn} is attached beside the documents': it grants what AWS puts in it`),
  ];
}

function inline(desired: DesiredRole, actual: ActualRole, partition: string, imports: Record<string, string>): string[] {
  const findings: string[] = [];
  for (const [name, template] of Object.entries(desired.inlinePolicies)) {
    if (!(name in actual.inline)) {
      findings.push(`inline policy ${name} is missing`);
      continue;
    }
    imports[desired.addresses.inline[name]] = IMPORT_ID.inline(desired.name!, name);
    findings.push(...documentFindings(`inline policy ${name}`, documentIn(template, partition), actual.inline[name]));
  }
  for (const [name, document] of Object.entries(actual.inline)) {
    if (!(name in desired.inlinePolicies)) findings.push(`inline policy ${name} is not in the documents${grantsMore(name, document)}`);
  }
  return findings;
}

async function customerManaged(
  desired: DesiredRole,
  actual: ActualRole,
  account: IamAccount,
  partition: string,
  imports: Record<string, string>,
): Promise<string[]> {
  const findings: string[] = [];
  const accountId = actual.arn.split(":")[4];
  const own = actual.attached.filter((p) => !p.arn.includes(":iam::aws:policy/"));
  for (const [name, { path, document }] of Object.entries(desired.customerManagedPolicies)) {
    const arn = `arn:${partition}:iam::${accountId}:policy${path}${name}`;
    const policy = await account.policy(arn);
    if (policy === undefined) {
      findings.push(`customer managed policy ${name} is missing`);
      continue;
    }
    const addresses = desired.addresses.customerManaged[name];
    imports[addresses.policy] = IMPORT_ID.policy(arn);
    if (own.some((p) => p.arn === arn)) imports[addresses.attachment] = IMPORT_ID.attachment(desired.name!, arn);
    else findings.push(`customer managed policy ${name} is not attached to the role`);
    findings.push(...documentFindings(`customer managed policy ${name}`, documentIn(document, partition), policy.document));
  }
  for (const extra of own.filter((p) => !(p.name in desired.customerManagedPolicies))) {
    const policy = await account.policy(extra.arn);
    findings.push(
      `customer managed policy ${extra.arn} is attached beside the documents'${policy ? grantsMore(extra.name, policy.document) : ""}`,
    );
  }
  return findings;
}

async function profile(desired: DesiredRole, account: IamAccount, imports: Record<string, string>): Promise<string[]> {
  if (desired.instanceProfile === undefined) return [];
  const { name, path } = desired.instanceProfile;
  const actual = await account.instanceProfile(name);
  if (actual === undefined) return [`instance profile ${name} is missing`];
  imports[desired.addresses.instanceProfile!] = IMPORT_ID.instanceProfile(name);
  const findings: string[] = [];
  if (!actual.roles.includes(desired.name!)) {
    findings.push(`instance profile ${name} does not hold the role (it holds ${actual.roles.length ? actual.roles.join(", ") : "none"})`);
  }
  if (actual.path !== path) findings.push(`instance profile ${name} has path ${actual.path}; the documents want ${path}`);
  return findings;
}

function documentFindings(what: string, expected: unknown, actual: unknown): string[] {
  const difference: DocumentDifference = compareDocuments(expected, actual);
  return [
    ...difference.missing.map((s) => `${what} lacks the statement ${describeStatement(s)}`),
    ...difference.extra.map((s) => `${what} has a statement the documents do not: ${describeStatement(s)}`),
  ];
}

/** Whether a policy the documents do not have grants more than they do, by the policy checks: the reason, or nothing. */
function grantsMore(name: string, document: unknown): string {
  const model: RoleModel = {
    owner: name,
    service: "ecs-tasks",
    principal: "",
    created: true,
    trust: [],
    managedPolicies: [],
    policies: [{ name, when: true, statements: statementsOf(document).map((s) => ({ statement: s as unknown as Statement, when: true })) }],
  };
  const found = GRANTS_MORE.flatMap((check) => check.check(model).map((f) => `[${check.id}] ${f.replace(/^policy '[^']*' /, "")}`));
  return found.length > 0 ? `, and grants more than they do: ${found.join("; ")}` : "";
}
