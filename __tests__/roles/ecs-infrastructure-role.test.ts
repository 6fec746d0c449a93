import { Testing } from "cdktf";
import { EcsInfrastructureRole } from "../../src/roles/ecs-infrastructure-role";
import { EcsFargateSetup } from "../../src/setups/ecs-fargate-setup";
import { EcsFargateStack } from "../../src/stacks/ecs-fargate-stack";
import { arnOfManaged, ECS_INFRASTRUCTURE_TRUST, MANAGED_POLICIES } from "../helpers/seeds";
import { messagesOf, policy, resource, resources, synth } from "../helpers/synth";

describe("EcsInfrastructureRole", () => {
  test("defaults follow the Amazon ECS guide: ecsInfrastructureRole, trusted by ecs with the guide's Sid, with the volumes managed policy", () => {
    const { tf, json } = synth((s) => new EcsInfrastructureRole(s, "Role"));
    const role = resource(tf, "aws_iam_role", "role");
    expect(role.name).toBe("ecsInfrastructureRole");
    expect(policy(role.assume_role_policy)).toEqual(ECS_INFRASTRUCTURE_TRUST);
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_aws_managed_policy")).toEqual({
      role: "${aws_iam_role.role.name}",
      policy_arn: arnOfManaged(MANAGED_POLICIES.ecsInfrastructure),
    });
    expect(json).not.toContain('"arn:aws:');
  });

  test("refuses bad input naming it", () => {
    expect(messagesOf((s) => new EcsInfrastructureRole(s, "Role", { maxSessionDuration: 60 }))).toEqual([
      expect.stringMatching(/^EcsInfrastructureRole 'test\/Role': 'maxSessionDuration' is 60; must be /),
    ]);
  });
});

describe("EcsFargateSetup's infrastructure role", () => {
  test("is created only when given; shared settings apply, no confused-deputy key (the guide's trust has none)", () => {
    const without = synth((s) => new EcsFargateSetup(s, "Web"));
    expect(Object.keys(resources(without.tf, "aws_iam_role"))).toEqual(["web_execution_role"]);
    const { tf } = synth(
      (s) => new EcsFargateSetup(s, "Web", { tags: { team: "web" }, sourceAccountId: "123456789012", infrastructureRole: {} }),
    );
    const role = resource(tf, "aws_iam_role", "web_infrastructure_role");
    expect(role).toMatchObject({ name: "ecsInfrastructureRole", tags: { team: "web" } });
    expect(policy(role.assume_role_policy)).toEqual(ECS_INFRASTRUCTURE_TRUST);
  });

  test("the ecs-fargate stack declares its outputs only when it has the role", () => {
    const outputs = (props: object) =>
      Object.keys(JSON.parse(Testing.synth(new EcsFargateStack(Testing.app(), "ecs-fargate", props))).output ?? {});
    expect(outputs({})).toEqual(["execution_role_arn", "execution_role_name"]);
    expect(outputs({ infrastructureRole: {} })).toEqual([
      "execution_role_arn",
      "execution_role_name",
      "infrastructure_role_arn",
      "infrastructure_role_name",
    ]);
  });
});
