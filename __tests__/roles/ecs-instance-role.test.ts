import { TerraformVariable } from "cdktf";
import { EcsInstanceRole } from "../../src/roles/ecs-instance-role";
import { arnOfManaged, DNS_SUFFIX, ec2Trust, MANAGED_POLICIES } from "../helpers/seeds";
import { findingsOf, messagesOf, policy, resource, resources, synth } from "../helpers/synth";

describe("EcsInstanceRole", () => {
  test("defaults reproduce seed 003: ecsInstanceRole trusted by EC2, its managed policy, a profile of the same name", () => {
    const { tf } = synth((s) => new EcsInstanceRole(s, "Role"));
    const role = resource(tf, "aws_iam_role", "role");
    expect(role.name).toBe("ecsInstanceRole");
    expect(policy(role.assume_role_policy)).toEqual(ec2Trust(`ec2.${DNS_SUFFIX}`));
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_aws_managed_policy").policy_arn).toBe(
      arnOfManaged(MANAGED_POLICIES.ecsInstance),
    );
    expect(resource(tf, "aws_iam_instance_profile", "role_instance_profile")).toEqual({
      name: "${aws_iam_role.role.name}",
      path: "/",
      role: "${aws_iam_role.role.name}",
      // IAM cannot move a profile: a path is where it was made (or as adopted).
      lifecycle: { ignore_changes: ["path"] },
    });
  });

  test("adopt imports the role and its instance profile by name (the provider's import ids), both keeping their paths", () => {
    const adopted = (props: object) => synth((s) => new EcsInstanceRole(s, "Role", { adopt: true, ...props })).tf;
    expect(adopted({}).import).toEqual([
      { to: "aws_iam_role.role", id: "ecsInstanceRole" },
      { to: "aws_iam_role_policies_exclusive.role_policies_exclusive", id: "ecsInstanceRole" },
      { to: "aws_iam_role_policy_attachments_exclusive.role_policy_attachments_exclusive", id: "ecsInstanceRole" },
      { to: "aws_iam_instance_profile.role_instance_profile", id: "ecsInstanceRole" },
    ]);
    expect(adopted({ instanceProfileName: "batch-instances" }).import[3]).toEqual({
      to: "aws_iam_instance_profile.role_instance_profile",
      id: "batch-instances",
    });
    expect(resource(adopted({}), "aws_iam_instance_profile", "role_instance_profile").lifecycle).toEqual({ ignore_changes: ["path"] });
  });

  test("instanceProfileName names the profile apart from the role", () => {
    const { tf } = synth((s) => new EcsInstanceRole(s, "Role", { instanceProfileName: "batch-instances" }));
    expect(resource(tf, "aws_iam_instance_profile", "role_instance_profile").name).toBe("batch-instances");
  });

  test("the profile shares the role's path and tags", () => {
    const { tf } = synth((s) => new EcsInstanceRole(s, "Role", { path: "/batch/", tags: { team: "hpc" } }));
    expect(resource(tf, "aws_iam_instance_profile", "role_instance_profile")).toMatchObject({
      path: "/batch/",
      tags: { team: "hpc" },
    });
  });

  test("sourceAccountId is not a prop: EC2 trust never gets confused-deputy conditions", () => {
    expect(findingsOf((s) => new EcsInstanceRole(s, "Role", { sourceAccountId: "123456789012" } as never))).toEqual([
      expect.stringMatching(
        /^\[IN21\] EcsInstanceRole 'test\/Role': 'sourceAccountId' is "123456789012"; must be left out: the known keys here are create, /,
      ),
    ]);
    const { tf } = synth((s) => new EcsInstanceRole(s, "Role", {}));
    expect(resource(tf, "aws_iam_role", "role").assume_role_policy).not.toContain("Condition");
  });

  test("existingRoleArn creates only the instance profile, for that role, with the path and tags given", () => {
    let made!: EcsInstanceRole;
    const { tf } = synth(
      (s) =>
        (made = new EcsInstanceRole(s, "Role", {
          existingRoleArn: "arn:aws:iam::123456789012:role/ecsInstanceRole",
          instanceProfileName: "profile",
          path: "/batch/",
          tags: { team: "hpc" },
        })),
    );
    expect(resources(tf, "aws_iam_role")).toEqual({});
    const profile = resource(tf, "aws_iam_instance_profile", "role_instance_profile");
    expect(profile).toMatchObject({ name: "profile", path: "/batch/", role: "ecsInstanceRole", tags: { team: "hpc" } });
    expect(made.instanceProfileArn).toContain("TOKEN");
    // At plan, the role must be one of the account deployed to, in its partition: a profile holds a role by name.
    expect(profile.lifecycle.precondition.map((p: any) => p.error_message)).toEqual([
      "[IN30] EcsInstanceRole 'test/Role': 'existingRoleArn' names the partition \"aws\"; must name the partition the stack is planned in (data.aws_partition).",
      "[IN33] EcsInstanceRole 'test/Role': 'existingRoleArn' must be a role of the account the instance profile is created in.",
    ]);
    expect(profile.lifecycle.precondition[1].condition).toBe(
      '${split(":", "arn:aws:iam::123456789012:role/ecsInstanceRole")[4] == data.aws_caller_identity.caller_identity.account_id}',
    );
  });

  test("create: false creates no profile either", () => {
    const { tf } = synth((s) => new EcsInstanceRole(s, "Role", { create: false }));
    expect(resources(tf, "aws_iam_instance_profile")).toEqual({});
  });

  test("a create token makes the profile conditional too", () => {
    const { tf } = synth((s) => {
      const create = new TerraformVariable(s, "create", { type: "bool" });
      new EcsInstanceRole(s, "Role", { create: create.booleanValue });
    });
    expect(resource(tf, "aws_iam_instance_profile", "role_instance_profile")).toMatchObject({
      count: "${var.create ? 1 : 0}",
      role: "${one(aws_iam_role.role[*].name)}",
    });
  });

  test.each([
    [
      "a".repeat(129),
      `'instanceProfileName' is "${"a".repeat(129)}" (129 characters); must be 1 to 128 characters, each a letter, digit or one of _+=,.@-`,
    ],
    ["bad/name", `'instanceProfileName' is "bad/name"; must be 1 to 128 characters, each a letter, digit or one of _+=,.@-`],
    ["", `'instanceProfileName' is ""; must be 1 to 128 characters, each a letter, digit or one of _+=,.@-`],
  ])("refuses instanceProfileName %#", (instanceProfileName, message) => {
    expect(messagesOf((s) => new EcsInstanceRole(s, "Role", { instanceProfileName }))).toEqual([`EcsInstanceRole 'test/Role': ${message}`]);
  });
});
