import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import { list } from "../checks/policy-check";
import { publishedPolicy } from "../data/aws-managed-policies";
import { OptionalStatement, Statement } from "../policies/policy-document";
import { isAmbiguousSecretArn, SECRET_SUFFIX_WILDCARD } from "../policies/task-execution";
import { actionMatches } from "../private/wildcard";
import { BatchServiceLinkedRole } from "../roles/batch-service-linked-role";
import { RoleBase } from "../roles/role-base";
import { RoleModel } from "../checks/role-model";

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

export function flagText(flag: unknown): string {
  if (flag === true) return "always";
  if (flag === false) return "never";
  return `when \`${String(flag)}\``;
}

/** The roles a stack (deployable or module) builds, in construct order. */
export function reportedRoles(stack: TerraformStack): ReportedRole[] {
  return stack.node
    .findAll()
    .filter((c): c is RoleBase | BatchServiceLinkedRole => c instanceof RoleBase || c instanceof BatchServiceLinkedRole)
    .flatMap((role) => {
      const resource = role instanceof RoleBase ? role.role : role.resource;
      // A role switched off at synth (create: false, or the custom service role beside its service-linked one) is not reported.
      if (resource === undefined && role.model.existing !== true) return [];
      const model = readable(stack, role.model);
      const address = resource ? `${resource.terraformResourceType}.${resource.friendlyUniqueId}` : "(an existing role)";
      return [{ address, model, claims: claimsOf(model) }];
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
          when === true &&
          resources.length > 0 &&
          !actions.some((a) => a.includes("*")) &&
          isConcrete(resources) &&
          !conditions &&
          // A pattern (`arn:aws:ec2:*:*:volume/*`) names no resource a request could carry.
          !resources[0].includes("*")
            ? { action: actions[0], resource: resources[0] }
            : undefined,
      });
    }
  }

  // Statements known only at plan may grant what no claim below can rule out: only what the role checks at plan is said.
  const planTime = model.policies.filter((p) => p.when !== false && p.planTimeStatements !== undefined);
  for (const p of planTime) {
    claims.push({
      can: true,
      text: `Can do what the statements of ${p.planTimeStatements} allow, ${planTimeRules(p)} (policy ${p.name}, ${flagText(p.when)}).`,
    });
  }
  if (planTime.length > 0) return claims;

  const allStatements = identity.flatMap((i) => i.statements.map((s) => ("statement" in s ? s.statement : s)));
  const twice = allStatements
    .flatMap((s) => list(s.Resource))
    .filter((r, _, all) => all.includes(`${r}${SECRET_SUFFIX_WILDCARD}`) && isAmbiguousSecretArn(r));
  if (twice.length > 0) {
    claims.push({
      can: true,
      text:
        `Secret ARNs that end in "-" and 6 letters or digits (${[...new Set(twice)].map((r) => `\`${r}\``).join(", ")}) are granted as given and with \`-??????\`: ` +
        "each is either a secret's complete ARN or the name of a secret (such as `app-config`) whose ARN Secrets Manager completes with 6 more characters, and both read the secret named.",
    });
  }
  const grants = (action: string) => allStatements.some((s) => list(s.Action).some((pattern) => actionMatches(pattern, action)));
  if (!grants("iam:PassRole")) {
    claims.push({
      can: false,
      text: "Cannot pass any role to any service (iam:PassRole).",
      request: { action: "iam:PassRole", resource: roleArn },
    });
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
  const restricted = model.policies
    .flatMap((p) => p.statements)
    .find((s) => s.when !== false && describeConditions(s.statement).includes("aws:Source"));
  if (restricted) {
    claims.push({
      can: false,
      text: `Cannot pull ECR images (${list(restricted.statement.Action).join(", ")}) from outside the VPCs or endpoints above; ecr:GetAuthorizationToken and the log actions need no network.`,
    });
  }
  return claims;
}

/** What the role checks at plan of statements known only then, as a clause. */
export function planTimeRules(policy: RoleModel["policies"][number]): string {
  const unless = (flag: unknown, what: string) =>
    flag === true ? `${what} allowed` : flag === false ? `no ${what}` : `no ${what} unless \`${String(flag)}\``;
  return (
    `checked at plan: ${unless(policy.allows?.wildcardActions ?? false, "wildcard action")}, ` +
    `${unless(policy.allows?.passRole ?? false, "iam:PassRole")}, each value by its rule`
  );
}

/** Long action lists (AWS managed policies) are summarised; the full statement is printed above. */
function actionList(actions: string[]): string {
  const shown = actions.length > 6 ? actions.slice(0, 3) : actions;
  const rest = actions.length - shown.length;
  return `${shown.map((a) => `\`${a}\``).join(", ")}${rest > 0 ? ` and ${rest} more actions` : ""}`;
}

function describeConditions(statement: Statement): string {
  return Object.entries(statement.Condition ?? {})
    .flatMap(([operator, byKey]) =>
      Object.entries(byKey).map(
        ([key, value]) =>
          `${operator} ${key} = ${list(value)
            .map((v) => `\`${v}\``)
            .join(" or ")}`,
      ),
    )
    .join(" and ");
}
