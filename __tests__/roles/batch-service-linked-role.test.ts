import { TerraformVariable, Testing } from "cdktf";
import { BatchServiceLinkedRole } from "../../src/roles/batch-service-linked-role";
import { BatchServiceRole } from "../../src/roles/batch-service-role";
import { permissionsReport } from "../../src/report/permissions-report";
import { BatchSetup } from "../../src/setups/batch-setup";
import { BatchStack } from "../../src/stacks/batch-stack";
import { messagesOf, resource, resources, synth } from "../helpers/synth";

describe("BatchServiceLinkedRole", () => {
  test("is AWS's AWSServiceRoleForBatch, asked of IAM for batch.amazonaws.com, with a description and tags of one's own", () => {
    let role!: BatchServiceLinkedRole;
    const { tf, json } = synth((s) => (role = new BatchServiceLinkedRole(s, "Role", { description: "Batch", tags: { team: "hpc" } })));
    expect(resource(tf, "aws_iam_service_linked_role", "role")).toEqual({
      aws_service_name: "batch.amazonaws.com",
      description: "Batch",
      tags: { team: "hpc" },
    });
    expect(resources(tf, "aws_iam_role")).toEqual({});
    expect(json).not.toContain('"arn:aws:');
    expect(role.roleArn).toContain("TOKEN");
  });

  test("create: false creates nothing; a token makes it conditional", () => {
    expect(resources(synth((s) => new BatchServiceLinkedRole(s, "Role", { create: false })).tf, "aws_iam_service_linked_role")).toEqual({});
    const { tf } = synth((s) => {
      const on = new TerraformVariable(s, "on", { type: "bool" });
      new BatchServiceLinkedRole(s, "Role", { create: on.booleanValue });
    });
    expect(resource(tf, "aws_iam_service_linked_role", "role").count).toBe("${var.on ? 1 : 0}");
  });

  test("refuses bad input naming it", () => {
    expect(messagesOf((s) => new BatchServiceLinkedRole(s, "Role", { description: "x".repeat(1001) }))).toEqual([
      expect.stringMatching(
        /^BatchServiceLinkedRole 'test\/Role': 'description' is "x+"… \(1001 characters\); must be at most 1000 characters/,
      ),
    ]);
  });
});

describe("BatchServiceRole with serviceLinked", () => {
  test("is the service-linked role in place of AWSBatchServiceRole: no custom role, no attachment, its ARN the service-linked role's", () => {
    let role!: BatchServiceRole;
    const { tf } = synth((s) => (role = new BatchServiceRole(s, "Role", { serviceLinked: true, tags: { team: "hpc" } })));
    expect(role.roleArn).toBe(role.serviceLinkedRole!.roleArn);
    expect(resources(tf, "aws_iam_role")).toEqual({});
    expect(resources(tf, "aws_iam_role_policy_attachment")).toEqual({});
    expect(resource(tf, "aws_iam_service_linked_role", "role_service_linked")).toEqual({
      aws_service_name: "batch.amazonaws.com",
      tags: { team: "hpc" },
    });
  });

  test("refuses every setting of the custom role beside it, one line each", () => {
    const messages = messagesOf(
      (s) =>
        new BatchServiceRole(s, "Role", {
          serviceLinked: true,
          roleName: "MyBatchRole",
          path: "/batch/",
          sourceAccountId: "123456789012",
          maxSessionDuration: 7200,
        }),
    );
    expect(messages).toEqual(
      ["roleName", "path", "sourceAccountId", "maxSessionDuration"].map((key) =>
        expect.stringMatching(
          new RegExp(
            `^BatchServiceRole 'test/Role': '${key}' is .*; must be left unset when 'serviceLinked' is true: AWS names, places and trusts a service-linked role$`,
          ),
        ),
      ),
    );
    expect(messages).toHaveLength(4);
  });

  test("a token chooses at plan: the custom role or the service-linked one, each by count, and the ARN by a conditional", () => {
    let role!: BatchServiceRole;
    const { tf } = synth((s) => {
      const linked = new TerraformVariable(s, "linked", { type: "bool" });
      role = new BatchServiceRole(s, "Role", { serviceLinked: linked.booleanValue });
      new TerraformVariable(s, "unused", { type: "string", default: role.roleArn });
    });
    expect(resource(tf, "aws_iam_role", "role").count).toBe("${!var.linked ? 1 : 0}");
    expect(resource(tf, "aws_iam_service_linked_role", "role_service_linked").count).toBe("${var.linked ? 1 : 0}");
    expect(tf.variable.unused.default).toMatch(/^\$\{var\.linked \? one\(aws_iam_service_linked_role\.role_service_linked\[\*\]\.arn\) : /);
  });
});

describe("BatchSetup with the service-linked role", () => {
  test("the setup's tags apply to it; its path, permissions boundary and source account do not, and are not refused", () => {
    const boundary = "arn:aws:iam::123456789012:policy/Boundary";
    const messages = messagesOf(
      (s) =>
        new BatchSetup(s, "Batch", {
          path: "/batch/",
          permissionsBoundary: boundary,
          sourceAccountId: "123456789012",
          tags: { team: "hpc" },
          serviceRole: { serviceLinked: true },
        }),
    );
    expect(messages).toEqual([]);
    const { tf } = synth(
      (s) => new BatchSetup(s, "Batch", { path: "/batch/", tags: { team: "hpc" }, serviceRole: { serviceLinked: true } }),
    );
    expect(resource(tf, "aws_iam_service_linked_role", "batch_service_role_service_linked")).toEqual({
      aws_service_name: "batch.amazonaws.com",
      tags: { team: "hpc" },
    });
    expect(Object.keys(resources(tf, "aws_iam_role")).sort()).toEqual(["batch_execution_role", "batch_instance_role"]);
  });

  test("the batch stack's service_role_arn is the service-linked role's, and its permissions report says what AWS lets it do", () => {
    const stack = new BatchStack(Testing.app(), "batch", { serviceRole: { serviceLinked: true } });
    const tf = JSON.parse(Testing.synth(stack));
    expect(tf.output.service_role_arn.value).toBe("${aws_iam_service_linked_role.service_role_service_linked.arn}");
    const report = permissionsReport("batch", stack);
    expect(report).toContain("## BatchServiceLinkedRole `aws_iam_service_linked_role.service_role_service_linked`");
    expect(report).toContain("`aws-service-role/BatchServiceRolePolicy`");
    expect(report).not.toContain("aws_iam_role.service_role`");
  });
});
