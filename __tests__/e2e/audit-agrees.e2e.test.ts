import {
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  IAMClient,
  PutRolePermissionsBoundaryCommand,
  TagInstanceProfileCommand,
} from "@aws-sdk/client-iam";
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { auditAccount, AuditReport, importSetOf, RoleAudit } from "../../src/audit";
import { accountContents, ConsoleRole, iamClient, seedRoles } from "../helpers/account";
import { stackJson, synthApp } from "../helpers/app";
import { Moto, MOTO_ACCOUNT, startMoto } from "../helpers/moto";
import { changesOf, Plan, SKIP_TERRAFORM, stackAsModule, tempDir, Workspace } from "../helpers/terraform";
import { CONSOLE_ROLES, EC2_CONSOLE_DESCRIPTION } from "./console-roles";

const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

const managed = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;
const trust = (service: string, extra: object = {}) => ({
  Version: "2012-10-17",
  Statement: [{ ...extra, Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});
const SECRET = `arn:aws:secretsmanager:us-east-1:${MOTO_ACCOUNT}:secret:app/db`;
const BOUNDARY = `arn:aws:iam::${MOTO_ACCOUNT}:policy/Boundary`;
const EVERYTHING = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
/** The inline secrets policy the stack writes for {@link SECRET}. */
const SECRETS_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `${SECRET}-??????` }],
};

/** One state of an account: a configuration of the stacks, and the roles the account holds for them. */
interface Scenario {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly roles: readonly ConsoleRole[];
  /** Set up beyond the roles, with the SDK. */
  readonly more?: (iam: IAMClient) => Promise<void>;
  /** The audit's status of each role the stacks would manage, by name. */
  readonly statuses: Readonly<Record<string, string>>;
}

/** The role names of a scenario: the documents' own for the console's account, one per scenario otherwise. */
const names = (s: string) => ({
  batch: {
    serviceRole: { roleName: `${s}-service` },
    instanceRole: { roleName: `${s}-instance` },
    executionRole: { roleName: `${s}-batch-execution` },
  },
  ecsFargate: { executionRole: { roleName: `${s}-execution` } },
});

/** A batch stack that creates nothing: for the scenarios of the execution role's policies alone. */
const NO_BATCH = { serviceRole: { create: false }, instanceRole: { create: false }, executionRole: { create: false } };

