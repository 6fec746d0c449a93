import { readFileSync } from "fs";
import { join } from "path";
import { declaredVariables, MODULES } from "../../src/module";
import { DeclaredVariable, errorMessage } from "../../src/module/module-variable";
import { hclString } from "../../src/rules";
import { casesOf, moduleBadValues } from "../helpers/bad-inputs";
import { BATCH_TRUST, ec2Trust, ECS_TASKS_TRUST } from "../helpers/seeds";
import { proveExecutionRole, proveNoRolePassing, proveTrust } from "../helpers/proofs";
import { rolesFromPlan } from "../helpers/simulate";
import { evaluateJson, Plan, PlannedResource, SKIP_TERRAFORM, terraformIn, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeTerraform = SKIP_TERRAFORM ? describe.skip : describe;

/** A literal in HCL syntax. */
function hcl(value: unknown): string {
  if (typeof value === "string") return hclString(value);
  if (Array.isArray(value)) return `[${value.map(hcl).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${hclString(k)} = ${hcl(v)}`)
      .join(", ")} }`;
  }
  return JSON.stringify(value);
}

/**
 * The rule cases that have the variable's own type (Terraform would convert or refuse the others
 * by type); for a list variable, each case as a one-element list, or as the bare element.
 */
function casesFor(variable: DeclaredVariable, kind: "good" | "bad", asElements = false): unknown[] {
  const values = variable.rule ? casesOf(variable.rule)[kind] : [];
  if (variable.type === "map(string)") return values.filter((v) => typeof v === "object" && v !== null && !Array.isArray(v));
  return values.filter((v) => typeof v === "string").map((v) => (variable.type === "list(string)" && !asElements ? [v] : v));
}

const modulesLayout = { copies: { modules: join(ROOT, "modules") } };
const byType = (plan: Plan, type: string) => Object.values(plan.resources).filter((r) => r.type === type);
const names = (resources: PlannedResource[]) => resources.map((r) => r.values.name).sort();

describeTerraform("the modules under real Terraform", () => {
  const workspaces: Workspace[] = [];
  const plans: Record<string, Plan> = {};
  const testOutput: Record<string, string> = {};
  let badInputErrors = "";

  async function workspace(layout: Parameters<typeof Workspace.create>[0]): Promise<Workspace> {
    const created = await Workspace.create(layout);
    workspaces.push(created);
    return created;
  }

  beforeAll(async () => {
    const runTests = async (name: string) => {
      const ws = await workspace({ copies: { module: join(ROOT, "modules", name) }, workdir: "module", offline: false });
      testOutput[name] = await ws.terraform(["test"]);
    };
    const planExample = async (name: string, regions: string[]) => {
      // `plan` validates the configuration first; a separate `validate` would start the provider once more.
      const ws = await workspace({ copies: { ...modulesLayout.copies, examples: join(ROOT, "examples") }, workdir: `examples/${name}` });
      for (const region of regions) plans[`${name} ${region}`] = await ws.plan(region);
    };
    const planAcceptance = async () => {
      const ws = await workspace({ ...modulesLayout, files: { "root/main.tf": ACCEPTANCE_ROOT }, workdir: "root" });
      plans.acceptance = await ws.plan("eu-west-1");
    };
    const planReadmeUsage = async () => {
      const ws = await workspace({ ...modulesLayout, files: { "root/main.tf": readmeUsageRoot() }, workdir: "root" });
      plans.readme = await ws.plan("eu-west-1", {}, "readme");
    };
    const planBadInputs = async () => {
      const ws = await workspace({ ...modulesLayout, files: { "root/main.tf": badInputRoot() }, workdir: "root" });
      badInputErrors = await ws.planError("eu-west-1", {}, "bad-inputs");
    };
    // Two at a time: each Terraform command starts the AWS provider, and the machine has two cores.
    await Promise.all([runTests("batch"), runTests("ecs-fargate")]);
    await Promise.all([planExample("batch", ["us-east-1", "cn-north-1"]), planExample("ecs-fargate", ["eu-west-1"])]);
    // China is covered by examples/batch; GovCloud by this one.
    await Promise.all([planExample("both-in-one-account", ["us-gov-west-1"]), planAcceptance()]);
    await Promise.all([planBadInputs(), planReadmeUsage()]);
  });

  afterAll(() => workspaces.forEach((w) => w.remove()));

  test("examples/ and the modules' hand-written tests are as terraform fmt writes them", async () => {
    await expect(terraformIn(ROOT, ["fmt", "-check", "-recursive", "-diff", "examples", "modules"])).resolves.toBe("");
  });

  test.each(MODULES.map((m) => [m.name]))("terraform test passes in modules/%s", (name) => {
    expect(testOutput[name]).toMatch(/Success! \d+ passed, 0 failed\./);
  });

  test("examples/batch plans the seed roles; in China EC2 is ec2.amazonaws.com.cn", () => {
    for (const [region, partition, ec2] of [
      ["us-east-1", "aws", "ec2.amazonaws.com"],
      ["cn-north-1", "aws-cn", "ec2.amazonaws.com.cn"],
    ]) {
      const plan = plans[`batch ${region}`];
      const roles = Object.fromEntries(byType(plan, "aws_iam_role").map((r) => [r.values.name, r.values]));
      expect(Object.keys(roles).sort()).toEqual(["AWSBatchServiceRole", "ecsInstanceRole", "ecsTaskExecutionRole"]);
      expect(JSON.parse(roles.AWSBatchServiceRole.assume_role_policy)).toEqual(BATCH_TRUST);
      expect(JSON.parse(roles.ecsInstanceRole.assume_role_policy)).toEqual(ec2Trust(ec2));
      expect(JSON.parse(roles.ecsTaskExecutionRole.assume_role_policy)).toEqual(ECS_TASKS_TRUST);
      expect(roles.ecsInstanceRole.tags).toEqual({ team: "hpc" });
      expect(
        byType(plan, "aws_iam_role_policy_attachment")
          .map((r) => r.values.policy_arn)
          .sort(),
      ).toEqual(
        ["AWSBatchServiceRole", "AmazonEC2ContainerServiceforEC2Role", "AmazonECSTaskExecutionRolePolicy"].map(
          (n) => `arn:${partition}:iam::aws:policy/service-role/${n}`,
        ),
      );
      expect(byType(plan, "aws_iam_instance_profile").map((r) => [r.values.name, r.values.role])).toEqual([
        ["ecsInstanceRole", "ecsInstanceRole"],
      ]);
    }
  });

  test("examples/ecs-fargate plans the role with its secrets, registry and endpoint policies, without the managed policy", () => {
    const plan = plans["ecs-fargate eu-west-1"];
    const [role] = byType(plan, "aws_iam_role");
    expect(role.values).toMatchObject({ name: "web-execution", path: "/web/", tags: { service: "web" } });
    expect(JSON.parse(role.values.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "111122223333" },
      ArnLike: { "aws:SourceArn": "arn:aws:ecs:*:111122223333:*" },
    });
    expect(byType(plan, "aws_iam_role_policy_attachment")).toEqual([]);
    expect(names(byType(plan, "aws_iam_role_policy"))).toEqual(["EcrPullThroughVpc", "EcsSecrets", "PrivateRegistryAuthentication"]);
  });

  test.each([["us-gov-west-1", "aws-us-gov", "ec2.amazonaws.com"]])(
    "examples/both-in-one-account in %s: four distinct roles, the partition's ARNs and principals",
    (region, partition, ec2) => {
      const plan = plans[`both-in-one-account ${region}`];
      const principals = Object.fromEntries(
        byType(plan, "aws_iam_role").map((r) => [r.values.name, JSON.parse(r.values.assume_role_policy).Statement[0].Principal.Service]),
      );
      expect(principals).toEqual({
        AWSBatchServiceRole: "batch.amazonaws.com",
        ecsInstanceRole: ec2,
        batchTaskExecutionRole: "ecs-tasks.amazonaws.com",
        ecsTaskExecutionRole: "ecs-tasks.amazonaws.com",
      });
      const attached = byType(plan, "aws_iam_role_policy_attachment").map((r) => r.values.policy_arn);
      expect(attached).toHaveLength(4);
      expect(attached.every((arn) => arn.startsWith(`arn:${partition}:iam::aws:policy/service-role/`))).toBe(true);
      expect(plan.outputs).toEqual({
        batch_execution_role_name: "batchTaskExecutionRole",
        ecs_execution_role_name: "ecsTaskExecutionRole",
      });
    },
  );

  test("a root calling both modules with custom values plans exactly those values", () => {
    const plan = plans.acceptance;
    const roles = Object.fromEntries(byType(plan, "aws_iam_role").map((r) => [r.values.name, r.values]));
    expect(Object.keys(roles).sort()).toEqual(["acme-batch-exec", "acme-batch-instance", "acme-batch-service", "acme-web-exec"]);
    for (const role of Object.values(roles)) {
      expect(role).toMatchObject({ path: "/acme/", permissions_boundary: BOUNDARY, tags: { owner: "platform" } });
    }
    const profile = byType(plan, "aws_iam_instance_profile")[0].values;
    expect(profile).toMatchObject({ name: "acme-batch-profile", role: "acme-batch-instance", path: "/acme/" });
    const policies = Object.fromEntries(byType(plan, "aws_iam_policy").map((r) => [r.values.name, r.values]));
    expect(Object.keys(policies).sort()).toEqual([
      "acme-web-exec-EcrPullThroughVpc",
      "acme-web-exec-EcsSecrets",
      "acme-web-exec-PrivateRegistryAuthentication",
    ]);
    const statements = (name: string) => JSON.parse(policies[`acme-web-exec-${name}`].policy).Statement;
    expect(statements("PrivateRegistryAuthentication")).toEqual([
      { Sid: "ReadRegistryCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [REGISTRY] },
    ]);
    expect(statements("EcsSecrets").map((s: any) => s.Resource)).toEqual([[PARAMETER], [SECRET], [KEY]]);
    expect(statements("EcrPullThroughVpc")[1].Condition).toEqual({ StringEquals: { "aws:SourceVpce": [VPCE] } });
    expect(
      byType(plan, "aws_iam_role_policy_attachment")
        .map((r) => r.values.role)
        .sort(),
    ).toEqual(["acme-batch-exec", "acme-batch-instance", "acme-batch-service", "acme-web-exec", "acme-web-exec", "acme-web-exec"]);
    expect(plan.outputs).toMatchObject({ web_execution_role_name: "acme-web-exec", batch_instance_profile_name: "acme-batch-profile" });
  });

  test("the usage example of each module README plans as printed, with its source pointing at the module", () => {
    const roles = byType(plans.readme, "aws_iam_role").map((r) => r.address.split(".")[1] + " " + r.values.name);
    expect(roles.sort()).toEqual([
      "batch_iam AWSBatchServiceRole",
      "batch_iam ecsInstanceRole",
      "batch_iam ecsTaskExecutionRole",
      "ecs_fargate_iam web-execution",
    ]);
  });

  test("every bad input is refused at plan with Terraform's error naming the input and the rule", () => {
    // One diagnostic per module block: a failed validation ("Invalid value for variable", with our
    // message) or a wrong type ("Invalid value for input variable", Terraform's own message).
    const diagnostics = badInputErrors
      .split(/Error: Invalid value for (?:input )?variable/)
      .slice(1)
      .map((d) => d.replace(/\s+/g, " "));
    const byBlock = new Map(diagnostics.map((d) => [/in module "([^"]+)"/.exec(d)?.[1], d]));
    const cases = badInputCases();
    let refused = 0;
    for (const { block, variable } of cases) {
      const diagnostic = byBlock.get(block) ?? "";
      expect([block, diagnostic]).toEqual([block, expect.stringContaining(`var.${variable.name}`)]);
      if (variable.rule && !/not suitable/.test(diagnostic)) expect(diagnostic).toContain(errorMessage(variable));
      refused++;
    }
    const inputs = MODULES.reduce((n, m) => n + declaredVariables(m).length, 0);
    console.log(`bad-input matrix (module variables): ${inputs} inputs, ${cases.length} bad values tried, ${refused} refused at plan`);
    expect(cases.length).toBeGreaterThanOrEqual(2 * inputs);
    expect(diagnostics).toHaveLength(cases.length);
  });

  describe("effective permissions, simulated over the plans of module consumers", () => {
    // The simulator knows service principals of the aws partition only (it refuses
    // ec2.amazonaws.com.cn), so the China plan's principals are checked by value above.
    test("examples/batch: each role is assumed by its service only; no PassRole", async () => {
      const roles = rolesFromPlan(plans["batch us-east-1"]);
      await proveTrust(roles.AWSBatchServiceRole, "batch.amazonaws.com");
      await proveTrust(roles.ecsInstanceRole, "ec2.amazonaws.com");
      await proveTrust(roles.ecsTaskExecutionRole, "ecs-tasks.amazonaws.com");
      await proveNoRolePassing(roles.ecsInstanceRole);
      await proveExecutionRole(roles.ecsTaskExecutionRole, {});
    });

    test("examples/ecs-fargate: listed secrets only, pulls only through the endpoint, guarded trust", async () => {
      const role = rolesFromPlan(plans["ecs-fargate eu-west-1"])["web-execution"];
      const arn = (service: string, resource: string) => `arn:aws:${service}:eu-west-1:111122223333:${resource}`;
      await proveTrust(role, "ecs-tasks.amazonaws.com", "111122223333");
      await proveExecutionRole(role, {
        secrets: [arn("secretsmanager", "secret:dockerhub-AbCdEf"), arn("secretsmanager", "secret:web/db-password-AbCdEf")],
        parameters: [arn("ssm", "parameter/web/db-host")],
        keys: [arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")],
        vpcEndpointIds: ["vpce-0123456789abcdef0"],
      });
    });

    test("a root with customer managed policies: the same grants, from attached customer managed policies", async () => {
      const roles = rolesFromPlan(plans.acceptance);
      await proveExecutionRole(roles["acme-web-exec"], {
        secrets: [REGISTRY, SECRET],
        parameters: [PARAMETER],
        keys: [KEY],
        vpcEndpointIds: [VPCE],
      });
      await proveExecutionRole(roles["acme-batch-exec"], {});
    });
  });

  test("Terraform's regex engine agrees with the synth-time check on every rule case", () => {
    const checks = MODULES.flatMap((m) => declaredVariables(m))
      .filter((v) => v.rule)
      .flatMap((v) => (["good", "bad"] as const).flatMap((kind) => casesFor(v, kind, true).map((value) => ({ v, kind, value }))));
    const results = evaluateJson(`[${checks.map(({ v, value }) => v.rule!.condition(hcl(value))).join(", ")}]`) as boolean[];
    const disagreements = checks
      .map(({ v, kind, value }, i) => ({ rule: v.rule!.id, kind, value, terraform: results[i] }))
      .filter(({ kind, terraform }) => terraform !== (kind === "good"));
    expect(disagreements).toEqual([]);
    expect(checks.length).toBeGreaterThan(80);
  });
});

const BOUNDARY = "arn:aws:iam::111122223333:policy/AcmeBoundary";
const REGISTRY = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme/registry-AbCdEf";
const SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme/web-AbCdEf";
const PARAMETER = "arn:aws:ssm:eu-west-1:111122223333:parameter/acme/web/url";
const KEY = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
const VPCE = "vpce-0a1b2c3d4e5f67890";

const ACCEPTANCE_ROOT = `
provider "aws" {}

