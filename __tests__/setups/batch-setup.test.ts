import { BatchSetup } from "../../src/setups/batch-setup";
import { findingsOf, policy, resource, resources, synth } from "../helpers/synth";

describe("BatchSetup", () => {
  test("defaults: the three seed roles, the instance profile and three managed policy attachments", () => {
    const { tf } = synth((s) => new BatchSetup(s, "Batch"));
    expect(Object.keys(resources(tf, "aws_iam_role")).sort()).toEqual([
      "batch_execution_role",
      "batch_instance_role",
      "batch_service_role",
    ]);
    expect(
      Object.values(resources(tf, "aws_iam_role"))
        .map((r) => r.name)
        .sort(),
    ).toEqual(["AWSBatchServiceRole", "batchTaskExecutionRole", "ecsInstanceRole"]);
    expect(Object.keys(resources(tf, "aws_iam_instance_profile"))).toEqual(["batch_instance_role_instance_profile"]);
    expect(Object.keys(resources(tf, "aws_iam_role_policy_attachment"))).toHaveLength(3);
  });

  test("path, permissionsBoundary and tags apply to every role; a role's own tags merge over them", () => {
    const boundary = "arn:aws:iam::123456789012:policy/Boundary";
    const { tf } = synth(
      (s) =>
        new BatchSetup(s, "Batch", {
          path: "/batch/",
          permissionsBoundary: boundary,
          tags: { team: "hpc", env: "dev" },
          serviceRole: { tags: { env: "prod" } },
        }),
    );
    for (const role of Object.values(resources(tf, "aws_iam_role"))) {
      expect(role).toMatchObject({ path: "/batch/", permissions_boundary: boundary });
    }
    expect(resource(tf, "aws_iam_role", "batch_service_role").tags).toEqual({ team: "hpc", env: "prod" });
    expect(resource(tf, "aws_iam_role", "batch_instance_role").tags).toEqual({ team: "hpc", env: "dev" });
    expect(resource(tf, "aws_iam_instance_profile", "batch_instance_role_instance_profile").path).toBe("/batch/");
  });

  test("the execution role is batchTaskExecutionRole unless its props name or bring a role", () => {
    const name = (executionRole: object) =>
      Object.values(resources(synth((s) => new BatchSetup(s, "Batch", { executionRole })).tf, "aws_iam_role")).map(
        (r) => r.name ?? `${r.name_prefix}*`,
      );
    expect(name({})).toContain("batchTaskExecutionRole");
    expect(name({ roleName: "ecsTaskExecutionRole" })).toContain("ecsTaskExecutionRole");
    expect(name({ roleNamePrefix: "jobs-" })).toContain("jobs-*");
    expect(name({ roleNamePrefix: "jobs-" })).not.toContain("batchTaskExecutionRole");
    expect(name({ existingRoleArn: "arn:aws:iam::123456789012:role/shared" }).sort()).toEqual(["AWSBatchServiceRole", "ecsInstanceRole"]);
  });

  test("a role's own path wins over the shared one", () => {
    const { tf } = synth((s) => new BatchSetup(s, "Batch", { path: "/batch/", executionRole: { path: "/jobs/" } }));
    expect(resource(tf, "aws_iam_role", "batch_execution_role").path).toBe("/jobs/");
  });

  test("sourceAccountId guards the batch and ecs-tasks trusts, never the EC2 trust", () => {
    const { tf } = synth((s) => new BatchSetup(s, "Batch", { sourceAccountId: "123456789012" }));
    const trust = (id: string) => policy(resource(tf, "aws_iam_role", id).assume_role_policy).Statement[0];
    expect(trust("batch_service_role").Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
    expect(trust("batch_execution_role").Condition.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
    expect(trust("batch_instance_role").Condition).toBeUndefined();
  });

  test("an existing execution role is used as it is, without the shared settings", () => {
    const arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
    let setup!: BatchSetup;
    const { tf } = synth((s) => (setup = new BatchSetup(s, "Batch", { path: "/batch/", executionRole: { existingRoleArn: arn } })));
    expect(resources(tf, "aws_iam_role").batch_execution_role).toBeUndefined();
    expect(setup.executionRole.roleArn).toBe(arn);
  });

  test("each role can be switched off", () => {
    const { tf } = synth((s) => new BatchSetup(s, "Batch", { serviceRole: { create: false }, instanceRole: { create: false } }));
    expect(Object.keys(resources(tf, "aws_iam_role"))).toEqual(["batch_execution_role"]);
    expect(resources(tf, "aws_iam_instance_profile")).toEqual({});
  });

  test("refusals name the role construct's path", () => {
    expect(findingsOf((s) => new BatchSetup(s, "Batch", { path: "batch" }))).toEqual([
      `[IN4] BatchSetup 'test/Batch': 'path' is "batch"; must be "/" or a path that begins and ends with "/", at most 512 printable ASCII characters without spaces`,
    ]);
  });
});