const SCENARIOS: readonly Scenario[] = [
  {
    // As the consoles leave it: a path adopting keeps, a description, trust policies of Version 2008-10-17 with an empty Sid.
    name: "console",
    config: {},
    roles: CONSOLE_ROLES,
    statuses: { AWSBatchServiceRole: "ok", ecsInstanceRole: "drift", batchTaskExecutionRole: "missing", ecsTaskExecutionRole: "drift" },
  },
  {
    // Exactly what the stacks would make, but for an empty Sid where the documents write none: ok, and adopting changes nothing.
    name: "exact",
    config: names("exact"),
    roles: [
      { name: "exact-service", trust: trust("batch.amazonaws.com", { Sid: "" }), managed: [managed("AWSBatchServiceRole")] },
      {
        name: "exact-instance",
        trust: trust("ec2.amazonaws.com"),
        managed: [managed("AmazonEC2ContainerServiceforEC2Role")],
        profile: true,
      },
      {
        name: "exact-batch-execution",
        trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
        managed: [managed("AmazonECSTaskExecutionRolePolicy")],
      },
      {
        name: "exact-execution",
        trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
        managed: [managed("AmazonECSTaskExecutionRolePolicy")],
      },
    ],
    statuses: { "exact-service": "ok", "exact-instance": "ok", "exact-batch-execution": "ok", "exact-execution": "ok" },
  },
  {
    // What the configuration keeps: a description, tags and a session limit it sets itself.
    name: "kept",
    config: {
      ...names("kept"),
      batch: {
        ...names("kept").batch,
        serviceRole: { roleName: "kept-service", description: "Batch", tags: { team: "hpc" }, maxSessionDuration: 7200 },
      },
    },
    roles: [
      {
        name: "kept-service",
        description: "Batch",
        tags: { team: "hpc" },
        maxSessionDuration: 7200,
        trust: trust("batch.amazonaws.com"),
        managed: [managed("AWSBatchServiceRole")],
      },
    ],
    // The instance role is gone, but left its profile: a deploy could not create it, so the import set adopts it.
    more: async (iam) => {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "kept-instance" }));
    },
    statuses: { "kept-service": "ok", "kept-instance": "missing", "kept-batch-execution": "missing", "kept-execution": "missing" },
  },
  {
    // Drift of each attribute of a role, its instance profile and its grants.
    name: "drift",
    config: names("drift"),
    roles: [
      {
        name: "drift-service",
        description: "Batch",
        tags: { team: "hpc" },
        maxSessionDuration: 7200,
        trust: trust("batch.amazonaws.com"),
        managed: [managed("AWSBatchServiceRole")],
      },
      {
        name: "drift-instance",
        trust: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }],
        },
        managed: [managed("AmazonEC2ContainerServiceforEC2Role")],
      },
      {
        name: "drift-batch-execution",
        trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
        managed: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        inline: { Everything: EVERYTHING },
      },
      {
        name: "drift-execution",
        trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
        managed: [managed("AmazonECSTaskExecutionRolePolicy")],
      },
    ],
    more: async (iam) => {
      // An instance profile of the role's name that holds no role and has a tag; a permissions boundary.
      await iam.send(new CreatePolicyCommand({ PolicyName: "Boundary", PolicyDocument: JSON.stringify(EVERYTHING) }));
      await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: "drift-execution", PermissionsBoundary: BOUNDARY }));
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "drift-instance" }));
      await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: "drift-instance", Tags: [{ Key: "old", Value: "x" }] }));
    },
    statuses: { "drift-service": "drift", "drift-instance": "drift", "drift-batch-execution": "drift", "drift-execution": "drift" },
  },
  {
    // The execution role's own policies, inline: one that differs, and one missing.
    name: "inline",
    config: {
      batch: NO_BATCH,
      ecsFargate: {
        executionRole: {
          roleName: "inline-execution",
          secrets: { secretArns: [SECRET] },
          privateRegistry: { secretArns: [`${SECRET}-registry`] },
        },
      },
    },
    roles: [
      {
        name: "inline-execution",
        trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
        managed: [managed("AmazonECSTaskExecutionRolePolicy")],
        inline: { EcsSecrets: { ...SECRETS_POLICY, Statement: [{ ...SECRETS_POLICY.Statement[0], Resource: "*" }] } },
      },
    ],
    statuses: { "inline-execution": "drift" },
  },
  {
    // The execution role's own policies, customer managed: one with another document, a description and a tag.
    name: "managed",
    config: {
      batch: NO_BATCH,
      ecsFargate: { executionRole: { roleName: "managed-execution", policyStyle: "managed", secrets: { secretArns: [SECRET] } } },
    },
    roles: [
      {
        name: "managed-execution",
        trust: trust("ecs-tasks.amazonaws.com", { Sid: "" }),
        managed: [managed("AmazonECSTaskExecutionRolePolicy")],
      },
    ],
    more: async (iam) => {
      const policy = await iam.send(
        new CreatePolicyCommand({
          PolicyName: "managed-execution-EcsSecrets",
          Description: "made by hand",
          Tags: [{ Key: "owner", Value: "someone" }],
          PolicyDocument: JSON.stringify({ ...SECRETS_POLICY, Statement: [{ ...SECRETS_POLICY.Statement[0], Resource: "*" }] }),
        }),
      );
      await iam.send(new AttachRolePolicyCommand({ RoleName: "managed-execution", PolicyArn: policy.Policy!.Arn }));
    },
    statuses: { "managed-execution": "drift" },
  },
];

/** The stacks a scenario's configuration deploys, each a module call of the root. */
const callsOf = (scenario: Scenario) =>
  (["batch", "ecs-fargate"] as const).map((stack) => ({ stack, call: `${scenario.name}_${stack.replace("-", "_")}` }));

