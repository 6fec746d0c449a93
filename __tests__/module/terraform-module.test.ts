import { BATCH_MODULE, declaredVariables, ECS_FARGATE_MODULE, MODULES, synthModule } from "../../src/module";
import { ModuleDefinition } from "../../src/module/module-definition";
import { errorMessage } from "../../src/module/module-variable";
import { EcsFargateSetup, EcsFargateSetupProps } from "../../src/setups/ecs-fargate-setup";
import { AnyInputs, inputAt } from "../../src/inputs/input";
import { rules } from "../../src/rules";
import { errorOf } from "../helpers/synth";

const VERSION = "9.9.9";
const parse = (files: Record<string, string>, name: string) => JSON.parse(files[name]);

/** Each module synthesized once for all the tests that read it. */
const synthesized = new Map<unknown, Record<string, string>>();
const filesOf = <S, P>(definition: ModuleDefinition<S, P>) =>
  synthesized.get(definition) ?? synthesized.set(definition, synthModule(definition, VERSION)).get(definition)!;

describe("generated Terraform modules", () => {
  // The interface the module issue fixes: name, type, default.
  test.each([
    [
      BATCH_MODULE,
      [
        ["create_service_role", "bool", true],
        ["service_role_name", "string", "AWSBatchServiceRole"],
        ["adopt_service_role", "bool", false],
        ["use_service_linked_role", "bool", false],
        ["create_instance_role", "bool", true],
        ["instance_role_name", "string", "ecsInstanceRole"],
        ["instance_profile_name", "string", null],
        ["adopt_instance_role", "bool", false],
        ["create_execution_role", "bool", true],
        ["execution_role_name", "string", "ecsTaskExecutionRole"],
        ["adopt_execution_role", "bool", false],
        ["create_spot_fleet_role", "bool", false],
        ["spot_fleet_role_name", "string", "AmazonEC2SpotFleetTaggingRole"],
        ["adopt_spot_fleet_role", "bool", false],
        ["use_name_prefix", "bool", false],
        ["path", "string", "/"],
        ["permissions_boundary", "string", null],
        ["tags", "map(string)", {}],
        ["source_account_id", "string", null],
        ["exclusive_policies", "bool", true],
      ],
    ],
    [
      ECS_FARGATE_MODULE,
      [
        ["execution_role_name", "string", "ecsTaskExecutionRole"],
        ["adopt_execution_role", "bool", false],
        ["private_registry_secret_arns", "list(string)", []],
        ["secret_arns", "list(string)", []],
        ["ssm_parameter_arns", "list(string)", []],
        ["kms_key_arns", "list(string)", []],
        ["ecr_pull_vpc_ids", "list(string)", []],
        ["ecr_pull_vpce_ids", "list(string)", []],
        ["create_log_group_arns", "list(string)", []],
        ["pull_through_cache_repository_arns", "list(string)", []],
        ["pull_through_cache_create_repositories", "bool", false],
        ["policy_style", "string", "inline"],
        ["create_infrastructure_role", "bool", false],
        ["infrastructure_role_name", "string", "ecsInfrastructureRole"],
        ["adopt_infrastructure_role", "bool", false],
        ["create_task_role", "bool", false],
        ["task_role_name", "string", "ecsTaskRole"],
        ["adopt_task_role", "bool", false],
        ["task_role_exec_command", "bool", false],
        [
          "task_role_statements",
          "list(object({ sid = optional(string), effect = optional(string), actions = list(string), resources = list(string), conditions = optional(list(object({ test = string, variable = string, values = list(string) })), []) }))",
          [],
        ],
        ["task_role_allow_wildcard_actions", "bool", false],
        ["task_role_allow_pass_role", "bool", false],
        ["use_name_prefix", "bool", false],
        ["path", "string", "/"],
        ["permissions_boundary", "string", null],
        ["tags", "map(string)", {}],
        ["source_account_id", "string", null],
        ["exclusive_policies", "bool", true],
      ],
    ],
  ] as unknown as [ModuleDefinition<any, any>, [string, string, unknown][]][])(
    "%s.name has the contracted inputs",
    (definition, expected) => {
      const variables = parse(filesOf(definition), "variables.tf.json").variable;
      expect(Object.entries(variables).map(([name, v]: [string, any]) => [name, v.type, v.default])).toEqual(expected);
    },
  );

  test.each([
    [
      BATCH_MODULE,
      [
        "service_role_arn",
        "service_role_name",
        "instance_role_arn",
        "instance_role_name",
        "instance_profile_arn",
        "instance_profile_name",
        "execution_role_arn",
        "execution_role_name",
        "spot_fleet_role_arn",
        "spot_fleet_role_name",
      ],
    ],
    [
      ECS_FARGATE_MODULE,
      [
        "execution_role_arn",
        "execution_role_name",
        "infrastructure_role_arn",
        "infrastructure_role_name",
        "task_role_arn",
        "task_role_name",
      ],
    ],
  ] as unknown as [ModuleDefinition<any, any>, string[]][])("%s.name has the contracted outputs, each described", (definition, names) => {
    const outputs = parse(filesOf(definition), "outputs.tf.json").output;
    expect(Object.keys(outputs)).toEqual(names);
    for (const output of Object.values(outputs) as any[]) expect(output.description).toMatch(/\.$/);
  });

  test.each(MODULES.map((m) => [m.name, m]))("%s: no provider, no backend, no cdktf metadata; a provider floor", (_, definition) => {
    const files = filesOf(definition as unknown as ModuleDefinition<any, any>);
    const all = Object.entries(files)
      .filter(([name]) => name.endsWith(".json"))
      .map(([, text]) => JSON.parse(text));
    for (const json of all) {
      expect(json.provider).toBeUndefined();
      expect(json.terraform?.backend).toBeUndefined();
    }
    const json = Object.entries(files)
      .filter(([name]) => name.endsWith(".json"))
      .map(([, text]) => text)
      .join("\n");
    expect(json).not.toContain('"//"');
    expect(json).not.toContain("arn:aws:");
    expect(parse(files, "versions.tf.json")).toEqual({
      terraform: { required_version: ">= 1.3", required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.72.0" } } },
    });
  });

  test.each(MODULES.map((m) => [m.name, m]))(
    "%s: every variable typed, described in a sentence, validated where it can be wrong",
    (_, definition) => {
      const variables = parse(filesOf(definition as unknown as ModuleDefinition<any, any>), "variables.tf.json").variable;
      for (const [name, variable] of Object.entries(variables) as [string, any][]) {
        expect(variable.type).toBeDefined();
        expect(variable.description).toMatch(/^[A-Z].*\.$/);
        if (variable.type !== "bool") {
          // A list of objects has one validation per attribute with a rule; every other variable one.
          expect(variable.validation).toHaveLength(variable.type.startsWith("list(object(") ? 7 : 1);
          for (const validation of variable.validation) {
            expect(validation.error_message).toContain(name);
            expect(validation.condition).toContain(`var.${name}`);
          }
        }
      }
    },
  );

  test.each(MODULES.map((m) => [m.name, m]))("%s: the README documents every input and output", (_, definition) => {
    const d = definition as unknown as ModuleDefinition<any, any>;
    const readme = filesOf(d)["README.md"];
    for (const v of d.variables) expect(readme).toContain(`| ${v.name} |`);
    for (const o of d.outputs) expect(readme).toContain(`| ${o.name} |`);
    expect(readme).toContain(`source = "../cdktf-batch-ecs-iam/modules/${d.name}"`);
    expect(readme).toContain(`git tag v${VERSION} && git push origin v${VERSION}`);
    expect(readme).toContain(`.git//modules/${d.name}?ref=v${VERSION}"`);
  });

  test("error messages name the input, the rule and its code", () => {
    const variable = (name: string) => declaredVariables(ECS_FARGATE_MODULE).find((v) => v.name === name)!;
    expect(errorMessage(variable("ecr_pull_vpce_ids"))).toBe(
      '[IN14] Each element of ecr_pull_vpce_ids must be a VPC endpoint id: "vpce-" and 8 or 17 lowercase hex digits.',
    );
    expect(errorMessage(variable("source_account_id"))).toBe("[IN7] source_account_id must be null or a 12-digit AWS account id.");
  });

  test("each variable takes its type and rule from the setup input it feeds", () => {
    for (const definition of MODULES) {
      for (const variable of declaredVariables(definition)) {
        if ("switches" in variable) continue;
        const input = inputAt(definition.inputs as AnyInputs, variable.feeds);
        if (input?.kind === "group") {
          // A list of objects: a rule per attribute, each the input's own.
          for (const field of variable.fields ?? []) expect(inputAt(input.inputs as AnyInputs, field.path)).toBe(field.input);
          expect(variable.fields?.length).toBeGreaterThan(0);
          continue;
        }
        expect([variable.name, input?.rule]).toEqual([variable.name, variable.rule ?? undefined]);
      }
    }
    const secrets = declaredVariables(ECS_FARGATE_MODULE).find((v) => v.name === "secret_arns")!;
    expect([secrets.type, secrets.rule]).toEqual(["list(string)", rules.secretArn]);
  });

  test("a variable that feeds no input of the setup is refused", () => {
    const definition: ModuleDefinition<EcsFargateSetup, EcsFargateSetupProps> = {
      ...ECS_FARGATE_MODULE,
      variables: [
        ...ECS_FARGATE_MODULE.variables,
        { name: "typo", feeds: "executionRole.secretArns", description: "Typo.", default: null },
      ],
    };
    expect(errorOf(() => synthModule(definition, VERSION))).toBe(
      "Module variable 'typo' feeds 'executionRole.secretArns', which is no input of the setup",
    );
  });
});
