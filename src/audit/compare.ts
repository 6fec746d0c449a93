import { noRolePassing } from "../checks/no-role-passing";
import { noWildcardActions } from "../checks/no-wildcard-actions";
import { PolicyCheck } from "../checks/policy-check";
import { starResourceOnlyWhereRequired } from "../checks/star-resource-only-where-required";
import type { Statement } from "../policies/policy-document";
import type { RoleModel } from "../checks/role-model";
import { ActualRole, IamAccount } from "./account";
import { DesiredRole, documentIn, inPartition } from "./desired";
import { documentDifferences, statementsOf } from "./documents";

/** What the audit says of one role. */
export type AuditStatus = "ok" | "missing" | "drift" | "unchecked";

/** The audit of one role the stacks would manage, with its instance profile and policies. */
export interface RoleAudit {
  readonly stack: string;
  readonly name: string;
  readonly status: AuditStatus;
  /**
   * Each difference from what the stack would make of the role, one sentence each; why for
   * `missing` and `unchecked`. A role is `ok` exactly when it has none: adopting it then plans no
   * change.
   */
  readonly findings: readonly string[];
  /** What differs but adopting keeps as it is (a path IAM cannot change), one sentence each. */
  readonly notes: readonly string[];
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
  /** `aws_iam_role_policies_exclusive` and `aws_iam_role_policy_attachments_exclusive`: the role's name. */
  exclusive: (role: string) => role,
};

/** The checks that tell whether a policy the stack does not write grants more than it does. */
const GRANTS_MORE: readonly PolicyCheck[] = [noWildcardActions, starResourceOnlyWhereRequired, noRolePassing];

/** The partition of an ARN (`arn:aws-cn:…` → `aws-cn`). */
const partitionOf = (arn: string) => arn.split(":")[1] || "aws";

/** What one comparison found: differences that adopting changes, and differences it keeps. */
interface Found {
  readonly findings: string[];
  readonly notes: string[];
}

/**
 * Audits one role: what the account holds against what the stack would make of it, compared as
 * the AWS provider compares them, so that a role is `ok` exactly when adopting it plans no change,
 * and each finding names something the adopting plan would change (or, with `exclusive` off, an
 * extra grant the stack would leave).
 */
export async function auditRole(desired: DesiredRole, account: IamAccount): Promise<RoleAudit> {
  const base = { stack: desired.stack, name: desired.name ?? `${desired.namePrefix}*` };
  if (desired.name === undefined) {
    const why = `named by the prefix "${desired.namePrefix}": Terraform completes the name at apply, so no role can be looked up by it`;
    return { ...base, status: "unchecked", findings: [why], notes: [], imports: {} };
  }
  if (desired.serviceLinked !== undefined) return auditServiceLinkedRole(desired, desired.serviceLinked, account);
  const actual = await account.role(desired.name);
  if (actual === undefined) {
    // What is left of a role that is gone (its instance profile) a deploy could not create: adopted by the import set.
    const found: Found = { findings: [], notes: [] };
    const imports: Record<string, string> = {};
    await profile(desired, account, imports, found);
    const kept = Object.keys(imports).length > 0;
    const left = kept
      ? [
          `instance profile ${desired.instanceProfile!.name} exists: a deploy would stop at EntityAlreadyExists creating it, so the import set adopts it`,
          ...found.findings,
        ]
      : [];
    const findings = [`no role named ${desired.name} in the account`, ...left];
    return { ...base, status: "missing", findings, notes: kept ? found.notes : [], imports };
  }
  const partition = partitionOf(actual.arn);
  const imports: Record<string, string> = { [desired.address]: IMPORT_ID.role(desired.name) };
  for (const address of desired.addresses.exclusive) imports[address] = IMPORT_ID.exclusive(desired.name);
  const found: Found = { findings: [], notes: [] };
  roleSettings(desired, actual, found);
  found.findings.push(...documentDifferences("trust policy", documentIn(desired.trust, partition), actual.trust));
  found.findings.push(...awsManaged(desired, actual, partition, imports));
  found.findings.push(...inline(desired, actual, partition, imports));
  found.findings.push(...(await customerManaged(desired, actual, account, partition, imports)));
  await profile(desired, account, imports, found);
  // A grant the stack leaves be is still reported, as a note: adopting plans no change of it.
  const leftBe = found.findings.filter((f) => f.includes(LEFT_BE));
  const findings = found.findings.filter((f) => !f.includes(LEFT_BE));
  return { ...base, status: findings.length === 0 ? "ok" : "drift", findings, notes: [...found.notes, ...leftBe], imports };
}

/**
 * A service-linked role: found where IAM keeps its service's, and imported by its ARN. Its trust and
 * permissions are the service's and IAM refuses any change to them, so only what adopting would
 * change is compared: its description and tags.
 */
async function auditServiceLinkedRole(desired: DesiredRole, service: string, account: IamAccount): Promise<RoleAudit> {
  const base = { stack: desired.stack, name: desired.name! };
  const actual = await account.serviceLinkedRole(service);
  if (actual === undefined) {
    const why = `no service-linked role for ${service} in the account (a deploy creates ${desired.name})`;
    return { ...base, status: "missing", findings: [why], notes: [], imports: {} };
  }
  const findings = [
    ...setting("description", quote(actual.description), quote(desired.description), "description"),
    ...tagDifferences("", actual.tags, desired.tags),
  ];
  return { ...base, status: findings.length === 0 ? "ok" : "drift", findings, notes: [], imports: { [desired.address]: actual.arn } };
}

