import { TerraformVariable } from "cdktf";
import { BatchServiceRole } from "../../src/roles/batch-service-role";
import { arnOfManaged, BATCH_TRUST, MANAGED_POLICIES, PARTITION } from "../helpers/seeds";
import { messagesOf, policy, resource, synth } from "../helpers/synth";

describe("BatchServiceRole", () => {
  test("defaults reproduce seed 004: AWSBatchServiceRole, trusted by batch, with its managed policy", () => {
    let role!: BatchServiceRole;
    const { tf } = synth((s) => (role = new BatchServiceRole(s, "Role")));
    const iamRole = resource(tf, "aws_iam_role", "role");
    expect(iamRole.name).toBe("AWSBatchServiceRole");
    expect(policy(iamRole.assume_role_policy)).toEqual(BATCH_TRUST);
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_aws_managed_policy")).toEqual({
      role: "${aws_iam_role.role.name}",
      policy_arn: arnOfManaged(MANAGED_POLICIES.batchService),
    });
    expect(role.roleArn).toContain("TOKEN");
  });

  test("the managed policy ARN follows the partition, never a literal arn:aws:", () => {
    const { json } = synth((s) => new BatchServiceRole(s, "Role"));
    expect(json).not.toContain('"arn:aws:');
    expect(json).toContain(`arn:${PARTITION}:iam::aws:policy/service-role/AWSBatchServiceRole`);
  });

  test("sourceAccountId adds aws:SourceAccount to the same trust statement", () => {
    const { tf } = synth((s) => new BatchServiceRole(s, "Role", { sourceAccountId: "123456789012" }));
    expect(policy(resource(tf, "aws_iam_role", "role").assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "batch.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ],
    });
  });

  test("a sourceAccountId token chooses the guarded trust at plan, when it is not null", () => {
    const { tf } = synth((s) => {
      const account = new TerraformVariable(s, "account", { type: "string" });
      new BatchServiceRole(s, "Role", { sourceAccountId: account.stringValue });
    });
    const trust: string = resource(tf, "aws_iam_role", "role").assume_role_policy;
    expect(trust).toMatch(/^\$\{\(var\.account != null\) \? jsonencode\(/);
    expect(trust).toContain('"aws:SourceAccount" = var.account');
  });

  test.each([
    ["12345678901", `'sourceAccountId' is "12345678901"; must be a 12-digit AWS account id`],
    ["", `'sourceAccountId' is ""; must be a 12-digit AWS account id`],
  ])("refuses sourceAccountId %j", (sourceAccountId, message) => {
    expect(messagesOf((s) => new BatchServiceRole(s, "Role", { sourceAccountId }))).toEqual([`BatchServiceRole 'test/Role': ${message}`]);
  });

  test("refuses sourceAccountId with an existing role", () => {
    const props = { existingRoleArn: "arn:aws:iam::123456789012:role/r", sourceAccountId: "123456789012" };
    expect(messagesOf((s) => new BatchServiceRole(s, "Role", props))).toEqual([
      `BatchServiceRole 'test/Role': 'sourceAccountId' is "123456789012"; must be left unset when 'existingRoleArn' is given`,
    ]);
  });
});
