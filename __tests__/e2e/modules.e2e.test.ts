import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, TerraformVariable, Testing, Token } from "cdktf";
import { readFileSync } from "fs";
import { join } from "path";
import { declaredVariables, MODULES } from "../../src/module";
import { TaskExecutionRole } from "../../src/roles/task-execution-role";
import { ReadableStack } from "../../src/stacks/readable-stack";
import { DeclaredVariable, errorMessage } from "../../src/module/module-variable";
import { hclString } from "../../src/rules";
import { casesOf, moduleBadValues } from "../helpers/bad-inputs";
import { BATCH_TRUST, ec2Trust, ECS_TASKS_TRUST } from "../helpers/seeds";
import { proveExecutionRole, proveNoRolePassing, proveTrust } from "../helpers/proofs";
import { dependenciesOf, Graph, parseGraph, permissionsOf } from "../helpers/graph";
import { rolesFromPlan } from "../helpers/simulate";
import {
  evaluateJson,
  moduleView,
  offlineProvider,
  offlineProviderOverride,
  Plan,
  PlannedResource,
  SKIP_TERRAFORM,
  stackAsModule,
  terraformIn,
  Workspace,
} from "../helpers/terraform";
import { testApp } from "../helpers/synth";

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

/** The partitions other than the commercial one, and how the modules must speak of them there. */
const OTHER_PARTITIONS = [
  { region: "cn-north-1", partition: "aws-cn", ec2: "ec2.amazonaws.com.cn", alias: "cn" },
  // Which EC2 principal the European Sovereign Cloud wants is not documented here: its trust is not asserted.
  { region: "eusc-de-east-1", partition: "aws-eusc", ec2: undefined, alias: "eusc" },
  { region: "us-gov-west-1", partition: "aws-us-gov", ec2: "ec2.amazonaws.com", alias: "gov" },
];