function roleSettings(desired: DesiredRole, actual: ActualRole, found: Found): void {
  const { findings, notes } = found;
  if (actual.name !== desired.name) {
    findings.push(
      `the role is named ${actual.name}; the stack names it ${desired.name}: IAM finds it whatever the case, and adopting replaces it`,
    );
  }
  if (actual.path !== desired.path)
    notes.push(`path is ${actual.path}; the stack sets ${desired.path}: adopting keeps ${actual.path}, as IAM cannot move a role`);
  findings.push(...setting("permissions boundary", actual.permissionsBoundary, desired.permissionsBoundary, "permissionsBoundary"));
  findings.push(...setting("description", quote(actual.description), quote(desired.description), "description"));
  if (actual.maxSessionDuration !== desired.maxSessionDuration) {
    findings.push(
      `maximum session duration is ${actual.maxSessionDuration} s; the stack sets ${desired.maxSessionDuration} s (give 'maxSessionDuration' to keep it)`,
    );
  }
  findings.push(...tagDifferences("", actual.tags, desired.tags));
}

/** A setting the account and the stack may each leave unset, in words. */
function setting(what: string, actual: string | undefined, desired: string | undefined, key: string): string[] {
  if (actual === desired) return [];
  if (desired === undefined) return [`${what} is ${actual}; the stack sets none (give '${key}' to keep it)`];
  if (actual === undefined) return [`no ${what}; the stack sets ${desired}`];
  return [`${what} is ${actual}; the stack sets ${desired}`];
}

const quote = (text: string | undefined) => (text === undefined ? undefined : JSON.stringify(text));

/** Each tag that differs, in words; `of` names what carries them ("" for the role). */
function tagDifferences(of: string, actual: Readonly<Record<string, string>>, desired: Readonly<Record<string, string>>): string[] {
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(desired)])].sort();
  return keys.flatMap((key) => {
    const have = actual[key];
    const want = desired[key];
    if (have === want) return [];
    const tag = `${of}tag ${key}`;
    if (want === undefined) return [`${tag} is ${JSON.stringify(have)}; the stack sets none (give it in 'tags' to keep it)`];
    if (have === undefined) return [`${of}no tag ${key}; the stack sets ${JSON.stringify(want)}`];
    return [`${tag} is ${JSON.stringify(have)}; the stack sets ${JSON.stringify(want)}`];
  });
}

/** How the audit ends what it says of a grant the stack leaves be: a note, as adopting changes nothing of it. */
const LEFT_BE = " (the stack leaves it: exclusivePolicies is false)";

/** What becomes of a grant the stack does not declare: the role owns its policies exclusively, or leaves others be. */
const extraFate = (desired: DesiredRole, removal: string) => (desired.exclusive ? ` (adopting ${removal} it)` : LEFT_BE);

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
      .map(
        (p) =>
          `AWS managed policy ${p.arn} is attached, which the stack does not attach${extraFate(desired, "detaches")}: it grants what AWS puts in it`,
      ),
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
    findings.push(...documentDifferences(`inline policy ${name}`, documentIn(template, partition), actual.inline[name]));
  }
  for (const [name, document] of Object.entries(actual.inline)) {
    if (!(name in desired.inlinePolicies)) {
      findings.push(`inline policy ${name} is not one the stack writes${extraFate(desired, "deletes")}${grantsMore(name, document)}`);
    }
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
  for (const [name, { path, document, tags }] of Object.entries(desired.customerManagedPolicies)) {
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
    // The AWS provider cannot change a policy's description: a new policy replaces it.
    if (policy.description !== undefined) {
      findings.push(
        `customer managed policy ${name} has the description ${JSON.stringify(policy.description)}; the stack sets none: adopting replaces the policy`,
      );
    }
    findings.push(...tagDifferences(`customer managed policy ${name}: `, policy.tags, tags));
    findings.push(...documentDifferences(`customer managed policy ${name}`, documentIn(document, partition), policy.document));
  }
  for (const extra of own.filter((p) => !(p.name in desired.customerManagedPolicies))) {
    const policy = await account.policy(extra.arn);
    findings.push(
      `customer managed policy ${extra.arn} is attached, which the stack does not attach${extraFate(desired, "detaches")}${policy ? grantsMore(extra.name, policy.document) : ""}`,
    );
  }
  return findings;
}

async function profile(desired: DesiredRole, account: IamAccount, imports: Record<string, string>, found: Found): Promise<void> {
  if (desired.instanceProfile === undefined) return;
  const { name, path, tags } = desired.instanceProfile;
  const actual = await account.instanceProfile(name);
  if (actual === undefined) {
    found.findings.push(`instance profile ${name} is missing`);
    return;
  }
  imports[desired.addresses.instanceProfile!] = IMPORT_ID.instanceProfile(name);
  if (!actual.roles.includes(desired.name!)) {
    found.findings.push(
      `instance profile ${name} does not hold the role (it holds ${actual.roles.length ? actual.roles.join(", ") : "none"})`,
    );
  }
  found.findings.push(...tagDifferences(`instance profile ${name}: `, actual.tags, tags));
  if (actual.path !== path) {
    found.notes.push(
      `instance profile ${name} has path ${actual.path}; the stack sets ${path}: adopting keeps ${actual.path}, as IAM cannot move a profile`,
    );
  }
}

/** Whether a policy the stack does not write grants more than it would, by the policy checks: the reason, or nothing. */
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
  return found.length > 0 ? `, and grants more than it would: ${found.join("; ")}` : "";
}
