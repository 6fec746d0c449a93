import { existsSync, mkdirSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";
import { AWS_PROVIDER_VERSION, assertSharableProviderConfigurations, copyConfiguration, hasAwsProvider, tempDir } from "./terraform";

// The Terraform test helpers themselves: what they copy, and which provider mirrors they accept.
describe("the Terraform test helpers", () => {
  test("a configuration is copied without .terraform/, its lock file or state", () => {
    const source = tempDir("config-");
    mkdirSync(join(source, ".terraform", "providers"), { recursive: true });
    mkdirSync(join(source, "tests"));
    for (const file of ["main.tf.json", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup", "tests/a.tftest.hcl"]) {
      writeFileSync(join(source, file), "{}");
    }
    const dest = join(tempDir("copy-"), "module");
    copyConfiguration(source, dest);
    expect(readdirSync(dest).sort()).toEqual(["main.tf.json", "tests"]);
    expect(existsSync(join(dest, "tests", "a.tftest.hcl"))).toBe(true);
  });

  test.each([
    [
      "unpacked (a plugin cache, or an unpacked mirror)",
      `${AWS_PROVIDER_VERSION}/linux_amd64/terraform-provider-aws_v${AWS_PROVIDER_VERSION}_x5`,
    ],
    ["packed (terraform providers mirror)", `terraform-provider-aws_${AWS_PROVIDER_VERSION}_linux_amd64.zip`],
  ])("a %s provider mirror is recognised", (_, file) => {
    const root = tempDir("mirror-");
    const path = join(root, "registry.terraform.io", "hashicorp", "aws", file);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "");
    expect(hasAwsProvider(root)).toBe(true);
  });

  test("a mirror without this provider version is not", () => {
    const root = tempDir("mirror-");
    mkdirSync(join(root, "registry.terraform.io", "hashicorp", "aws", "5.0.0"), { recursive: true });
    expect(hasAwsProvider(root)).toBe(false);
    expect(hasAwsProvider(join(root, "missing"))).toBe(false);
  });

  test("a plan through one shared provider process is refused when its provider configurations differ", () => {
    // As `terraform show -json` lists them: by address, alias after the dot, with their settings.
    const offline = { access_key: { constant_value: "mock" }, skip_region_validation: { constant_value: true } };
    const plan = (configurations: Record<string, object>) => ({
      configuration: {
        provider_config: Object.fromEntries(
          Object.entries(configurations).map(([address, expressions]) => [address, { name: "aws", expressions }]),
        ),
      },
    });
    expect(() => assertSharableProviderConfigurations(plan({ aws: offline }), "/ws")).not.toThrow();
    // Example roots called as modules, each with `provider "aws" {}` and the same offline override.
    expect(() =>
      assertSharableProviderConfigurations(plan({ aws: offline, "module.a:aws": offline, "module.b:aws": offline }), "/ws"),
    ).not.toThrow();
    const refused = "but one provider process: create its Workspace with attachProvider: false.";
    const west = { ...offline, region: { constant_value: "us-west-2" } };
    expect(() => assertSharableProviderConfigurations(plan({ aws: offline, "aws.west": west }), "/ws")).toThrow(
      `The plan in /ws has 2 different provider configurations (aws, aws.west) ${refused}`,
    );
    // Settings read from variables may differ per module, though written alike.
    const fromVariable = { ...offline, region: { references: ["var.region"] } };
    expect(() => assertSharableProviderConfigurations(plan({ "module.a:aws": fromVariable, "module.b:aws": fromVariable }), "/ws")).toThrow(
      `has 2 different provider configurations (module.a:aws, module.b:aws) ${refused}`,
    );
  });
});
