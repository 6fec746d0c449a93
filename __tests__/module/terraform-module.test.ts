import { BATCH_MODULE, ECS_FARGATE_MODULE, MODULES, synthModule } from "../../src/module";
import { ModuleDefinition } from "../../src/module/module-definition";
import { errorMessage } from "../../src/module/module-variable";
import { EcsFargateSetup } from "../../src/setups/ecs-fargate-setup";
import { errorOf } from "../helpers/synth";

const VERSION = "9.9.9";
const parse = (files: Record<string, string>, name: string) => JSON.parse(files[name]);

describe("generated Terraform modules", () => {
  // The interface the module issue fixes: name, type, default.
  test.each([
    [
      BATCH_MODULE,
      [
        ["create_service_role", "bool", true],
        ["service_role_name", "string", "AWSBatchServiceRole"],
        ["create_instance_role", "bool", true],
        ["instance_role_name", "string", "ecsInstanceRole"],
        ["instance_profile_name", "string", null],
        ["create_execution_role", "bool", true],
        ["execution_role_name", "string", "ecsTaskExecutionRole"],
        ["use_name_prefix", "bool", false],
        ["path", "string", "/"],
        ["permissions_boundary", "string", null],
        ["tags", "map(string)", {}],
        ["source_account_id", "string", null],
      ],
    ],
    [
      ECS_FARGATE_MODULE,
      [
        ["execution_role_name", "string", "ecsTaskExecutionRole"],
        ["private_registry_secret_arns", "list(string)", []],
        ["secret_arns", "list(string)", []],
        ["ssm_parameter_arns", "list(string)", []],
        ["kms_key_arns", "list(string)", []],
        ["ecr_pull_vpc_ids", "list(string)", []],
        ["ecr_pull_vpce_ids", "list(string)", []],
        ["policy_style", "string", "inline"],
        ["use_name_prefix", "bool", false],
        ["path", "string", "/"],
        ["permissions_boundary", "string", null],
        ["tags", "map(string)", {}],
        ["source_account_id", "string", null],
      ],
    ],
  ] as [ModuleDefinition<any>, [string, string, unknown][]][])("%s.name has the contracted inputs", (definition, expected) => {
    const variables = parse(synthModule(definition, VERSION), "variables.tf.json").variable;
    expect(Object.entries(variables).map(([name, v]: [string, any]) => [name, v.type, v.default])).toEqual(expected);
  });

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
      ],
    ],
    [ECS_FARGATE_MODULE, ["execution_role_arn", "execution_role_name"]],
  ] as [ModuleDefinition<any>, string[]][])("%s.name has the contracted outputs, each described", (definition, names) => {
    const outputs = parse(synthModule(definition, VERSION), "outputs.tf.json").output;
    expect(Object.keys(outputs)).toEqual(names);
    for (const output of Object.values(outputs) as any[]) expect(output.description).toMatch(/\.$/);
  });

  test.each(MODULES.map((m) => [m.name, m]))("%s: no provider, no backend, no cdktf metadata; a provider floor", (_, definition) => {
    const files = synthModule(definition as ModuleDefinition<any>, VERSION);
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
      terraform: { required_version: ">= 1.3", required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.0" } } },
    });
  });

  test.each(MODULES.map((m) => [m.name, m]))(
    "%s: every variable typed, described in a sentence, validated where it can be wrong",
    (_, definition) => {
      const variables = parse(synthModule(definition as ModuleDefinition<any>, VERSION), "variables.tf.json").variable;
      for (const [name, variable] of Object.entries(variables) as [string, any][]) {
        expect(variable.type).toBeDefined();
        expect(variable.description).toMatch(/^[A-Z].*\.$/);
        if (variable.type !== "bool") {
          expect(variable.validation).toHaveLength(1);
          expect(variable.validation[0].error_message).toContain(name);
          expect(variable.validation[0].condition).toContain(`var.${name}`);
        }
      }
    },
  );

  test.each(MODULES.map((m) => [m.name, m]))("%s: the README documents every input and output", (_, definition) => {
    const d = definition as ModuleDefinition<any>;
    const readme = synthModule(d, VERSION)["README.md"];
    for (const v of d.variables) expect(readme).toContain(`| ${v.name} |`);
    for (const o of d.outputs) expect(readme).toContain(`| ${o.name} |`);
    expect(readme).toContain(`source = "../cdktf-batch-ecs-iam/modules/${d.name}"`);
    expect(readme).toContain(`git tag v${VERSION} && git push origin v${VERSION}`);
    expect(readme).toContain(`.git//modules/${d.name}?ref=v${VERSION}"`);
  });

  test("error messages name the input and the rule", () => {
    const vpce = ECS_FARGATE_MODULE.variables.find((v) => v.name === "ecr_pull_vpce_ids")!;
    expect(errorMessage(vpce)).toBe(
      'Each element of ecr_pull_vpce_ids must be a VPC endpoint id: "vpce-" and 8 or 17 lowercase hex digits.',
    );
    const account = ECS_FARGATE_MODULE.variables.find((v) => v.name === "source_account_id")!;
    expect(errorMessage(account)).toBe("source_account_id must be null or a 12-digit AWS account id.");
  });

  test("a module that declares a variable it never uses is refused", () => {
    const definition: ModuleDefinition<EcsFargateSetup> = {
      ...ECS_FARGATE_MODULE,
      variables: [...ECS_FARGATE_MODULE.variables, { name: "unused", type: "string", description: "Unused.", default: null }],
    };
    expect(errorOf(() => synthModule(definition, VERSION))).toBe("Module 'ecs-fargate' declares variables it never uses: unused");
  });

  test("a module that uses a variable it does not declare is refused", () => {
    const definition: ModuleDefinition<EcsFargateSetup> = {
      ...ECS_FARGATE_MODULE,
      variables: ECS_FARGATE_MODULE.variables.filter((v) => v.name !== "tags"),
    };
    expect(errorOf(() => synthModule(definition, VERSION))).toBe("The module declares no variable 'tags'");
  });
});
