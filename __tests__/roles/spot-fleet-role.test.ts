import { BatchSetup } from "../../src/setups/batch-setup";
import { BatchStack } from "../../src/stacks/batch-stack";
import { SpotFleetRole } from "../../src/roles/spot-fleet-role";
import { Testing } from "cdktf";
import { arnOfManaged, MANAGED_POLICIES, SPOT_FLEET_TRUST } from "../helpers/seeds";
import { messagesOf, policy, resource, resources, synth } from "../helpers/synth";

describe("SpotFleetRole", () => {
  test("defaults follow the AWS Batch guide: AmazonEC2SpotFleetTaggingRole, trusted by spotfleet, with its tagging managed policy", () => {
    const { tf, json } = synth((s) => new SpotFleetRole(s, "Role"));
    const role = resource(tf, "aws_iam_role", "role");
    expect(role.name).toBe("AmazonEC2SpotFleetTaggingRole");
    expect(policy(role.assume_role_policy)).toEqual(SPOT_FLEET_TRUST);
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_aws_managed_policy")).toEqual({
      role: "${aws_iam_role.role.name}",
      policy_arn: arnOfManaged(MANAGED_POLICIES.spotFleet),
    });
    expect(json).not.toContain('"arn:aws:');
  });

  test("refuses bad input naming it", () => {
    expect(messagesOf((s) => new SpotFleetRole(s, "Role", { roleName: "a b" }))).toEqual([
      expect.stringMatching(/^SpotFleetRole 'test\/Role': 'roleName' is "a b"; must be /),
    ]);
  });
});

describe("BatchSetup's Spot Fleet role", () => {
  test("is created only when given; the setup's shared settings apply, but no confused-deputy key (the guide's trust has none)", () => {
    const without = synth((s) => new BatchSetup(s, "Batch"));
    expect(Object.keys(resources(without.tf, "aws_iam_role"))).not.toContain("batch_spot_fleet_role");
    const { tf } = synth((s) => new BatchSetup(s, "Batch", { path: "/batch/", sourceAccountId: "123456789012", spotFleetRole: {} }));
    const role = resource(tf, "aws_iam_role", "batch_spot_fleet_role");
    expect(role).toMatchObject({ name: "AmazonEC2SpotFleetTaggingRole", path: "/batch/" });
    expect(policy(role.assume_role_policy)).toEqual(SPOT_FLEET_TRUST);
  });

  test("the batch stack declares its outputs only when it has the role: without it, the stack is as before", () => {
    const outputs = (props: object) => Object.keys(JSON.parse(Testing.synth(new BatchStack(Testing.app(), "batch", props))).output ?? {});
    expect(outputs({})).not.toContain("spot_fleet_role_arn");
    expect(outputs({ spotFleetRole: { roleName: "batch-spot-fleet" } })).toEqual(
      expect.arrayContaining(["spot_fleet_role_arn", "spot_fleet_role_name"]),
    );
  });
});
