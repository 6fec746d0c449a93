import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { readFileSync } from "fs";
import { join } from "path";
import { ReadableStack } from "../../src/stacks/readable-stack";
import { snakeCase } from "../../src/private/names";
import { TaskExecutionRole } from "../../src/roles/task-execution-role";
import { errorOf, testApp } from "../helpers/synth";

describe("ReadableStack", () => {
  test.each([
    ["EcrPullPolicy", "ecr_pull_policy"],
    ["ManagedSecretsPolicyAttachment", "managed_secrets_policy_attachment"],
    ["service_role_arn", "service_role_arn"],
    ["IAMRole", "iam_role"],
    ["ecs-fargate", "ecs_fargate"],
  ])("%s is addressed as %s", (id, expected) => {
    expect(snakeCase(id)).toBe(expected);
  });

  test("two constructs that would share an address are refused", () => {
    const stack = new ReadableStack(testApp(), "test");
    new TerraformOutput(new Construct(stack, "A"), "B", { value: 1 });
    new TerraformOutput(stack, "a_b", { value: 2 });
    expect(errorOf(() => Testing.synth(stack))).toBe("Constructs 'test/A/B' and 'test/a_b' would both be addressed as 'a_b'");
  });

  test("a renamed construct of this library gets a moved block from its former address", () => {
    const stack = new ReadableStack(testApp(), "test");
    new AwsProvider(stack, "aws");
    new TaskExecutionRole(stack, "Role", {
      policyStyle: "managed",
      secrets: { secretArns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"] },
    });
    expect(JSON.parse(Testing.synth(stack)).moved).toEqual([
      { from: "aws_iam_role_policy_attachment.role_managed_policy", to: "aws_iam_role_policy_attachment.role_aws_managed_policy" },
      { from: "aws_iam_policy.role_managed_secrets_policy", to: "aws_iam_policy.role_customer_managed_secrets_policy" },
      {
        from: "aws_iam_role_policy_attachment.role_managed_secrets_policy_attachment",
        to: "aws_iam_role_policy_attachment.role_customer_managed_secrets_policy_attachment",
      },
    ]);
    // Synthesizing again adds nothing.
    expect(JSON.parse(Testing.synth(stack)).moved).toHaveLength(3);
  });

  test("a plain TerraformStack keeps cdktf's addresses and gets no moved blocks", () => {
    const stack = new TerraformStack(testApp(), "test");
    new AwsProvider(stack, "aws");
    new TaskExecutionRole(stack, "Role");
    const tf = JSON.parse(Testing.synth(stack));
    expect(tf.moved).toBeUndefined();
    expect(Object.keys(tf.resource.aws_iam_role)[0]).toMatch(/^Role_[0-9A-F]{8}$/);
  });

  test("cdktf prepares, resolves and writes it as any stack: outputs, backend, variables, references, moved blocks", () => {
    const stack = new ReadableStack(testApp(), "test");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new AwsProvider(stack, "west", { alias: "west", region: "us-west-2", ignoreTags: [{ keys: ["owner"] }] });
    new S3Backend(stack, { bucket: "state", key: "iam.tfstate", region: "eu-west-1" });
    const boundary = new TerraformVariable(stack, "boundary", { type: "string" });
    const role = new TaskExecutionRole(new Construct(stack, "Web"), "Role", {
      permissionsBoundary: boundary.stringValue,
      policyStyle: "managed",
      secrets: { secretArns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"] },
    });
    new TerraformOutput(stack, "role_arn", { value: role.roleArn });
    const tf = JSON.parse(Testing.synth(stack));
    expect(tf.provider.aws).toHaveLength(2);
    expect(Object.keys(tf.output)).toEqual(["role_arn"]);
    expect(tf.output.role_arn.value).toMatch(/^\$\{element\(concat\(\[aws_iam_role\.web_role\.arn\], /);
    expect(tf.resource.aws_iam_role.web_role.permissions_boundary).toBe("${var.boundary}");
    expect(tf.moved.length).toBeGreaterThan(0);
    expect(stack.toTerraform()["//"].metadata).toMatchObject({ stackName: "test", backend: "s3" });
  });

  test("in an app of several stacks, a reference across stacks becomes an output and remote state", () => {
    const app = testApp();
    const jobs = new ReadableStack(app, "jobs");
    new AwsProvider(jobs, "aws");
    const role = new TaskExecutionRole(jobs, "Role", {});
    const web = new ReadableStack(app, "web");
    new AwsProvider(web, "aws");
    new TerraformOutput(web, "arn", { value: role.roleArn });
    app.synth();
    const written = (stack: string) => JSON.parse(readFileSync(join(app.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    expect(Object.keys(written("jobs").output ?? {})).toContain("cross_stack_output_aws_iam_role_role_arn");
    expect(Object.keys(written("web").data.terraform_remote_state)).toHaveLength(1);
  });

  test("a stack's own overrides are resolved", () => {
    const stack = new ReadableStack(testApp(), "test");
    new AwsProvider(stack, "aws");
    const role = new TaskExecutionRole(stack, "Role");
    stack.addOverride("output.name.value", role.roleName);
    expect(JSON.parse(Testing.synth(stack)).output.name.value).toMatch(/^\$\{element\(concat\(\[aws_iam_role\.role\.name\], .*\)\}$/);
  });
});
