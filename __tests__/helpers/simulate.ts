import { runSimulation } from "@cloud-copilot/iam-simulate";
import { publishedPolicy } from "../../src/data/aws-managed-policies";
import { Plan, PlannedResource } from "./terraform";

/** A role as Terraform plans it: its trust policy and every identity policy it will have. */
export interface PlannedRole {
  readonly name: string;
  /** The role's address in the plan: `aws_iam_role.task_role`. */
  readonly address: string;
  readonly trust: any;
  /** Inline, customer managed and AWS managed (by their published documents) policies. */
  readonly policies: { readonly name: string; readonly policy: any }[];
}

export const ACCOUNT = "111122223333";

/**
 * Reads the roles out of a plan (`terraform show -json`). AWS managed policies are counted by the
 * documents AWS publishes for them; customer managed policies are matched to their role by the
 * `<role>-<purpose>` name the constructs give them, since their ARNs are unknown until apply.
 */
export function rolesFromPlan(plan: Plan): Record<string, PlannedRole> {
  const resources = Object.values(plan.resources);
  const of = (type: string) => resources.filter((r) => r.type === type);
  const roles: Record<string, PlannedRole> = {};
  const byAddress: Record<string, PlannedRole> = {};
  for (const { address, values } of of("aws_iam_role")) {
    // A role named by a prefix has no name until apply: it is keyed `<prefix>*`.
    const name = values.name ?? `${values.name_prefix}*`;
    roles[name] = byAddress[address] = { name, address, trust: JSON.parse(values.assume_role_policy), policies: [] };
  }
  // A service-linked role, as IAM creates it: the service's trust, and the policy AWS attaches (of the Batch role, the one this project creates).
  for (const { address, values } of of("aws_iam_service_linked_role")) {
    if (values.aws_service_name !== "batch.amazonaws.com")
      throw new Error(`No published policy of the service-linked role for ${values.aws_service_name}`);
    const name = "AWSServiceRoleForBatch";
    const trust = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: values.aws_service_name }, Action: "sts:AssumeRole" }],
    };
    const policy = publishedPolicy("aws-service-role/BatchServiceRolePolicy")!.document;
    roles[name] = { name, address, trust, policies: [{ name: "aws-service-role/BatchServiceRolePolicy", policy }] };
  }
  const ownerOf = (resource: PlannedResource): PlannedRole => {
    if (typeof resource.values.role === "string") return roles[resource.values.role];
    // The role's name is unknown until apply: follow the configuration's reference to the role.
    const config = (plan.json.configuration?.root_module?.resources ?? []).find(
      (r: any) => r.address === resource.address.replace(/\[\d+\]$/, ""),
    );
    const reference: string | undefined = config?.expressions?.role?.references?.find(
      (r: string) => r.startsWith("aws_iam_role.") && !r.endsWith(".name"),
    );
    if (!reference || !byAddress[reference]) throw new Error(`Cannot tell which role ${resource.address} belongs to`);
    return byAddress[reference];
  };
  for (const inline of of("aws_iam_role_policy")) {
    ownerOf(inline).policies.push({ name: inline.values.name, policy: JSON.parse(inline.values.policy) });
  }
  for (const attachment of of("aws_iam_role_policy_attachment")) {
    if (typeof attachment.values.policy_arn !== "string") continue;
    const pathAndName = attachment.values.policy_arn.replace(/^arn:[^:]+:iam::aws:policy\//, "");
    const published = publishedPolicy(pathAndName);
    if (!published) throw new Error(`The plan attaches ${attachment.values.policy_arn}, which AWS does not publish`);
    ownerOf(attachment).policies.push({ name: pathAndName, policy: published.document });
  }
  const attachedRoles = new Set(of("aws_iam_role_policy_attachment").map((a) => a.values.role));
  for (const { values: managed } of of("aws_iam_policy")) {
    const owner = Object.keys(roles).find((name) => managed.name.startsWith(`${name}-`) && attachedRoles.has(name));
    if (!owner) throw new Error(`No planned role owns the customer managed policy ${managed.name}`);
    roles[owner].policies.push({ name: managed.name, policy: JSON.parse(managed.policy) });
  }
  return roles;
}

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

async function decide(simulation: Parameters<typeof runSimulation>[0]): Promise<Decision> {
  const response = await runSimulation(simulation, {});
  if (response.resultType === "error") throw new Error(`The simulator refused the request: ${JSON.stringify(response.errors)}`);
  return response.overallResult as Decision;
}

/**
 * KMS authorizes only what the key policy allows; the default key policy delegates to IAM (the
 * account's identity policies), which is the case these roles are designed for.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
const DEFAULT_KEY_POLICY = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  ],
};

/** What the role's identity policies decide for a request the role makes (KMS keys with their default key policy). */
export function simulateRequest(
  role: PlannedRole,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): Promise<Decision> {
  return decide({
    identityPolicies: role.policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(action.startsWith("kms:") ? { resourcePolicy: DEFAULT_KEY_POLICY } : {}),
    request: {
      action,
      principal: `arn:aws:iam::${ACCOUNT}:role/${role.name}`,
      resource: { accountId: ACCOUNT, resource },
      contextVariables: context,
    },
  });
}

/** What the role's trust policy decides when `principal` asks to assume it. */
export function simulateAssume(role: PlannedRole, principal: string, context: Record<string, string> = {}): Promise<Decision> {
  return decide({
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: role.trust,
    request: {
      action: "sts:AssumeRole",
      principal,
      resource: { accountId: ACCOUNT, resource: `arn:aws:iam::${ACCOUNT}:role/${role.name}` },
      contextVariables: context,
    },
  });
}

/** Every action of every statement the role's policies hold, and whether any uses NotAction. */
export function grantedActionPatterns(role: PlannedRole): { actions: string[]; notAction: boolean } {
  const statements = role.policies.flatMap((p) => (Array.isArray(p.policy.Statement) ? p.policy.Statement : [p.policy.Statement]));
  return {
    actions: statements.flatMap((s: any) => (s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action])),
    notAction: statements.some((s: any) => "NotAction" in s),
  };
}
