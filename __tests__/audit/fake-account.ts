import {
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";

export const ACCOUNT = "111122223333";

/** A role as a fake account holds it. */
export interface FakeRole {
  path?: string;
  boundary?: string;
  description?: string;
  maxSessionDuration?: number;
  tags?: Record<string, string>;
  trust: unknown;
  managed?: string[];
  inline?: Record<string, unknown>;
}

/** An account: roles, customer managed policies and instance profiles, by name (policies by ARN). */
export interface FakeAccount {
  roles: Record<string, FakeRole>;
  policies?: Record<string, { path?: string; description?: string; tags?: Record<string, string>; document: unknown }>;
  profiles?: Record<string, { path?: string; roles: string[]; tags?: Record<string, string> }>;
}

/** An error IAM answers with, by its code. */
export class FakeIamError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const missing = (what: string) => new FakeIamError("NoSuchEntity", `The ${what} cannot be found.`);
/** IAM returns documents URL-encoded. */
const encoded = (document: unknown) => encodeURIComponent(JSON.stringify(document));
/** Tags as IAM lists them; none when there are none. */
const tagList = (tags?: Record<string, string>) =>
  tags === undefined ? undefined : Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
/** IAM finds a role by its name whatever the case; it answers with the name as it was created. */
const named = (account: FakeAccount, name?: string) =>
  name === undefined ? undefined : Object.keys(account.roles).find((n) => n.toLowerCase() === name.toLowerCase());

/** The read calls the fake answers, by their IAM action names. */
export type FakeAction =
  | "GetRole"
  | "ListAttachedRolePolicies"
  | "ListRolePolicies"
  | "GetRolePolicy"
  | "GetPolicy"
  | "GetPolicyVersion"
  | "GetInstanceProfile"
  | "ListRoles";

/**
 * IAM's answer to one read call on a fake account, as the SDK's output shape; one item per page so
 * that every list is paginated. Throws {@link FakeIamError} as IAM would.
 */
export function answer(account: FakeAccount, action: FakeAction, input: Record<string, string | undefined>): object {
  const role = (name?: string) => {
    const found = account.roles[named(account, name) ?? ""];
    if (!found) throw missing(`role with name ${name}`);
    return found;
  };
  const page = <T>(items: T[], marker?: string) => {
    const at = marker ? Number(marker) : 0;
    return { items: items.slice(at, at + 1), next: at + 1 < items.length ? String(at + 1) : undefined };
  };
  const { RoleName, Marker, PolicyName, PolicyArn, VersionId, InstanceProfileName, PathPrefix } = input;
  switch (action) {
    case "GetRole": {
      const r = role(RoleName);
      const name = named(account, RoleName);
      return {
        Role: {
          RoleName: name,
          Arn: `arn:aws:iam::${ACCOUNT}:role${r.path ?? "/"}${name}`,
          Path: r.path ?? "/",
          Description: r.description,
          MaxSessionDuration: r.maxSessionDuration ?? 3600,
          Tags: tagList(r.tags),
          RoleId: "AROAEXAMPLE",
          CreateDate: new Date(0),
          AssumeRolePolicyDocument: encoded(r.trust),
          PermissionsBoundary: r.boundary ? { PermissionsBoundaryArn: r.boundary, PermissionsBoundaryType: "Policy" } : undefined,
        },
      };
    }
    case "ListRoles": {
      const under = Object.keys(account.roles).filter((name) => (account.roles[name].path ?? "/").startsWith(PathPrefix ?? "/"));
      const { items, next } = page(under, Marker);
      return {
        Roles: items.map((name) => ({
          RoleName: name,
          Path: account.roles[name].path ?? "/",
          Arn: "",
          RoleId: "",
          CreateDate: new Date(0),
        })),
        IsTruncated: next !== undefined,
        Marker: next,
      };
    }
    case "ListAttachedRolePolicies": {
      const { items, next } = page(role(RoleName).managed ?? [], Marker);
      return {
        AttachedPolicies: items.map((arn) => ({ PolicyArn: arn, PolicyName: arn.split("/").pop() })),
        IsTruncated: next !== undefined,
        Marker: next,
      };
    }
    case "ListRolePolicies": {
      const { items, next } = page(Object.keys(role(RoleName).inline ?? {}), Marker);
      return { PolicyNames: items, IsTruncated: next !== undefined, Marker: next };
    }
    case "GetRolePolicy": {
      const document = role(RoleName).inline?.[PolicyName!];
      if (document === undefined) throw missing(`role policy with name ${PolicyName}`);
      return { RoleName, PolicyName, PolicyDocument: encoded(document) };
    }
    case "GetPolicy": {
      const policy = account.policies?.[PolicyArn!];
      if (!policy) throw missing(`policy ${PolicyArn}`);
      return {
        Policy: {
          Arn: PolicyArn,
          Path: policy.path ?? "/",
          DefaultVersionId: "v3",
          Description: policy.description,
          Tags: tagList(policy.tags),
        },
      };
    }
    case "GetPolicyVersion": {
      const policy = account.policies?.[PolicyArn!];
      if (!policy || VersionId !== "v3") throw missing(`policy version ${VersionId} of ${PolicyArn}`);
      return { PolicyVersion: { Document: encoded(policy.document), VersionId, IsDefaultVersion: true } };
    }
    case "GetInstanceProfile": {
      const profile = account.profiles?.[InstanceProfileName!];
      if (!profile) throw missing(`instance profile ${InstanceProfileName}`);
      return {
        InstanceProfile: {
          InstanceProfileName,
          Path: profile.path ?? "/",
          Tags: tagList(profile.tags),
          Roles: profile.roles.map((name) => ({ RoleName: name, Arn: "", Path: "/", RoleId: "", CreateDate: new Date(0) })),
          Arn: "",
          InstanceProfileId: "",
          CreateDate: new Date(0),
        },
      };
    }
  }
}

const COMMANDS = {
  GetRole: GetRoleCommand,
  ListAttachedRolePolicies: ListAttachedRolePoliciesCommand,
  ListRolePolicies: ListRolePoliciesCommand,
  GetRolePolicy: GetRolePolicyCommand,
  GetPolicy: GetPolicyCommand,
  GetPolicyVersion: GetPolicyVersionCommand,
  GetInstanceProfile: GetInstanceProfileCommand,
  ListRoles: ListRolesCommand,
} as const;

/** A mocked IAM client that answers the audit's read calls from a fake account, and records every call. */
export function fakeIam(account: FakeAccount) {
  const iam = mockClient(IAMClient);
  for (const [action, command] of Object.entries(COMMANDS)) {
    iam.on(command as typeof GetRoleCommand).callsFake((input: Record<string, string | undefined>) => {
      try {
        return answer(account, action as FakeAction, input);
      } catch (error) {
        if (error instanceof FakeIamError) throw new NoSuchEntityException({ message: error.message, $metadata: {} });
        throw error;
      }
    });
  }
  return iam;
}

/** The Batch service-linked role as IAM creates it, under its service's path, with the policy AWS attaches. */
export const batchServiceLinkedRole = (extra: Partial<FakeRole> = {}): FakeRole => ({
  path: "/aws-service-role/batch.amazonaws.com/",
  trust: trust("batch.amazonaws.com"),
  managed: ["arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy"],
  ...extra,
});

/** The trust documents the consoles give the roles. */
export const trust = (service: string, extra: Record<string, unknown> = {}) => ({
  Version: "2012-10-17",
  Statement: [{ ...extra, Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});

export const managed = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;

/** The roles as the consoles create them, as the documents want them. */
export function consoleRoles(): Record<string, FakeRole> {
  return {
    AWSBatchServiceRole: { trust: trust("batch.amazonaws.com"), managed: [managed("AWSBatchServiceRole")] },
    ecsInstanceRole: { trust: trust("ec2.amazonaws.com"), managed: [managed("AmazonEC2ContainerServiceforEC2Role")] },
    batchTaskExecutionRole: {
      trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
      managed: [managed("AmazonECSTaskExecutionRolePolicy")],
    },
    ecsTaskExecutionRole: { trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }), managed: [managed("AmazonECSTaskExecutionRolePolicy")] },
  };
}

/**
 * The console-created roles in the states an account usually holds them: one missing
 * (batchTaskExecutionRole), one without its managed policy (ecsInstanceRole), one trusting an
 * extra principal (AWSBatchServiceRole), one correct but for an extra wildcard inline policy
 * (ecsTaskExecutionRole); the instance profile holds its role.
 */
export function usualStates(): FakeAccount {
  const roles = consoleRoles();
  delete roles.batchTaskExecutionRole;
  roles.ecsInstanceRole.managed = [];
  roles.AWSBatchServiceRole.trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: ["batch.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }],
  };
  roles.ecsTaskExecutionRole.inline = { Admin: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } };
  return { roles, profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } };
}