/**
 * What a plan would change of each attribute, as words a finding must hold: for each resource type,
 * the attributes adopting may change, and what creating it means. An attribute not listed fails the
 * test, so that a change the audit cannot name is found here first.
 */
const WORDS: Record<string, { create?: RegExp; replace?: RegExp; attributes: Record<string, RegExp> }> = {
  aws_iam_role: {
    attributes: {
      description: /^description /,
      tags: /tag /,
      tags_all: /tag /,
      max_session_duration: /^maximum session duration /,
      assume_role_policy: /^trust policy/,
      permissions_boundary: /permissions boundary/,
    },
  },
  aws_iam_role_policy: { create: /^inline policy \S+ is missing/, attributes: { policy: /^inline policy / } },
  aws_iam_role_policy_attachment: {
    create: /(AWS managed policy \S+ is not attached|customer managed policy \S+ is (missing|not attached))/,
    // The attachment of a policy that is replaced.
    replace: /adopting replaces the policy/,
    attributes: {},
  },
  aws_iam_role_policies_exclusive: {
    attributes: { policy_names: /^inline policy \S+ (is not one the stack writes \(adopting deletes it\)|is missing)/ },
  },
  aws_iam_role_policy_attachments_exclusive: {
    attributes: { policy_arns: /(is not attached$|is missing$|which the stack does not attach \(adopting detaches it\))/ },
  },
  aws_iam_instance_profile: {
    create: /^instance profile \S+ is missing/,
    attributes: {
      role: /^instance profile \S+ does not hold the role/,
      tags: /^instance profile \S+: tag /,
      tags_all: /^instance profile \S+: tag /,
    },
  },
  aws_iam_policy: {
    create: /^customer managed policy \S+ is missing/,
    replace: /adopting replaces the policy/,
    attributes: {
      policy: /^customer managed policy \S+, in the statement/,
      description: /adopting replaces the policy/,
      tags: /^customer managed policy \S+: tag /,
      tags_all: /^customer managed policy \S+: tag /,
    },
  },
};

/** Each change a plan makes of a module call's resources, by the role it belongs to (the role's construct id leads its address). */
function changesByRole(
  plan: Plan,
  call: string,
): Record<string, { type: string; address: string; actions: string[]; attributes: string[] }[]> {
  const byRole: Record<string, { type: string; address: string; actions: string[]; attributes: string[] }[]> = {};
  for (const c of plan.json.resource_changes ?? []) {
    if (c.module_address !== `module.${call}`) continue;
    const actions: string[] = c.change.actions;
    if (actions.length === 1 && (actions[0] === "no-op" || actions[0] === "read")) continue;
    const role = /^(service_role|instance_role|execution_role)/.exec(c.name)?.[1] ?? c.name;
    const before = c.change.before ?? {};
    const after = c.change.after ?? {};
    const attributes = actions.includes("update")
      ? Object.keys({ ...before, ...after }).filter(
          (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) && !c.change.after_unknown?.[k],
        )
      : [];
    (byRole[role] ??= []).push({ type: c.type, address: c.address, actions, attributes });
  }
  return byRole;
}

/** The role id of a role of a stack, by its name in the configuration (the documents' names when it gives none). */
const ROLE_IDS: Record<string, Record<string, string>> = {
  batch: { serviceRole: "service_role", instanceRole: "instance_role", executionRole: "execution_role" },
  "ecs-fargate": { executionRole: "execution_role" },
};

/**
 * The audit against what the adopting plan does, on an account (moto) that holds the roles in the
 * states the consoles leave them, and drifted in each attribute: a role is `ok` exactly when
 * adopting it (the audit's import set) plans no change, and every attribute the plan would change
 * is named by a finding of its role. Then the plan is applied, the next one is empty, the audit
 * calls every role ok, and a destroy leaves the account as it was before the roles.
 */
