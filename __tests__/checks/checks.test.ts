import { Construct } from "constructs";
import { checkRole, POLICY_CHECKS } from "../../src/checks";
import { OptionalStatement, Statement } from "../../src/policies/policy-document";
import { RoleBase } from "../../src/roles/role-base";
import { RoleModel } from "../../src/checks/role-model";
import { ROLE_INPUTS } from "../../src/roles/role-props";
import { TaskExecutionRole } from "../../src/roles/task-execution-role";
import { errorOf, synth } from "../helpers/synth";

const allow = (action: string | string[], resource: string | string[], extra: Partial<Statement> = {}): Statement => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
  ...extra,
});
const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";
const VPCE_CONDITION = { StringEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] } };

/** A task execution role's model, with the given own statements and managed policies. */
function model(statements: Statement[], overrides: Partial<RoleModel> = {}): RoleModel {
  return {
    owner: "TaskExecutionRole 'test/Role'",
    service: "ecs-tasks",
    principal: "ecs-tasks.amazonaws.com",
    created: true,
    trust: [{ statement: { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }, when: true }],
    managedPolicies: [],
    policies: [{ name: "Test", when: true, statements: statements.map((statement) => ({ statement, when: true })) }],
    ...overrides,
  };
}

const findings = (id: string, m: RoleModel) => POLICY_CHECKS.find((c) => c.id === id)!.check(m);

