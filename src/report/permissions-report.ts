import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { POLICY_CHECKS } from "../checks";
import { publishedPolicy } from "../private/aws-managed-policies";
import { OptionalStatement, Statement } from "../private/policy-document";
import { RoleBase } from "../private/role-base";
import { RoleModel } from "../private/role-model";

/**
 * A plain-language statement of what a role may or may not do. When the request is concrete
 * (no value known only at plan), `request` says how to prove it with a policy simulator: the
 * tests do, over Terraform's plan.
 */
export interface Claim {
  readonly can: boolean;
  readonly text: string;
  readonly request?: {
    /** Who asks: the service principal for trust claims, the role itself otherwise. */
    readonly principal?: string;
    readonly action: string;
    readonly resource: string;
  };
}

/** One role of a report: its Terraform address, its model with tokens rendered, and its claims. */
export interface ReportedRole {
  readonly address: string;
  readonly model: RoleModel;
  readonly claims: readonly Claim[];
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Renders Terraform references for people: the partition and variables by name. */
function readable<T>(stack: TerraformStack, value: T): T {
  const resolver = new DefaultTokenResolver(new StringConcat());
  const resolved = JSON.stringify(Tokenization.resolve(value, { scope: stack, resolver }));
  return JSON.parse(
    resolved
      .replace(/\$\{data\.aws_partition\.partition\.partition\}/g, "<partition>")
      .replace(/\$\{data\.aws_partition\.partition\.dns_suffix\}/g, "<partition DNS suffix>")
      .replace(/\$\{([^}]*)\}/g, "$1"),
  );
}

