import { existsSync, mkdirSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";
import { AWS_PROVIDER_VERSION, copyConfiguration, hasAwsProvider, tempDir } from "./terraform";

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
});
