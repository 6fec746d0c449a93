import { TerraformOutput, Testing } from "cdktf";
import { Construct } from "constructs";
import { ReadableStack, snakeCase } from "../../src/stacks/readable-stack";
import { errorOf } from "../helpers/synth";

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
    const stack = new ReadableStack(Testing.app(), "test");
    new TerraformOutput(new Construct(stack, "A"), "B", { value: 1 });
    new TerraformOutput(stack, "a_b", { value: 2 });
    expect(errorOf(() => Testing.synth(stack))).toBe("Constructs 'test/A/B' and 'test/a_b' would both be addressed as 'a_b'");
  });
});