describeMoto("the audit agrees with what adopting plans, on an account", () => {
  let moto: Moto;
  let iam: IAMClient;
  let workspace: Workspace;
  const reports: Record<string, AuditReport> = {};
  let plan: Plan;

  const audit = (scenario: Scenario, dir: string) => {
    const file = join(dir, `${scenario.name}.config.json`);
    writeFileSync(file, JSON.stringify(scenario.config));
    return auditAccount({ config: file, client: iamClient(moto.environment()) });
  };

  beforeAll(async () => {
    moto = await startMoto();
    iam = iamClient(moto.environment());
    for (const scenario of SCENARIOS) {
      await seedRoles(iam, scenario.roles);
      await scenario.more?.(iam);
    }
    const dir = tempDir("audit-agrees-");
    const files: Record<string, string> = {};
    const imports: { to: string; id: string }[] = [];
    await Promise.all(
      SCENARIOS.map(async (scenario) => {
        reports[scenario.name] = await audit(scenario, dir);
        const set = importSetOf(reports[scenario.name]);
        writeFileSync(join(dir, `${scenario.name}.imports.json`), JSON.stringify(set));
        writeFileSync(
          join(dir, `${scenario.name}.adopt.json`),
          JSON.stringify({ ...scenario.config, importSet: `${scenario.name}.imports.json` }),
        );
        const out = join(dir, `${scenario.name}.out`);
        mkdirSync(out);
        await synthApp(out, join(dir, `${scenario.name}.adopt.json`));
        for (const { stack, call } of callsOf(scenario)) {
          const { import: blocks = [], ...rest } = JSON.parse(stackJson(out, stack));
          files[`${call}/cdk.tf.json`] = stackAsModule(JSON.stringify(rest));
          // Terraform takes import blocks in the root only: each addresses the stack's module call.
          imports.push(...blocks.map((b: { to: string; id: string }) => ({ to: `module.${call}.${b.to}`, id: b.id })));
        }
      }),
    );
    const root = {
      terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
      provider: { aws: [{}] },
      module: Object.fromEntries(SCENARIOS.flatMap(callsOf).map(({ call }) => [call, { source: `./${call}` }])),
      import: imports,
    };
    files["root/main.tf.json"] = JSON.stringify(root, null, 2);
    for (const { call } of SCENARIOS.flatMap(callsOf)) files[`root/${call}/cdk.tf.json`] = files[`${call}/cdk.tf.json`];
    workspace = await Workspace.create({
      files: Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith("root/"))),
      workdir: "root",
      environment: moto.environment(),
    });
    plan = await workspace.plan("us-east-1", {}, "adopt");
  });

  afterAll(() => {
    workspace?.remove();
    moto?.stop();
  });

  test.each(SCENARIOS.map((s) => [s.name, s] as const))("%s: the audit's status of each role", (_, scenario) => {
    expect(reports[scenario.name].error).toBeUndefined();
    expect(Object.fromEntries(reports[scenario.name].roles.map((r) => [r.name, r.status]))).toEqual(scenario.statuses);
  });

  test.each(SCENARIOS.map((s) => [s.name, s] as const))(
    "%s: a role is ok exactly when adopting it plans no change, and each change the plan makes is named by a finding",
    (_, scenario) => {
      const unnamed: string[] = [];
      for (const { stack, call } of callsOf(scenario)) {
        const changes = changesByRole(plan, call);
        for (const role of reports[scenario.name].roles.filter((r) => r.stack === stack)) {
          const id = roleId(scenario, stack, role);
          const mine = changes[id] ?? [];
          if (role.status === "ok") {
            expect([role.name, mine.filter((c) => !(c.actions.length === 1 && c.actions[0] === "no-op"))]).toEqual([role.name, []]);
            continue;
          }
          if (role.status === "missing") continue;
          for (const change of mine) {
            const words = WORDS[change.type];
            const named = (pattern: RegExp | undefined) => pattern !== undefined && role.findings.some((f) => pattern.test(f));
            if (change.actions.includes("create") && !change.actions.includes("delete")) {
              if (!named(words?.create)) unnamed.push(`${role.name}: ${change.address} is created`);
            } else if (change.actions.includes("delete")) {
              if (!named(words?.replace)) unnamed.push(`${role.name}: ${change.address} is replaced`);
            }
            for (const attribute of change.attributes) {
              if (!named(words?.attributes[attribute])) unnamed.push(`${role.name}: ${change.address}.${attribute} changes`);
            }
          }
        }
      }
      expect(unnamed).toEqual([]);
    },
  );

  test("a role gone but for its instance profile: missing, the profile named, imported by the import set, and the plan creates only the role and what it owns", () => {
    const role = reports.kept.roles.find((r) => r.name === "kept-instance")!;
    expect(role.findings.slice(0, 2)).toEqual([
      "no role named kept-instance in the account",
      "instance profile kept-instance exists: a deploy would stop at EntityAlreadyExists creating it, so the import set adopts it",
    ]);
    const profile = changesOf(plan).filter((c) => c.startsWith("module.kept_batch.aws_iam_instance_profile."));
    expect(profile).toEqual(["module.kept_batch.aws_iam_instance_profile.instance_role_instance_profile: import+update"]);
  });

  test("the consoles' roles: findings in words, a path adopting keeps as a note", () => {
    const roles = Object.fromEntries(reports.console.roles.map((r) => [r.name, r]));
    expect(roles.AWSBatchServiceRole).toMatchObject({
      status: "ok",
      findings: [],
      notes: ["path is /service-role/; the stack sets /: adopting keeps /service-role/, as IAM cannot move a role"],
    });
    expect(roles.ecsInstanceRole.findings).toEqual([
      `description is "${EC2_CONSOLE_DESCRIPTION}"; the stack sets none (give 'description' to keep it)`,
      "trust policy Version is 2008-10-17; the stack writes 2012-10-17",
      // The ECS documents write the empty Sid too; EC2's does not: the rewrite drops it.
      'trust policy, in the statement "Allow sts:AssumeRole to Service ec2.amazonaws.com": "Sid" is ""; the stack writes none',
    ]);
    expect(roles.ecsTaskExecutionRole.findings).toEqual(["trust policy Version is 2008-10-17; the stack writes 2012-10-17"]);
    // The import set names the exclusive resources too: they are imported, not added.
    expect(changesOf(plan).filter((c) => c.startsWith("module.exact_") && !c.endsWith(": import"))).toEqual([]);
  });

  test("applied: the next plan is empty, the audit calls every role ok, and a destroy leaves the account as the roles found it", async () => {
    // Exactly the plan the tests above read.
    await workspace.applyPlan("adopt");
    expect(await workspace.planChanges("us-east-1", {}, "after")).toEqual([]);
    const after = await Promise.all(SCENARIOS.map((s) => audit(s, workspace.dir)));
    const notOk = after.flatMap((r) => r.roles.filter((role) => role.status !== "ok" && role.status !== "missing"));
    expect(notOk.map((r) => `${r.name}: ${r.status} ${r.findings.join("; ")}`)).toEqual([]);
    await workspace.destroy();
    await iam.send(new DeletePolicyCommand({ PolicyArn: BOUNDARY }));
    expect(await accountContents(iam)).toEqual({ roles: [], profiles: [], policies: [] });
  });
});

/** The construct id of an audited role in its stack, from the configuration's names. */
function roleId(scenario: Scenario, stack: string, role: RoleAudit): string {
  const section = (scenario.config[stack === "batch" ? "batch" : "ecsFargate"] ?? {}) as Record<string, { roleName?: string }>;
  const defaults: Record<string, string> = {
    AWSBatchServiceRole: "serviceRole",
    ecsInstanceRole: "instanceRole",
    batchTaskExecutionRole: "executionRole",
    ecsTaskExecutionRole: "executionRole",
  };
  const key = Object.keys(ROLE_IDS[stack]).find((k) => section[k]?.roleName === role.name) ?? defaults[role.name];
  return ROLE_IDS[stack][key];
}