describe("policy checks", () => {
  test("every check has an id, a one-line info and an explanation", () => {
    expect(new Set(POLICY_CHECKS.map((c) => c.id)).size).toBe(POLICY_CHECKS.length);
    for (const c of POLICY_CHECKS) {
      expect(c.info).toMatch(/^[A-Z].*\.$/);
      expect(c.info).not.toContain("\n");
      expect(c.explanation.length).toBeGreaterThan(60);
    }
  });

  // Each check: a compliant model (no finding) and a non-compliant one (exactly this finding).
  test.each([
    [
      "REF1",
      model([allow("secretsmanager:GetSecretValue", [SECRET])]),
      model([allow("secretsmanager:GetSecretValues", [SECRET], { Sid: "Read" })]),
      "policy 'Test' statement 'Read': action 'secretsmanager:GetSecretValues' is not in the IAM service reference",
    ],
    [
      "REF2",
      model([
        allow("kms:Decrypt", ["arn:aws:kms:us-east-1:111122223333:key/k"], {
          Condition: { StringEquals: { "kms:EncryptionContext:app": "web" } },
        }),
      ]),
      model([allow("secretsmanager:GetSecretValue", [SECRET], { Condition: { StringEquals: { "ec2:CreateAction": "RunInstances" } } })]),
      "policy 'Test' statement #1: condition key 'ec2:CreateAction' is not supported by action 'secretsmanager:GetSecretValue'",
    ],
    [
      "IAM1",
      model([allow("ssm:GetParameters", ["arn:aws:ssm:us-east-1:111122223333:parameter/a"])]),
      model([allow("ssm:Get*", ["arn:aws:ssm:us-east-1:111122223333:parameter/a"])]),
      "policy 'Test' statement #1: action 'ssm:Get*' is a wildcard",
    ],
    [
      "IAM2",
      model([allow("ecr:GetAuthorizationToken", "*"), allow("ecr:BatchGetImage", "*", { Condition: VPCE_CONDITION })]),
      model([allow("ecr:BatchGetImage", "*")]),
      "policy 'Test' statement #1: action 'ecr:BatchGetImage' supports resource-level permissions but is granted on \"*\"",
    ],
    [
      "IAM3",
      model([], { managedPolicies: [{ name: "service-role/AmazonECSTaskExecutionRolePolicy", when: true }] }),
      model([], { managedPolicies: [{ name: "service-role/AWSBatchServiceRole", when: true }] }),
      "managed policy 'service-role/AWSBatchServiceRole' is not on the allow-list for a role trusted by ecs-tasks",
    ],
    [
      "IAM4",
      model([]),
      model([], {
        trust: [{ statement: { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }, when: true }],
      }),
      'trust policy statement #1: principal is {"Service":"lambda.amazonaws.com"}, not the ecs-tasks service',
    ],
    [
      "IAM5",
      model([allow("ecr:BatchGetImage", "*", { Condition: VPCE_CONDITION })]),
      model([allow("ecr:BatchGetImage", "*", { Condition: VPCE_CONDITION })], {
        managedPolicies: [{ name: "service-role/AmazonECSTaskExecutionRolePolicy", when: true }],
      }),
      "managed policy 'service-role/AmazonECSTaskExecutionRolePolicy' statement #1: allows 'ecr:BatchGetImage' without the VPC or endpoint condition",
    ],
    [
      "IAM6",
      model([allow("secretsmanager:GetSecretValue", [SECRET])]),
      model([allow("iam:PassRole", "arn:aws:iam::111122223333:role/x")]),
      "policy 'Test' statement #1: action 'iam:PassRole' grants iam:PassRole",
    ],
  ] as [string, RoleModel, RoleModel, string][])("%s: compliant and non-compliant", (id, compliant, broken, finding) => {
    expect(findings(id, compliant)).toEqual([]);
    expect(findings(id, broken)).toEqual([finding]);
  });

  test("a managed policy that AWS does not publish under that path fails IAM3", () => {
    const m = model([], { managedPolicies: [{ name: "AmazonECSTaskExecutionRolePolicy" as never, when: true }] });
    expect(findings("IAM3", m)).toContain(
      "managed policy 'AmazonECSTaskExecutionRolePolicy' is not published by AWS under that path and name",
    );
  });

  test("IAM5 leaves out a statement marked present only while pulls are unrestricted (decided at plan), and no other", () => {
    const m = model([]);
    const cached = "arn:aws:ecr:us-east-1:111122223333:repository/docker-hub/*";
    const withStatements = (unrestricted: OptionalStatement): RoleModel => ({
      ...m,
      policies: [
        {
          name: "PullThroughCache",
          when: true,
          statements: [
            unrestricted,
            { statement: allow("ecr:BatchImportUpstreamImage", [cached], { Condition: VPCE_CONDITION }), when: true },
          ],
        },
      ],
    });
    const open = allow("ecr:BatchImportUpstreamImage", [cached]);
    expect(findings("IAM5", withStatements({ statement: open, when: true, onlyWhenUnrestricted: true }))).toEqual([]);
    expect(findings("IAM5", withStatements({ statement: open, when: true }))).toEqual([
      "policy 'PullThroughCache' statement #1: allows 'ecr:BatchImportUpstreamImage' without the VPC or endpoint condition",
    ]);
  });

  test("a statement switched off for good is not checked", () => {
    const m = model([]);
    const off: RoleModel = { ...m, policies: [{ name: "Off", when: false, statements: [{ statement: allow("ssm:*", "*"), when: true }] }] };
    expect(checkRole(off)).toEqual([]);
  });

  test("the roles this project builds pass every check, in every configuration", () => {
    const vpce = ["vpce-0123456789abcdef0"];
    expect(() =>
      synth((s) => {
        new TaskExecutionRole(s, "A", { roleName: "a", ecrPullRestriction: { vpcIds: ["vpc-0123456789abcdef0"], vpcEndpointIds: vpce } });
        new TaskExecutionRole(s, "B", {
          roleName: "b",
          secrets: { secretArns: [SECRET], kmsKeyArns: ["arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"] },
          sourceAccountId: "111122223333",
        });
        new TaskExecutionRole(s, "C", { roleName: "c", policyStyle: "managed", ecrPullRestriction: { vpcEndpointIds: vpce } });
      }),
    ).not.toThrow();
  });

  /** A role whose own policy is broken on purpose, to prove that synth refuses it. */
  class BrokenRole extends RoleBase {
    constructor(scope: Construct, id: string, statement: Statement) {
      super(
        scope,
        id,
        {},
        {
          typeName: "BrokenRole",
          defaultRoleName: "broken",
          service: "ecs-tasks",
          managedPolicy: "service-role/AmazonECSTaskExecutionRolePolicy",
          inputs: ROLE_INPUTS,
        },
      );
      this.addPolicy("Policy", "Broken", [{ statement, when: true }], true, "inline");
    }
  }

  test("synth refuses a misspelt action, naming the role, the statement and the action", () => {
    const message = errorOf(() => synth((s) => new BrokenRole(s, "Role", allow("ecr:BatchGetImages", "*", { Sid: "Pull" }))));
    expect(message).toContain(
      "[REF1] BrokenRole 'test/Role': policy 'Broken' statement 'Pull': action 'ecr:BatchGetImages' is not in the IAM service reference",
    );
  });

  test("synth refuses a condition key the action does not support, naming the key", () => {
    const statement = allow("ecr:GetAuthorizationToken", "*", {
      Sid: "Token",
      Condition: { StringEquals: { "ecr:ResourceTag/team": "a" } },
    });
    expect(errorOf(() => synth((s) => new BrokenRole(s, "Role", statement)))).toContain(
      "[REF2] BrokenRole 'test/Role': policy 'Broken' statement 'Token': condition key 'ecr:ResourceTag/team' is not supported by action 'ecr:GetAuthorizationToken'",
    );
  });

  test("synth refuses an ECR pull restriction undone by the managed policy", () => {
    const statement = allow("ecr:BatchGetImage", "*", { Sid: "Pull", Condition: VPCE_CONDITION });
    expect(errorOf(() => synth((s) => new BrokenRole(s, "Role", statement)))).toContain(
      "[IAM5] BrokenRole 'test/Role': managed policy 'service-role/AmazonECSTaskExecutionRolePolicy' statement #1: allows 'ecr:BatchGetImage' without the VPC or endpoint condition",
    );
  });
});
