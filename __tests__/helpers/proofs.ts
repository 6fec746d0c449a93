import { ECR_PULL_ACTIONS, UNRESTRICTED_EXECUTION_ACTIONS } from "../../src/policies/task-execution";
import { ACCOUNT, grantedActionPatterns, PlannedRole, simulateAssume, simulateRequest } from "./simulate";

const REGION = "us-east-1";
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const REPOSITORY = arn("ecr", "repository/app");
const LOG_STREAM = arn("logs", "log-group:/ecs/app:log-stream:app/1");
const OTHER = {
  secret: arn("secretsmanager", "secret:not-listed-AbCdEf"),
  parameter: arn("ssm", "parameter/not/listed"),
  key: arn("kms", "key/00000000-0000-0000-0000-000000000000"),
  vpc: "vpc-0fffffffffffffff0",
  vpce: "vpce-0fffffffffffffff0",
  logGroup: arn("logs", "log-group:/ecs/not-listed"),
};

/** What an execution role's configuration grants, to be proven on its planned policies. */
export interface ExecutionGrants {
  readonly secrets?: string[];
  readonly parameters?: string[];
  readonly keys?: string[];
  readonly vpcIds?: string[];
  readonly vpcEndpointIds?: string[];
  /** Log groups the awslogs driver may create. */
  readonly logGroups?: string[];
}

/**
 * Proves with the policy simulator what a planned task execution role may do: the listed
 * secrets, parameters and keys and nothing else; ECR pulls only through the named VPCs or
 * endpoints when restricted; the token and log actions without network context; no PassRole.
 */
export async function proveExecutionRole(role: PlannedRole, grants: ExecutionGrants): Promise<void> {
  const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
    simulateRequest(role, action, resource, context);
  for (const secret of [...(grants.secrets ?? [])].map((s) => s.replace(/\?+$/, "AbCdEf"))) {
    expect([secret, await decide("secretsmanager:GetSecretValue", secret)]).toEqual([secret, "Allowed"]);
  }
  for (const parameter of grants.parameters ?? []) {
    expect([parameter, await decide("ssm:GetParameters", parameter)]).toEqual([parameter, "Allowed"]);
  }
  for (const key of grants.keys ?? []) expect([key, await decide("kms:Decrypt", key)]).toEqual([key, "Allowed"]);
  for (const group of grants.logGroups ?? []) {
    expect([group, await decide("logs:CreateLogGroup", group.replace(/:\*$/, ""))]).toEqual([group, "Allowed"]);
  }
  expect(await decide("logs:CreateLogGroup", OTHER.logGroup)).toBe("ImplicitlyDenied");
  expect(await decide("secretsmanager:GetSecretValue", OTHER.secret)).toBe("ImplicitlyDenied");
  expect(await decide("ssm:GetParameters", OTHER.parameter)).toBe("ImplicitlyDenied");
  expect(await decide("kms:Decrypt", OTHER.key)).toBe("ImplicitlyDenied");

  // The token and the logs never need a network context.
  for (const action of UNRESTRICTED_EXECUTION_ACTIONS) {
    expect([action, await decide(action, action.startsWith("ecr") ? "*" : LOG_STREAM)]).toEqual([action, "Allowed"]);
  }
  const vpcs = grants.vpcIds ?? [];
  const endpoints = grants.vpcEndpointIds ?? [];
  for (const action of ECR_PULL_ACTIONS) {
    const pull = (context: Record<string, string>) => decide(action, REPOSITORY, context);
    if (vpcs.length === 0 && endpoints.length === 0) {
      expect([action, await pull({})]).toEqual([action, "Allowed"]);
      continue;
    }
    const through = {
      ...(vpcs.length ? { "aws:SourceVpc": vpcs[0] } : {}),
      ...(endpoints.length ? { "aws:SourceVpce": endpoints[0] } : {}),
    };
    expect([action, "named network", await pull(through)]).toEqual([action, "named network", "Allowed"]);
    expect([action, "no network", await pull({})]).toEqual([action, "no network", "ImplicitlyDenied"]);
    if (endpoints.length) {
      expect([action, "other endpoint", await pull({ ...through, "aws:SourceVpce": OTHER.vpce })]).toEqual([
        action,
        "other endpoint",
        "ImplicitlyDenied",
      ]);
    }
    if (vpcs.length) {
      expect([action, "other VPC", await pull({ ...through, "aws:SourceVpc": OTHER.vpc })]).toEqual([
        action,
        "other VPC",
        "ImplicitlyDenied",
      ]);
    }
  }
  await proveNoRolePassing(role);
}

/** No iam:PassRole for the role, and no wildcard action or NotAction in its own (non-AWS-managed) policies. */
export async function proveNoRolePassing(role: PlannedRole): Promise<void> {
  expect(
    await simulateRequest(role, "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/any`, { "iam:PassedToService": "ecs-tasks.amazonaws.com" }),
  ).toBe("ImplicitlyDenied");
  const own = { ...role, policies: role.policies.filter((p) => !p.name.startsWith("service-role/")) };
  const { actions, notAction } = grantedActionPatterns(own);
  expect(actions.filter((a) => a.includes("*"))).toEqual([]);
  expect(notAction).toBe(false);
}

/**
 * Proves the trust policy: the role's service may assume it, other services may not; with a
 * source account, only on behalf of that account (and, for ECS, that account's resources).
 */
export async function proveTrust(role: PlannedRole, service: string, sourceAccount?: string): Promise<void> {
  const context = (account: string): Record<string, string> =>
    sourceAccount ? { "aws:SourceAccount": account, "aws:SourceArn": `arn:aws:ecs:${REGION}:${account}:task/cluster/1` } : {};
  expect([service, await simulateAssume(role, service, context(sourceAccount ?? ACCOUNT))]).toEqual([service, "Allowed"]);
  for (const other of ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "batch.amazonaws.com"].filter(
    (s) => s !== service,
  )) {
    expect([other, await simulateAssume(role, other, context(sourceAccount ?? ACCOUNT))]).toEqual([other, "ImplicitlyDenied"]);
  }
  expect(await simulateAssume(role, `arn:aws:iam::${ACCOUNT}:root`)).toBe("ImplicitlyDenied");
  if (sourceAccount) {
    expect(await simulateAssume(role, service, context("999999999999"))).toBe("ImplicitlyDenied");
    expect(await simulateAssume(role, service, {})).toBe("ImplicitlyDenied");
  }
}
