import { EcsFargateSetup } from "../../src/setups/ecs-fargate-setup";
import { ECS_TASKS_TRUST } from "../helpers/seeds";
import { findingsOf, policy, resource, resources, synth } from "../helpers/synth";

describe("EcsFargateSetup", () => {
  test("defaults: ecsTaskExecutionRole with the managed policy only", () => {
    const { tf } = synth((s) => new EcsFargateSetup(s, "Ecs"));
    const role = resource(tf, "aws_iam_role", "ecs_execution_role");
    expect(role.name).toBe("ecsTaskExecutionRole");
    expect(policy(role.assume_role_policy)).toEqual(ECS_TASKS_TRUST);
    expect(Object.keys(resources(tf, "aws_iam_role_policy_attachment"))).toEqual(["ecs_execution_role_aws_managed_policy"]);
  });

  test("shared settings reach the role and its optional policies", () => {
    const { tf } = synth(
      (s) =>
        new EcsFargateSetup(s, "Ecs", {
          path: "/ecs/",
          tags: { team: "web" },
          sourceAccountId: "123456789012",
          executionRole: {
            policyStyle: "managed",
            secrets: { ssmParameterArns: ["arn:aws:ssm:us-east-1:123456789012:parameter/app/key"] },
          },
        }),
    );
    const role = resource(tf, "aws_iam_role", "ecs_execution_role");
    expect(role).toMatchObject({ path: "/ecs/", tags: { team: "web" } });
    expect(policy(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
    expect(resource(tf, "aws_iam_policy", "ecs_execution_role_customer_managed_secrets_policy")).toMatchObject({
      path: "/ecs/",
      tags: { team: "web" },
    });
  });

  test("refuses a bad shared account id with the role's path in the message", () => {
    expect(findingsOf((s) => new EcsFargateSetup(s, "Ecs", { sourceAccountId: "1234" }))).toEqual([
      `[IN7] EcsFargateSetup 'test/Ecs': 'sourceAccountId' is "1234"; must be a 12-digit AWS account id`,
    ]);
  });
});