module "batch" {
  source                = "../modules/batch"
  service_role_name     = "acme-batch-service"
  instance_role_name    = "acme-batch-instance"
  instance_profile_name = "acme-batch-profile"
  execution_role_name   = "acme-batch-exec"
  path                  = "/acme/"
  permissions_boundary  = "${BOUNDARY}"
  tags                  = { owner = "platform" }
}

module "web" {
  source                       = "../modules/ecs-fargate"
  execution_role_name          = "acme-web-exec"
  path                         = "/acme/"
  permissions_boundary         = "${BOUNDARY}"
  tags                         = { owner = "platform" }
  policy_style                 = "managed"
  private_registry_secret_arns = ["${REGISTRY}"]
  secret_arns                  = ["${SECRET}"]
  ssm_parameter_arns           = ["${PARAMETER}"]
  kms_key_arns                 = ["${KEY}"]
  ecr_pull_vpce_ids            = ["${VPCE}"]
}

output "web_execution_role_name" {
  value = module.web.execution_role_name
}

output "batch_instance_profile_name" {
  value = module.batch.instance_profile_name
}
`;

/** The README usage example of every module, its source turned from the clone beside it to this checkout's copy. */
function readmeUsageRoot(): string {
  const blocks = MODULES.map((m) => {
    const readme = readFileSync(join(ROOT, "modules", m.name, "README.md"), "utf8");
    const usage = /```hcl\n(module "[^"]+" \{[\s\S]*?\n\})\n```/.exec(readme);
    if (!usage) throw new Error(`modules/${m.name}/README.md has no usage example`);
    return usage[1].replace(`"../cdktf-batch-ecs-iam/modules/${m.name}"`, `"../modules/${m.name}"`);
  });
  return ['provider "aws" {}', ...blocks].join("\n\n");
}

/** One module block per (module, variable, bad value): every input with at least two bad values. */
function badInputCases(): { block: string; module: string; variable: DeclaredVariable; value: unknown }[] {
  return MODULES.flatMap((m) =>
    declaredVariables(m).flatMap((variable) =>
      moduleBadValues(variable).map((value, i) => ({
        block: `${m.name.replace(/-/g, "_")}_${variable.name}_${i}`,
        module: m.name,
        variable,
        value,
      })),
    ),
  );
}

function badInputRoot(): string {
  return [
    'provider "aws" {}',
    ...badInputCases().map(
      ({ block, module, variable, value }) =>
        `module "${block}" {\n  source = "../modules/${module}"\n  ${variable.name} = ${hcl(value)}\n}`,
    ),
  ].join("\n\n");
}
