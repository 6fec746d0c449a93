import { claimsOf, reportedRoles } from "../../src/report/claims";
import { permissionsReport } from "../../src/report/permissions-report";
import { policyChecksTable } from "../../src/report/checks-table";
import { POLICY_CHECKS } from "../../src/checks";
import { EcsFargateStack } from "../../src/stacks/ecs-fargate-stack";
import { BatchStack } from "../../src/stacks/batch-stack";
import { testApp } from "../helpers/synth";

const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";
const VPCE = "vpce-0123456789abcdef0";

describe("permissions report", () => {
  const stack = new EcsFargateStack(testApp(), "ecs-fargate", {
    sourceAccountId: "111122223333",
    executionRole: { secrets: { secretArns: [SECRET] }, ecrPullRestriction: { vpcEndpointIds: [VPCE] } },
  });

  test("lists each role with its Terraform address", () => {
    expect(reportedRoles(stack).map((r) => r.address)).toEqual(["aws_iam_role.execution_role"]);
  });

  test("an existing role is reported as one; a role switched off is not, nor the custom Batch service role when the service-linked one replaces it", () => {
    const batch = new BatchStack(testApp(), "batch", {
      serviceRole: { serviceLinked: true },
      executionRole: { existingRoleArn: "arn:aws:iam::111122223333:role/ecsTaskExecutionRole" },
    });
    expect(reportedRoles(batch).map((r) => r.address)).toEqual([
      "aws_iam_service_linked_role.service_role_service_linked",
      "aws_iam_role.instance_role",
      "(an existing role)",
    ]);
    const off = new BatchStack(testApp(), "batch", { instanceRole: { create: false }, spotFleetRole: { create: false } });
    expect(reportedRoles(off).map((r) => r.address)).toEqual(["aws_iam_role.service_role", "aws_iam_role.execution_role"]);
  });

  test("shows the trust with its conditions, the own statements, and no managed policy when it is replaced", () => {
    const report = permissionsReport("ecs-fargate", stack);
    expect(report).toContain('"aws:SourceAccount": "111122223333"');
    expect(report).toContain(`"${SECRET}"`);
    expect(report).toContain("### AWS managed policies\n\nNone.");
    expect(report).toContain("`EcrPullThroughVpc` (always)");
  });

  test("says in plain words what the role can and cannot do", () => {
    const texts = claimsOf(reportedRoles(stack)[0].model).map((c) => `${c.can ? "+" : "-"} ${c.text}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\+ Can be assumed by `ecs-tasks.amazonaws.com` only StringEquals aws:SourceAccount = `111122223333`/),
        "- Cannot be assumed by any other principal, service or account.",
        `+ Can \`secretsmanager:GetSecretValue\` on \`${SECRET}\`, \`${SECRET}-??????\` (policy EcsSecrets, always).`,
        expect.stringMatching(
          /^\+ Secret ARNs that end in "-" and 6 letters or digits \(`arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf`\) are granted as given and with `-\?{6}`/,
        ),
        "- Cannot secretsmanager:GetSecretValue on any secret not listed above.",
        "- Cannot ssm:GetParameters on any parameter.",
        "- Cannot pass any role to any service (iam:PassRole).",
        expect.stringMatching(/^- Cannot pull ECR images .* from outside the VPCs or endpoints above/),
      ]),
    );
  });

  test("the Batch service role may pass roles only as AWSBatchServiceRole allows", () => {
    const batch = new BatchStack(testApp(), "batch");
    const service = reportedRoles(batch).find((r) => r.address === "aws_iam_role.service_role")!;
    const texts = service.claims.map((c) => c.text);
    expect(texts.some((t) => t.startsWith("Can `iam:PassRole` on `*` only StringEquals iam:PassedToService = `ec2.amazonaws.com`"))).toBe(
      true,
    );
    expect(texts).not.toContain("Cannot pass any role to any service (iam:PassRole).");
  });

  test("the checks table lists every check", () => {
    const table = policyChecksTable();
    for (const c of POLICY_CHECKS) expect(table).toContain(`| ${c.id} | ${c.name} |`);
  });
});
