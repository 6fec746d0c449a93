import { execFile } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { seedRoles, userEnvironment, iamClient } from "../helpers/account";
import { stackJson, synthApp } from "../helpers/app";
import { startMoto } from "../helpers/moto";
import { CONSOLE_ROLES } from "./console-roles";
import { SKIP_TERRAFORM, tempDir, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeTerraform = SKIP_TERRAFORM ? describe.skip : describe;

/** Every role of both stacks adopted. */
const ADOPT_ALL = {
  batch: { serviceRole: { adopt: true }, instanceRole: { adopt: true }, executionRole: { adopt: true } },
  ecsFargate: { executionRole: { adopt: true } },
};

/**
 * A `terraform test` of a stack as the app wrote it: Terraform lets a test import only into
 * resources an `override_resource` targets, and the mock provider answers for the account. Plan,
 * apply, plan again.
 */
function adoptionTest(stack: string): string {
  const targets = (JSON.parse(stack).import ?? []).map((i: { to: string }) => i.to);
  return [
    'mock_provider "aws" {',
    '  mock_data "aws_partition" {',
    '    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }',
    "  }",
    '  mock_data "aws_caller_identity" {',
    '    defaults = { account_id = "111122223333" }',
    "  }",
    "}",
    ...targets.map((to: string) => `override_resource {\n  target = ${to}\n}`),
    'run "imports" {\n  command = plan\n}',
    'run "applies" {\n  command = apply\n}',
    'run "then_nothing_to_do" {\n  command = plan\n}',
  ].join("\n");
}

/** What `terraform test -verbose` says of each plan: its summary line, in order. */
const planSummaries = (output: string) =>
  [...output.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/^(Plan: .*|No changes\. .*)$/gm)].map((m) => m[1]);

/** Runs the audit as the README prints it; resolves with its exit code and error output. */
function audit(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) =>
    execFile("npm", ["run", "--silent", "audit-account", "--", ...args], { cwd: ROOT, env }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    ),
  );
}