const isConcrete = (value: unknown) => !JSON.stringify(value).includes("<") && !/var\.|length\(|one\(/.test(JSON.stringify(value));

function flagText(flag: unknown): string {
  if (flag === true) return "always";
  if (flag === false) return "never";
  return `when \`${String(flag)}\``;
}

/** The roles a stack (deployable or module) builds, in construct order. */
export function reportedRoles(stack: TerraformStack): ReportedRole[] {
  return stack.node
    .findAll()
    .filter((c): c is RoleBase => c instanceof RoleBase)
    .map((role) => {
      const model = readable(stack, role.model);
      const address = role.role ? `aws_iam_role.${role.role.friendlyUniqueId}` : "(an existing role)";
      return { address, model, claims: claimsOf(model) };
    });
}

/** What the role may do, in plain language, derived from its statements and the published managed policies. */
export function claimsOf(model: RoleModel): Claim[] {
  const claims: Claim[] = [];
  const account = "111122223333";
  const roleArn = `arn:aws:iam::${account}:role/example`;
  for (const { statement, when } of model.trust.filter((t) => t.when !== false)) {
    const conditions = describeConditions(statement);
    claims.push({
      can: true,
      text: `Can be assumed by \`${model.principal}\`${conditions ? ` only ${conditions}` : ""} (sts:AssumeRole, ${flagText(when)}).`,
    });
  }
  claims.push({
    can: false,
    text: "Cannot be assumed by any other principal, service or account.",
    request: { principal: "lambda.amazonaws.com", action: "sts:AssumeRole", resource: roleArn },
  });

  const identity = [
    ...model.managedPolicies.map((m) => ({
      source: `managed policy ${m.name}`,
      when: m.when,
      statements: (publishedPolicy(m.name)?.document.Statement ?? []) as (Statement | OptionalStatement)[],
    })),
    ...model.policies.map((p) => ({ source: `policy ${p.name}`, when: p.when, statements: p.statements.filter((s) => s.when !== false) })),
  ];
  for (const { source, when: policyWhen, statements } of identity) {
    for (const optional of statements) {
      const statement = "statement" in optional ? optional.statement : optional;
      const when = "statement" in optional && optional.when !== true ? optional.when : policyWhen;
      const resources = list(statement.Resource);
      const conditions = describeConditions(statement);
      const actions = list(statement.Action);
      claims.push({
        can: true,
        text:
          `Can ${actionList(actions)} on ${resources.map((r) => `\`${r}\``).join(", ")}` +
          `${conditions ? ` only ${conditions}` : ""} (${source}, ${flagText(when)}).`,
        request:
          when === true && resources.length > 0 && !actions.some((a) => a.includes("*")) && isConcrete(resources) && !conditions && resources[0] !== "*"
            ? { action: actions[0], resource: resources[0] }
            : undefined,
      });
    }
  }

  const allStatements = identity.flatMap((i) => i.statements.map((s) => ("statement" in s ? s.statement : s)));
  const grants = (action: string) => allStatements.some((s) => list(s.Action).some((a) => a.toLowerCase() === action.toLowerCase() || (a.endsWith("*") && action.toLowerCase().startsWith(a.slice(0, -1).toLowerCase()))));
  if (!grants("iam:PassRole")) {
    claims.push({ can: false, text: "Cannot pass any role to any service (iam:PassRole).", request: { action: "iam:PassRole", resource: roleArn } });
  }
  for (const [action, what, example] of [
    ["secretsmanager:GetSecretValue", "secret", `arn:aws:secretsmanager:us-east-1:${account}:secret:not-listed-AbCdEf`],
    ["ssm:GetParameters", "parameter", `arn:aws:ssm:us-east-1:${account}:parameter/not-listed`],
    ["kms:Decrypt", "KMS key", `arn:aws:kms:us-east-1:${account}:key/00000000-0000-0000-0000-000000000000`],
  ]) {
    claims.push({
      can: false,
      text: grants(action) ? `Cannot ${action} on any ${what} not listed above.` : `Cannot ${action} on any ${what}.`,
      request: { action, resource: example },
    });
  }
  const restricted = model.policies.flatMap((p) => p.statements).find((s) => s.when !== false && describeConditions(s.statement).includes("aws:Source"));
  if (restricted) {
    claims.push({
      can: false,
      text: `Cannot pull ECR images (${list(restricted.statement.Action).join(", ")}) from outside the VPCs or endpoints above; ecr:GetAuthorizationToken and the log actions need no network.`,
    });
  }
  return claims;
}

/** Long action lists (AWS managed policies) are summarised; the full statement is printed above. */
function actionList(actions: string[]): string {
  const shown = actions.length > 6 ? actions.slice(0, 3) : actions;
  const rest = actions.length - shown.length;
  return `${shown.map((a) => `\`${a}\``).join(", ")}${rest > 0 ? ` and ${rest} more actions` : ""}`;
}

function describeConditions(statement: Statement): string {
  return Object.entries(statement.Condition ?? {})
    .flatMap(([operator, byKey]) => Object.entries(byKey).map(([key, value]) => `${operator} ${key} = ${list(value).map((v) => `\`${v}\``).join(" or ")}`))
    .join(" and ");
}

/** The Markdown report of a stack or module, for reviewers to diff. */
export function permissionsReport(title: string, stack: TerraformStack): string {
  const lines = [
    `# Permissions: ${title}`,
    "",
    "<!-- Generated by `npm run synth` from the constructs. Do not edit: change the source and regenerate. -->",
    "",
    "What each role may do, from the constructs themselves: the trust policy, the AWS managed policies",
    "with the statements AWS publishes for them, the role's own statements, and a plain-language summary.",
    `Every statement here passed the policy checks (${POLICY_CHECKS.map((c) => c.id).join(", ")}) at synth.`,
    "Values known only at plan are written as Terraform references (`var.…`, `<partition>`).",
    "",
  ];
  for (const { address, model, claims } of reportedRoles(stack)) {
    lines.push(`## ${model.owner.split(" ")[0]} \`${address}\``, "", `Created: ${flagText(model.created)}.`, "");
    lines.push("### Trust policy", "");
    for (const t of model.trust.filter((t) => t.when !== false)) {
      lines.push(`Statement ${flagText(t.when)}:`, "", "```json", JSON.stringify(t.statement, null, 2), "```", "");
    }
    lines.push("### AWS managed policies", "");
    if (model.managedPolicies.length === 0) lines.push("None.", "");
    for (const m of model.managedPolicies) {
      const published = publishedPolicy(m.name);
      lines.push(`#### \`${m.name}\` (${published?.versionId ?? "unpublished"}, attached ${flagText(m.when)})`, "");
      lines.push("```json", JSON.stringify(published?.document.Statement ?? [], null, 2), "```", "");
    }
    lines.push("### Own policies", "");
    if (model.policies.length === 0) lines.push("None.", "");
    for (const p of model.policies) {
      lines.push(`#### \`${p.name}\` (${flagText(p.when)})`, "");
      for (const s of p.statements.filter((s) => s.when !== false)) {
        lines.push(`Statement ${flagText(s.when)}:`, "", "```json", JSON.stringify(s.statement, null, 2), "```", "");
      }
    }
    lines.push("### Can / cannot", "", ...claims.map((c) => `- ${c.text}`), "");
  }
  return lines.join("\n");
}