describeTerraform("the modules under real Terraform", () => {
  const workspaces: Workspace[] = [];
  const plans: Record<string, Plan> = {};
  const testOutput: Record<string, string> = {};
  let badInputErrors = "";
  let refusedErrors = "";
  let graph: Graph = new Map();

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
    const planAcceptance = async () => {
      // The root that sets every module input, the usage example of each module README and of the
      // project README (whose ARNs are known only at apply) as printed,
      // and every example root as a module of this one (each with the offline provider settings its
      // own provider block needs): one plan, in one region, whose provider configurations are alike.
      const files = {
        "root/main.tf": [ACCEPTANCE_ROOT, readmeUsageBlocks(), readmeRootExample(), EXAMPLES_AS_MODULES].join("\n"),
        ...Object.fromEntries(EXAMPLES.map((name) => [`examples/${name}/offline_override.tf.json`, offlineProviderOverride()])),
      };
      const ws = await workspace({ copies: { ...modulesLayout.copies, examples: join(ROOT, "examples") }, files, workdir: "root" });
      plans.acceptance = await ws.plan("eu-west-1");
      graph = parseGraph(await ws.terraform(["graph"]));
      for (const name of EXAMPLES) plans[name] = moduleView(plans.acceptance, `example_${name.replace(/-/g, "_")}`);
    };
    const planPartitions = async () => {
      // The same kinds of values as the refused root gets wrong, right, in each other partition, and
      // the TerraformVariable stack with good values: a provider per region, one plan.
      const files = { "root/main.tf": partitionsRoot(), "tokens/cdk.tf.json": stackAsModule(tokenStack()) };
      const ws = await workspace({ ...modulesLayout, files, workdir: "root" });
      plans.partitions = await ws.plan("eu-west-1", {}, "partitions");
    };
    const planBadInputs = async () => {
      const ws = await workspace({ ...modulesLayout, files: { "root/main.tf": badInputRoot() }, workdir: "root" });
      badInputErrors = await ws.planError("eu-west-1", {}, "bad-inputs");
    };
    const planRefused = async () => {
      // Inputs that would plan but fail at apply or task start, of the modules and of the constructs
      // (literals, TerraformVariables). Terraform checks preconditions only once every variable is
      // valid, so apart from the bad inputs.
      const files = {
        "root/main.tf": `provider "aws" {}\n${REFUSED_BLOCKS}`,
        "literal/cdk.tf.json": literalStack(),
        "tokens/cdk.tf.json": stackAsModule(tokenStack(true)),
      };
      const ws = await workspace({ ...modulesLayout, files, workdir: "root" });
      refusedErrors = await ws.planError("us-east-1", {}, "refused");
    };
    // All at once: how many Terraform commands run together is sized to the cores (helpers/slots.ts).
    await Promise.all([runTests("batch"), runTests("ecs-fargate"), planPartitions(), planAcceptance(), planBadInputs(), planRefused()]);
  });

  afterAll(() => workspaces.forEach((w) => w.remove()));

  test("examples/ and the modules' hand-written tests are as terraform fmt writes them", async () => {
    await expect(terraformIn(ROOT, ["fmt", "-check", "-recursive", "-diff", "examples", "modules"])).resolves.toBe("");
  });

  test.each(MODULES.map((m) => [m.name]))("terraform test passes in modules/%s", (name) => {
    expect(testOutput[name]).toMatch(/Success! \d+ passed, 0 failed\./);
  });

  test("examples/batch plans the seed roles", () => {
    const plan = plans.batch;
    const roles = Object.fromEntries(byType(plan, "aws_iam_role").map((r) => [r.values.name, r.values]));
    expect(Object.keys(roles).sort()).toEqual(["AWSBatchServiceRole", "ecsInstanceRole", "ecsTaskExecutionRole"]);
    expect(JSON.parse(roles.AWSBatchServiceRole.assume_role_policy)).toEqual(BATCH_TRUST);
    expect(JSON.parse(roles.ecsInstanceRole.assume_role_policy)).toEqual(ec2Trust("ec2.amazonaws.com"));
    expect(JSON.parse(roles.ecsTaskExecutionRole.assume_role_policy)).toEqual(ECS_TASKS_TRUST);
    expect(roles.ecsInstanceRole.tags).toEqual({ team: "hpc" });
    expect(
      byType(plan, "aws_iam_role_policy_attachment")
        .map((r) => r.values.policy_arn)
        .sort(),
    ).toEqual(
      ["AWSBatchServiceRole", "AmazonEC2ContainerServiceforEC2Role", "AmazonECSTaskExecutionRolePolicy"].map(
        (n) => `arn:aws:iam::aws:policy/service-role/${n}`,
      ),
    );
    expect(byType(plan, "aws_iam_instance_profile").map((r) => [r.values.name, r.values.role])).toEqual([
      ["ecsInstanceRole", "ecsInstanceRole"],
    ]);
  });

  test.each([
    ["aws_batch_compute_environment.ec2", "batch_iam", ["service_role", "instance_role"]],
    ["aws_batch_compute_environment.fargate", "batch_iam", ["service_role"]],
    ["aws_batch_job_definition.hello", "batch_iam", ["execution_role"]],
    ["aws_ecs_task_definition.web", "ecs_fargate_iam", ["execution_role"]],
  ])("examples/consumers: %s comes after every policy and attachment of the roles it uses (terraform graph)", (consumer, call, roles) => {
    const example = "module.example_consumers";
    const after = dependenciesOf(graph, `${example}.${consumer}`);
    for (const role of roles) {
      const permissions = permissionsOf(graph, `${example}.module.${call}`, role);
      expect(permissions.length).toBeGreaterThan(0);
      expect(permissions.filter((p) => !after.has(p))).toEqual([]);
    }
    const plan = plans.consumers;
    expect(plan.resources[consumer]).toBeDefined();
  });

  test.each(OTHER_PARTITIONS)(
    "the modules in $region: ARNs and principals of $partition, its ARNs accepted",
    ({ partition, ec2, alias }) => {
      const plan = moduleView(plans.partitions, `names_apart_${alias}`);
      const roles = Object.fromEntries(byType(plan, "aws_iam_role").map((r) => [r.values.name, r.values]));
      if (ec2) expect(JSON.parse(roles["jobs-instance"].assume_role_policy)).toEqual(ec2Trust(ec2));
      expect(
        byType(plan, "aws_iam_role_policy_attachment").every((r) => r.values.policy_arn.startsWith(`arn:${partition}:iam::aws:policy/`)),
      ).toBe(true);
      const own = moduleView(plans.partitions, `own_partition_${alias}`);
      const secrets = JSON.parse(byType(own, "aws_iam_role_policy")[0].values.policy).Statement.flatMap((st: any) => st.Resource);
      expect(secrets.every((arn: string) => arn.startsWith(`arn:${partition}:`))).toBe(true);
      expect(byType(moduleView(plans.partitions, `within_quota_${alias}`), "aws_iam_role_policy")).toHaveLength(1);
    },
  );

  test("construct inputs that are TerraformVariables plan with good values", () => {
    const roles = byType(moduleView(plans.partitions, "tokens"), "aws_iam_role").map((r) => r.values.name);
    expect(roles.sort()).toEqual(["web-execution", "web-lowered"]);
  });

  test("examples/ecs-fargate plans the role with its secrets, registry and endpoint policies, without the managed policy", () => {
    const plan = plans["ecs-fargate"];
    const [role] = byType(plan, "aws_iam_role");
    expect(role.values).toMatchObject({ name: "web-execution", path: "/web/", tags: { service: "web" } });
    expect(JSON.parse(role.values.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "111122223333" },
      ArnLike: { "aws:SourceArn": "arn:aws:ecs:*:111122223333:*" },
    });
    expect(byType(plan, "aws_iam_role_policy_attachment")).toEqual([]);
    expect(names(byType(plan, "aws_iam_role_policy"))).toEqual(["EcrPullThroughVpc", "EcsSecrets", "PrivateRegistryAuthentication"]);
  });

  test.each([["eu-west-1", "aws", "ec2.amazonaws.com"]])(
    "examples/both-in-one-account in %s: four distinct roles, the partition's ARNs and principals",
    (_, partition, ec2) => {
      const plan = plans["both-in-one-account"];
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
    const only = (calls: string[]) => ({
      ...plans.acceptance,
      resources: Object.fromEntries(
        Object.entries(plans.acceptance.resources).filter(([a]) => calls.some((c) => a.startsWith(`module.${c}.`))),
      ),
    });
    const plan = only(["batch", "web"]);
    const outputs = Object.fromEntries(Object.entries(plans.acceptance.outputs).filter(([name]) => !name.includes("__")));
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
      // Each ARN ends like a complete one, or a name that ends so: granted both ways.
      {
        Sid: "ReadRegistryCredentials",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: [REGISTRY, `${REGISTRY}-??????`],
      },
    ]);
    expect(statements("EcsSecrets").map((s: any) => s.Resource)).toEqual([[PARAMETER], [SECRET, `${SECRET}-??????`], [KEY]]);
    expect(statements("EcrPullThroughVpc")[1].Condition).toEqual({ StringEquals: { "aws:SourceVpce": [VPCE] } });
    expect(
      byType(plan, "aws_iam_role_policy_attachment")
        .map((r) => r.values.role)
        .sort(),
    ).toEqual(["acme-batch-exec", "acme-batch-instance", "acme-batch-service", "acme-web-exec", "acme-web-exec", "acme-web-exec"]);
    expect(outputs).toMatchObject({ web_execution_role_name: "acme-web-exec", batch_instance_profile_name: "acme-batch-profile" });
  });

  test("the usage example of each module README plans as printed, with its source pointing at the module", () => {
    const usage = Object.values(plans.acceptance.resources).filter(
      (r) => r.type === "aws_iam_role" && /^module\.(batch|ecs_fargate)_iam\./.test(r.address),
    );
    const roles = usage.map((r) => r.address.split(".")[1] + " " + r.values.name);
    expect(roles.sort()).toEqual([
      "batch_iam AWSBatchServiceRole",
      "batch_iam ecsInstanceRole",
      "batch_iam ecsTaskExecutionRole",
      "ecs_fargate_iam web-execution",
    ]);
  });

  test("the project README's example of both modules plans as printed, the ARNs it gives known only at apply", () => {
    const planned = Object.values(plans.acceptance.resources).filter((r) => /^module\.readme_(batch|ecs_fargate)_iam\./.test(r.address));
    const roles = planned
      .filter((r) => /^aws_iam_(role|service_linked_role)$/.test(r.type))
      .map((r) => r.address.split(".")[1] + " " + r.type);
    expect(roles.sort()).toEqual([
      "readme_batch_iam aws_iam_role",
      "readme_batch_iam aws_iam_role",
      "readme_batch_iam aws_iam_service_linked_role",
      "readme_ecs_fargate_iam aws_iam_role",
      "readme_ecs_fargate_iam aws_iam_role",
    ]);
    const policies = planned
      .filter((r) => r.type === "aws_iam_role_policy")
      .map((r) => r.address.replace(/^module\.readme_ecs_fargate_iam\./, ""));
    expect(policies.sort()).toEqual([
      "aws_iam_role_policy.execution_role_ecr_pull_policy[0]",
      "aws_iam_role_policy.execution_role_secrets_policy[0]",
      "aws_iam_role_policy.task_role_exec_command_policy[0]",
      "aws_iam_role_policy.task_role_statements_policy[0]",
    ]);
  });

  test("every bad input is refused at plan with Terraform's error naming the input and the rule", () => {
    // One diagnostic per bad value: a failed validation ("Invalid value for variable", with our
    // message) or a wrong type ("Invalid value for input variable", Terraform's own message).
    const all = badInputErrors
      .split(/Error: /)
      .slice(1)
      .map((d) => d.replace(/[│╷╵]/g, " ").replace(/\s+/g, " "));
    const diagnostics = all.filter((d) => /^Invalid value for (?:input )?variable/.test(d));
    const keyOf = (d: string) => `${/in module "([^"]+)"/.exec(d)?.[1]} ${/var\.(\w+)/.exec(d)?.[1]}`;
    const byCase = new Map(diagnostics.map((d) => [keyOf(d), d]));
    const cases = badInputCases();
    let refused = 0;
    for (const { block, variable } of cases) {
      const diagnostic = byCase.get(`${block} ${variable.name}`) ?? "";
      expect([block, variable.name, diagnostic]).toEqual([block, variable.name, expect.stringContaining(`var.${variable.name}`)]);
      if (variable.rule && !/not suitable/.test(diagnostic)) expect(diagnostic).toContain(errorMessage(variable));
      refused++;
    }
    const inputs = MODULES.reduce((n, m) => n + declaredVariables(m).length, 0);
    console.log(`bad-input matrix (module variables): ${inputs} inputs, ${cases.length} bad values tried, ${refused} refused at plan`);
    expect(cases.length).toBeGreaterThanOrEqual(2 * inputs);
    expect(diagnostics).toHaveLength(cases.length);
  });

  test("what would plan but fail at apply or task start is refused at plan: other partitions, names alike, oversize policies, bad TerraformVariables, adopting a role switched off or prefixed, task role statements the checks refuse", () => {
    const preconditions = refusedErrors
      .split(/Error: /)
      .slice(1)
      .map((d) => d.replace(/[│╷╵]/g, " ").replace(/\s+/g, " "))
      .filter((d) => d.startsWith("Resource precondition failed"));
    const tokens = "TaskExecutionRole 'tokens/ExecutionRole'";
    const expected = [
      "[IN30] variable 'secret_arns' must name the partition the stack is planned in",
      "[IN31] variable 'instance_role_name' must be a role name no other role of the stack (or module) has",
      "[IN32] TaskExecutionRole 'ecs-fargate/Default/ExecutionRole': the inline policies must be",
      // Literal ARNs of one partition share one check, which names each input.
      "[IN30] TaskExecutionRole 'literal/ExecutionRole': 'secrets.ssmParameterArns', 'secrets.secretArns' name the partition \"aws-us-gov\"; each must name the partition the stack is planned in",
      `[IN1] ${tokens}: 'roleName' must be 1 to 64 characters`,
      `[IN15] ${tokens}: 'tags' must be at most 50 tags`,
      `[IN30] ${tokens}: 'secrets.secretArns' must name the partition the stack is planned in`,
      `[IN12] ${tokens}: 'secrets.kmsKeyArns' must be a list, each element a KMS key ARN`,
      `[IN14] ${tokens}: 'ecrPullRestriction.vpcEndpointIds' must be a list, each element a VPC endpoint id`,
      // A token of literals only (Fn.lower("WEB#1")): checked at plan all the same.
      "[IN1] TaskExecutionRole 'tokens/Lowered': 'roleName' must be 1 to 64 characters",
      "[IN15] TaskExecutionRole 'tokens/Lowered': 'tags' must be at most 50 tags",
      "[IN22] variable 'adopt_service_role' must be false when variable 'create_service_role' is false",
      "[IN22] variable 'adopt_execution_role' must be false when variable 'execution_role_name' is a name prefix",
      "[IN22] variable 'adopt_service_role' must be false when variable 'use_service_linked_role' is true: a service-linked role is imported by its ARN",
      // The task role's statements, known only at plan: the rules the switches lift, and what IAM refuses in a policy.
      "[IAM1] variable 'task_role_statements': an Allow statement grants an action with * or ?; must grant none unless variable 'task_role_allow_wildcard_actions' is true.",
      "[IAM6] variable 'task_role_statements': an Allow statement grants iam:PassRole (by name or by a wildcard that matches it); must grant none unless variable 'task_role_allow_pass_role' is true.",
      "[IN22] variable 'task_role_statements': two statements share a Sid",
    ];
    expect(preconditions).toEqual(expect.arrayContaining(expected.map((e) => expect.stringContaining(e))));
    expect(preconditions).toHaveLength(expected.length);
  });

  describe("effective permissions, simulated over the plans of module consumers", () => {
    // The simulator knows service principals of the aws partition only (it refuses
    // ec2.amazonaws.com.cn), so the China plan's principals are checked by value above.
    test("examples/batch: each role is assumed by its service only; no PassRole", async () => {
      const roles = rolesFromPlan(plans.batch);
      await proveTrust(roles.AWSBatchServiceRole, "batch.amazonaws.com");
      await proveTrust(roles.ecsInstanceRole, "ec2.amazonaws.com");
      await proveTrust(roles.ecsTaskExecutionRole, "ecs-tasks.amazonaws.com");
      await proveNoRolePassing(roles.ecsInstanceRole);
      await proveExecutionRole(roles.ecsTaskExecutionRole, {});
    });

    test("examples/ecs-fargate: listed secrets only, pulls only through the endpoint, guarded trust", async () => {
      const role = rolesFromPlan(plans["ecs-fargate"])["web-execution"];
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
      // The project README's example, in the same plan, has documents known only at apply.
      const resources = Object.entries(plans.acceptance.resources).filter(([address]) => !address.startsWith("module.readme_"));
      const roles = rolesFromPlan({ ...plans.acceptance, resources: Object.fromEntries(resources) });
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

/** The example roots, planned as modules of the acceptance root. */
const EXAMPLES = ["batch", "ecs-fargate", "both-in-one-account", "consumers"];

/** The inputs an example root requires. */
const EXAMPLE_INPUTS: Record<string, string> = {
  consumers: [
    `subnet_ids = ["subnet-0123456789abcdef0"]`,
    `security_group_ids = ["sg-0123456789abcdef0"]`,
    `db_password_secret_arn = "${SECRET}"`,
  ].join("\n  "),
};

const EXAMPLES_AS_MODULES = [
  ...EXAMPLES.map(
    (name) => `module "example_${name.replace(/-/g, "_")}" {\n  source = "../examples/${name}"\n  ${EXAMPLE_INPUTS[name] ?? ""}\n}`,
  ),
  ...["batch_execution_role_name", "ecs_execution_role_name"].map(
    (output) => `output "example_both_in_one_account__${output}" {\n  value = module.example_both_in_one_account.${output}\n}`,
  ),
].join("\n\n");

/**
 * The project README's example of both modules, with the resources it refers to: their ARNs and
 * ids are known only at apply. The caller's account id, which an offline plan cannot read, is given
 * as a literal: the policy simulator reads the trust policies from the plan.
 */
function readmeRootExample(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const example = /```hcl\n(module "batch_iam" \{[\s\S]*?module "ecs_fargate_iam" \{[\s\S]*?\n\})\n```/.exec(readme)?.[1];
  if (!example) throw new Error("README.md has no example of both modules");
  return [
    'resource "aws_secretsmanager_secret" "db" {\n  name = "db"\n}',
    'resource "aws_kms_key" "secrets" {}',
    'resource "aws_vpc_endpoint" "ecr_dkr" {\n  vpc_id            = "vpc-0123456789abcdef0"\n  service_name      = "com.amazonaws.eu-west-1.ecr.dkr"\n  vpc_endpoint_type = "Interface"\n}',
    'resource "aws_s3_bucket" "reports" {\n  bucket = "reports"\n}',
    example
      .replace(/\.\.\/cdktf-batch-ecs-iam\/modules\//g, "../modules/")
      .replace(/module "(batch_iam|ecs_fargate_iam)"/g, 'module "readme_$1"')
      .replace("data.aws_caller_identity.current.account_id", '"111122223333"'),
  ].join("\n\n");
}

/** The README usage example of every module, its source turned from the clone beside it to this checkout's copy. */
function readmeUsageBlocks(): string {
  return MODULES.map((m) => {
    const readme = readFileSync(join(ROOT, "modules", m.name, "README.md"), "utf8");
    const usage = /```hcl\n(module "[^"]+" \{[\s\S]*?\n\})\n```/.exec(readme);
    if (!usage) throw new Error(`modules/${m.name}/README.md has no usage example`);
    return usage[1].replace(`"../cdktf-batch-ecs-iam/modules/${m.name}"`, `"../modules/${m.name}"`);
  }).join("\n\n");
}

/**
 * Every (module, variable, bad value): every input with at least two bad values. Terraform checks
 * each input of a module call on its own, so the i-th module block of a module gives every
 * variable its i-th bad value: a handful of blocks, one diagnostic per case.
 */
function badInputCases(): { block: string; module: string; variable: DeclaredVariable; value: unknown }[] {
  return MODULES.flatMap((m) =>
    declaredVariables(m).flatMap((variable) =>
      moduleBadValues(variable).map((value, i) => ({ block: `${m.name.replace(/-/g, "_")}_bad_${i}`, module: m.name, variable, value })),
    ),
  );
}

function badInputRoot(): string {
  const blocks = new Map<string, { module: string; lines: string[] }>();
  for (const { block, module, variable, value } of badInputCases()) {
    const entry = blocks.get(block) ?? blocks.set(block, { module, lines: [] }).get(block)!;
    // A bad element of a list comes after one known only at apply: it is refused all the same.
    const listed = variable.type === "list(string)" && Array.isArray(value) && value.every((v) => typeof v === "string");
    entry.lines.push(
      `  ${variable.name} = ${listed ? `[terraform_data.unknown.output, ${(value as string[]).map(hcl).join(", ")}]` : hcl(value)}`,
    );
  }
  return [
    'provider "aws" {}',
    'resource "terraform_data" "unknown" {\n  input = "known only at apply"\n}',
    ...[...blocks].map(([block, { module, lines }]) => `module "${block}" {\n  source = "../modules/${module}"\n${lines.join("\n")}\n}`),
  ].join("\n\n");
}

const arn = (partition: string, region: string, rest: string) => `arn:${partition}:${rest.replace("{region}", region)}`;

/** Module calls that plan, but would fail at apply or at task start: each must be refused at plan. */
const REFUSED_BLOCKS = `
module "other_partition" {
  source              = "../modules/ecs-fargate"
  execution_role_name = "other-partition"
  secret_arns         = ["arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db-AbCdEf"]
}

module "names_alike" {
  source             = "../modules/batch"
  service_role_name  = "Jobs"
  instance_role_name = "jobs"
}

module "literal_other_partition" {
  source = "../literal"
}

module "tokens" {
  source       = "../tokens"
  role_name    = "web execution"
  tags         = { "team#1" = "web" }
  secret_arns  = ["arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db"]
  kms_key_arns = ["arn:aws:kms:us-east-1:111122223333:alias/web"]
  vpce_ids     = ["vpc-0123456789abcdef0"]
}

module "adopt_switched_off" {
  source              = "../modules/batch"
  service_role_name   = "adopt-off"
  instance_role_name  = "adopt-off-instances"
  execution_role_name = "adopt-off-execution"
  create_service_role = false
  adopt_service_role  = true
}

module "adopt_linked" {
  source                  = "../modules/batch"
  instance_role_name      = "adopt-linked-instances"
  execution_role_name     = "adopt-linked-execution"
  use_service_linked_role = true
  adopt_service_role      = true
}

module "adopt_prefixed" {
  source               = "../modules/ecs-fargate"
  execution_role_name  = "adopt-prefixed-"
  use_name_prefix      = true
  adopt_execution_role = true
}

module "task_role_unchecked" {
  source               = "../modules/ecs-fargate"
  execution_role_name  = "task-unchecked-execution"
  create_task_role     = true
  task_role_name       = "task-unchecked"
  task_role_statements = [
    { sid = "Same", actions = ["s3:Get*"], resources = ["arn:aws:s3:::reports/*"] },
    { sid = "Same", actions = ["iam:PassRole"], resources = ["arn:aws:iam::111122223333:role/worker"] },
    # A Deny is never refused for what it names.
    { effect = "Deny", actions = ["iam:*"], resources = ["*"] },
  ]
}

module "too_large" {
  source              = "../modules/ecs-fargate"
  execution_role_name = "too-large"
  secret_arns         = [for i in range(150) : "arn:aws:secretsmanager:us-east-1:111122223333:secret:application/service-\${i}/database-password-AbCdEf"]
}
`;

/** A stack whose ARNs are literals, most of another partition: known at synth, but whose partition only the plan knows. */
function literalStack(): string {
  const stack = new ReadableStack(testApp(), "literal");
  new AwsProvider(stack, "aws", {});
  new TaskExecutionRole(stack, "ExecutionRole", {
    roleName: "literal-other-partition",
    secrets: {
      ssmParameterArns: ["arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/app"],
      secretArns: ["arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:app-AbCdEf"],
      // Of the partition the plan runs in: its check passes.
      kmsKeyArns: ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    },
  });
  return stackAsModule(Testing.synth(stack));
}

/**
 * The kinds of values the refused root gets wrong, right, in each other partition (ARNs of that
 * partition, roles named apart, policies within the quota), and the TerraformVariable stack with
 * good values: one root with a provider per region.
 */
function partitionsRoot(): string {
  const offline = (region: string, alias: string) =>
    `provider "aws" {\n  alias = "${alias}"\n  region = "${region}"\n` +
    Object.entries(offlineProvider(region))
      .filter(([k]) => k !== "region")
      .map(([k, v]) => `  ${k} = ${JSON.stringify(v)}\n`)
      .join("") +
    "}";
  const calls = OTHER_PARTITIONS.map(
    ({ region, partition, alias }) => `
module "own_partition_${alias}" {
  source               = "../modules/ecs-fargate"
  providers            = { aws = aws.${alias} }
  execution_role_name  = "own-partition"
  secret_arns          = ["${arn(partition, region, "secretsmanager:{region}:111122223333:secret:db")}"]
  kms_key_arns         = ["${arn(partition, region, "kms:{region}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")}"]
  permissions_boundary = "${arn(partition, region, "iam::111122223333:policy/Boundary")}"
}

module "names_apart_${alias}" {
  source             = "../modules/batch"
  providers          = { aws = aws.${alias} }
  service_role_name  = "jobs-service"
  instance_role_name = "jobs-instance"
}

module "within_quota_${alias}" {
  source              = "../modules/ecs-fargate"
  providers           = { aws = aws.${alias} }
  execution_role_name = "within-quota"
  secret_arns         = [for i in range(60) : "${arn(partition, region, "secretsmanager:{region}:111122223333:secret:app/service-")}\${i}"]
}`,
  );
  return [
    'provider "aws" {}', // which the offline override completes; no module uses it
    ...[...OTHER_PARTITIONS, { region: "us-east-1", alias: "us" }].map(({ region, alias }) => offline(region, alias)),
    ...calls,
    `
module "tokens" {
  source       = "../tokens"
  providers    = { aws = aws.us }
  role_name    = "web-execution"
  tags         = { team = "web" }
  secret_arns  = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db"]
  kms_key_arns = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  vpce_ids     = ["vpce-0123456789abcdef0"]
}`,
  ].join("\n\n");
}

/**
 * A stack of constructs whose inputs are `TerraformVariable`s: values known only at plan, which
 * synth cannot check and preconditions compiled from the same rules must.
 */
function tokenStack(refused = false): string {
  const stack = new ReadableStack(testApp(), "tokens");
  new AwsProvider(stack, "aws", {});
  const list = (id: string) => new TerraformVariable(stack, id, { type: "list(string)" }).listValue;
  new TaskExecutionRole(stack, "ExecutionRole", {
    roleName: new TerraformVariable(stack, "role_name", { type: "string" }).stringValue,
    tags: Token.asStringMap(new TerraformVariable(stack, "tags", { type: "map(string)" }).value),
    secrets: { secretArns: list("secret_arns"), kmsKeyArns: list("kms_key_arns") },
    ecrPullRestriction: { vpcEndpointIds: list("vpce_ids") },
  });
  // Tokens that refer to nothing (functions of literals): their checks still run at plan, and a
  // name the provider itself validates reaches it only after them (it would refuse it first).
  new TaskExecutionRole(stack, "Lowered", {
    roleName: Fn.lower(refused ? "WEB LOWERED" : "WEB-LOWERED"),
    tags: { team: Fn.lower(refused ? "WEB#1" : "WEB") },
  });
  return Testing.synth(stack);
}