describeTerraform("adopting the roles an account already holds", () => {
  const workspaces: Workspace[] = [];
  const adopted = tempDir("adopted-out-");
  const audited = tempDir("audited-out-");
  const outputs: Record<string, string> = {};
  let auditRun = { code: -1, stderr: "" };
  let staleSynth = "";

  beforeAll(async () => {
    const configDir = tempDir("adopt-config-");
    writeFileSync(join(configDir, "adopt.config.json"), JSON.stringify(ADOPT_ALL));
    writeFileSync(join(configDir, "audited.config.json"), JSON.stringify({ importSet: "iam.imports.json" }));

    const test = async (name: string, layout: Parameters<typeof Workspace.create>[0]) => {
      const ws = await Workspace.create({ ...layout, offline: false });
      workspaces.push(ws);
      outputs[name] = await ws.terraform(["test", "-verbose"]);
    };
    const stacks = async () => {
      await synthApp(adopted, join(configDir, "adopt.config.json"));
      await Promise.all(
        ["batch", "ecs-fargate"].map((stack) =>
          test(stack, {
            files: { "cdk.tf.json": stackJson(adopted, stack), "tests/adopt.tftest.hcl": adoptionTest(stackJson(adopted, stack)) },
          }),
        ),
      );
    };
    // Audit, then adopt: the audit writes the import set, synth imports exactly that.
    const auditThenSynth = async () => {
      // An account as the consoles leave it (moto): the Batch role under /service-role/, the rest at /; no Batch execution role.
      const moto = await startMoto();
      try {
        await seedRoles(iamClient(moto.environment()), CONSOLE_ROLES);
        const env = userEnvironment({ ...moto.environment(), IAM_CONFIG: join(configDir, "audited.config.json") });
        auditRun = await audit(["--imports", join(configDir, "iam.imports.json")], env);
      } finally {
        moto.stop();
      }
      await synthApp(audited, join(configDir, "audited.config.json"));
      // The configuration changed after the audit: a role the set names is no longer the stack's.
      writeFileSync(
        join(configDir, "stale.config.json"),
        JSON.stringify({ importSet: "iam.imports.json", batch: { instanceRole: { create: false } } }),
      );
      staleSynth = await synthApp(tempDir("stale-out-"), join(configDir, "stale.config.json")).then(
        () => "",
        (error: { stderr?: string }) => error.stderr ?? "",
      );
    };
    const example = () =>
      test("example", {
        copies: { modules: join(ROOT, "modules"), "examples/adopt-existing": join(ROOT, "examples", "adopt-existing") },
        workdir: "examples/adopt-existing",
      });
    await Promise.all([stacks(), example(), auditThenSynth()]);
  });

  afterAll(() => workspaces.forEach((w) => w.remove()));

  test("adopt on every role of both stacks: an import block for every role, the resources through which it owns its policies, and the instance profile, by name, as the AWS provider documents", () => {
    const imports = (stack: string) => JSON.parse(stackJson(adopted, stack)).import;
    const owned = (id: string, name: string) => [
      { to: `aws_iam_role_policies_exclusive.${id}_policies_exclusive`, id: name },
      { to: `aws_iam_role_policy_attachments_exclusive.${id}_policy_attachments_exclusive`, id: name },
    ];
    expect(imports("batch")).toEqual([
      { to: "aws_iam_role.service_role", id: "AWSBatchServiceRole" },
      ...owned("service_role", "AWSBatchServiceRole"),
      { to: "aws_iam_role.instance_role", id: "ecsInstanceRole" },
      ...owned("instance_role", "ecsInstanceRole"),
      { to: "aws_iam_instance_profile.instance_role_instance_profile", id: "ecsInstanceRole" },
      { to: "aws_iam_role.execution_role", id: "batchTaskExecutionRole" },
      ...owned("execution_role", "batchTaskExecutionRole"),
    ]);
    expect(imports("ecs-fargate")).toEqual([
      { to: "aws_iam_role.execution_role", id: "ecsTaskExecutionRole" },
      ...owned("execution_role", "ecsTaskExecutionRole"),
    ]);
  });

  test.each([
    ["batch", "Plan: 10 to import, 3 to add, 0 to change, 0 to destroy."],
    ["ecs-fargate", "Plan: 3 to import, 1 to add, 0 to change, 0 to destroy."],
  ])(
    "terraform test of the adopting %s stack: the plan imports, adds the attachments, replaces nothing; applied, nothing is left",
    (stack, plan) => {
      expect(outputs[stack]).toMatch(/Success! 3 passed, 0 failed\./);
      expect(planSummaries(outputs[stack])).toEqual([plan, "No changes. Your infrastructure matches the configuration."]);
    },
  );

  test("terraform test of examples/adopt-existing: four console-created objects imported into the modules, nothing replaced, then nothing to do", () => {
    expect(outputs.example).toMatch(/Success! 3 passed, 0 failed\./);
    // Besides the attachments, each role's two resources through which it owns its policies are created.
    expect(planSummaries(outputs.example)).toEqual([
      "Plan: 4 to import, 13 to add, 0 to change, 0 to destroy.",
      "No changes. Your infrastructure matches the configuration.",
    ]);
  });

  test("audit, then adopt: the import set holds exactly what the account has, and each stack imports exactly that", () => {
    expect(auditRun.code).toBe(1);
    expect(auditRun.stderr).toMatch(
      /^wrote .*iam\.imports\.json: 13 objects to import; name it as "importSet" in the configuration file\n$/,
    );
    const byAddress = (a: { to: string }, b: { to: string }) => a.to.localeCompare(b.to);
    const imports = (stack: string) => JSON.parse(stackJson(audited, stack)).import.sort(byAddress);
    const managed = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;
    const owned = (id: string, name: string) => [
      { to: `aws_iam_role_policies_exclusive.${id}_policies_exclusive`, id: name },
      { to: `aws_iam_role_policy_attachments_exclusive.${id}_policy_attachments_exclusive`, id: name },
    ];
    expect(imports("batch")).toEqual(
      [
        { to: "aws_iam_role.service_role", id: "AWSBatchServiceRole" },
        ...owned("service_role", "AWSBatchServiceRole"),
        { to: "aws_iam_role.instance_role", id: "ecsInstanceRole" },
        ...owned("instance_role", "ecsInstanceRole"),
        {
          to: "aws_iam_role_policy_attachment.service_role_aws_managed_policy",
          id: `AWSBatchServiceRole/${managed("AWSBatchServiceRole")}`,
        },
        {
          to: "aws_iam_role_policy_attachment.instance_role_aws_managed_policy",
          id: `ecsInstanceRole/${managed("AmazonEC2ContainerServiceforEC2Role")}`,
        },
        { to: "aws_iam_instance_profile.instance_role_instance_profile", id: "ecsInstanceRole" },
      ].sort(byAddress),
    );
    expect(imports("ecs-fargate")).toEqual(
      [
        { to: "aws_iam_role.execution_role", id: "ecsTaskExecutionRole" },
        ...owned("execution_role", "ecsTaskExecutionRole"),
        {
          to: "aws_iam_role_policy_attachment.execution_role_aws_managed_policy",
          id: `ecsTaskExecutionRole/${managed("AmazonECSTaskExecutionRolePolicy")}`,
        },
      ].sort(byAddress),
    );
    // The Batch role stays under /service-role/, where the console put it, as every role keeps its path, adopted or created.
    const batch = JSON.parse(stackJson(audited, "batch")).resource;
    for (const role of ["service_role", "execution_role"])
      expect(batch.aws_iam_role[role].lifecycle).toEqual({ ignore_changes: ["path", "force_detach_policies"] });
  });

  test("an import set that no longer fits the configuration is refused at synth, one line per entry", () => {
    const lines = staleSynth.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        /^\[IN34\] .*iam\.imports\.json: 'batch\.aws_iam_role\.instance_role' is "ecsInstanceRole"; must be the address of a resource of the batch stack/,
      ),
      expect.stringMatching(/^\[IN34\] .*'batch\.aws_iam_role_policies_exclusive\.instance_role_policies_exclusive'/),
      expect.stringMatching(/^\[IN34\] .*'batch\.aws_iam_role_policy_attachments_exclusive\.instance_role_policy_attachments_exclusive'/),
      expect.stringMatching(/^\[IN34\] .*'batch\.aws_iam_role_policy_attachment\.instance_role_aws_managed_policy'/),
      expect.stringMatching(/^\[IN34\] .*'batch\.aws_iam_instance_profile\.instance_role_instance_profile'/),
    ]);
    expect(readFileSync(join(ROOT, "iam.config.json"), "utf8")).not.toContain("importSet");
  });
});
