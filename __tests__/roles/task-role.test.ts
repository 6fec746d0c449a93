import { TerraformVariable, Testing } from "cdktf";
import { TaskRole } from "../../src/roles/task-role";
import { EcsFargateSetup } from "../../src/setups/ecs-fargate-setup";
import { EcsFargateStack } from "../../src/stacks/ecs-fargate-stack";
import { findingsOf, policy, resource, resources, synth } from "../helpers/synth";

const EXEC_ACTIONS = [
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
];
const BUCKET = "arn:aws:s3:::reports";

describe("TaskRole", () => {
  test("defaults: ecsTaskRole, trusted by ecs-tasks as the Amazon ECS guide prints it, with nothing attached and no policy", () => {
    const { tf, json } = synth((s) => new TaskRole(s, "Role"));
    const role = resource(tf, "aws_iam_role", "role");
    expect(role.name).toBe("ecsTaskRole");
    expect(policy(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    expect(resources(tf, "aws_iam_role_policy_attachment")).toEqual({});
    expect(resources(tf, "aws_iam_role_policy")).toEqual({});
    expect(json).not.toContain('"arn:aws:');
  });

  test("execCommand adds exactly the four ssmmessages actions, on *, in an inline policy EcsExec; the source account guards the trust", () => {
    const { tf } = synth((s) => new TaskRole(s, "Role", { execCommand: true, sourceAccountId: "123456789012" }));
    expect(resource(tf, "aws_iam_role_policy", "role_exec_command_policy")).toMatchObject({
      name: "EcsExec",
      role: "${aws_iam_role.role.name}",
    });
    expect(policy(resource(tf, "aws_iam_role_policy", "role_exec_command_policy").policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: EXEC_ACTIONS, Resource: "*" }],
    });
    expect(policy(resource(tf, "aws_iam_role", "role").assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:${data.aws_partition.partition.partition}:ecs:*:123456789012:*" },
    });
  });

  test("the application's statements become the inline policy TaskPermissions, as IAM writes them: Sid only when given, conditions by operator", () => {
    const { tf } = synth(
      (s) =>
        new TaskRole(s, "Role", {
          statements: [
            { actions: ["s3:GetObject"], resources: [`${BUCKET}/*`] },
            {
              sid: "List",
              actions: ["s3:ListBucket"],
              resources: [BUCKET],
              conditions: [
                { test: "StringLike", variable: "s3:prefix", values: ["daily/*"] },
                { test: "Bool", variable: "aws:SecureTransport", values: ["true"] },
              ],
            },
            {
              effect: "Deny",
              actions: ["s3:*"],
              resources: [BUCKET],
              conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
            },
          ],
        }),
    );
    expect(policy(resource(tf, "aws_iam_role_policy", "role_statements_policy").policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`${BUCKET}/*`] },
        {
          Sid: "List",
          Effect: "Allow",
          Action: ["s3:ListBucket"],
          Resource: [BUCKET],
          Condition: { StringLike: { "s3:prefix": ["daily/*"] }, Bool: { "aws:SecureTransport": ["true"] } },
        },
        { Effect: "Deny", Action: ["s3:*"], Resource: [BUCKET], Condition: { Bool: { "aws:SecureTransport": ["false"] } } },
      ],
    });
    expect(resource(tf, "aws_iam_role_policy", "role_statements_policy").name).toBe("TaskPermissions");
  });

  test("the statements go through the policy checks: wildcards, iam:PassRole, unknown actions, * where ARNs belong, unsupported keys", () => {
    const findings = findingsOf(
      (s) =>
        new TaskRole(s, "Role", {
          statements: [
            { actions: ["s3:Get*"], resources: [BUCKET] },
            { actions: ["iam:PassRole"], resources: ["arn:aws:iam::123456789012:role/worker"] },
            { actions: ["s3:GetObjekt"], resources: [BUCKET] },
            { actions: ["dynamodb:GetItem"], resources: ["*"] },
            {
              actions: ["sqs:SendMessage"],
              resources: ["arn:aws:sqs:us-east-1:123456789012:q"],
              conditions: [{ test: "StringEquals", variable: "s3:prefix", values: ["a"] }],
            },
          ],
        }),
    );
    expect(findings).toEqual([
      "[REF1] TaskRole 'test/Role': policy 'TaskPermissions' statement #3: action 's3:GetObjekt' is not in the IAM service reference. Every action must exist in AWS's IAM service reference.",
      expect.stringMatching(
        /^\[REF2\] TaskRole 'test\/Role': policy 'TaskPermissions' statement #5: condition key 's3:prefix' is not supported by action 'sqs:SendMessage'\./,
      ),
      // The user's own statement: the input, its value, and the switch that would allow it.
      `[IAM1] TaskRole 'test/Role': policy 'TaskPermissions' statement #1: 'statements[0].actions[0]' is "s3:Get*", which is a wildcard: remove it, or set 'allowWildcardActions' to true. Allow statements must name their actions: no '*' or '?', no NotAction (the task role's own statements may, with allowWildcardActions).`,
      expect.stringMatching(
        /^\[IAM2\] TaskRole 'test\/Role': policy 'TaskPermissions' statement #4: action 'dynamodb:GetItem' supports resource-level permissions but is granted on "\*"\./,
      ),
      expect.stringMatching(
        /^\[IAM6\] TaskRole 'test\/Role': policy 'TaskPermissions' statement #2: 'statements\[1\]\.actions\[0\]' is "iam:PassRole", which grants iam:PassRole: remove it, or set 'allowPassRole' to true\./,
      ),
    ]);
  });

  test("the documented switches lift the wildcard and iam:PassRole rules, for Allow statements; a Deny is never refused for them", () => {
    const statements = [
      { actions: ["s3:Get*"], resources: [BUCKET] },
      {
        actions: ["iam:PassRole"],
        resources: ["arn:aws:iam::123456789012:role/worker"],
        conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["ecs-tasks.amazonaws.com"] }],
      },
    ];
    expect(findingsOf((s) => new TaskRole(s, "Role", { statements, allowWildcardActions: true, allowPassRole: true }))).toEqual([]);
    expect(findingsOf((s) => new TaskRole(s, "Role", { statements, allowWildcardActions: true }))).toEqual([
      expect.stringMatching(/^\[IAM6\] .*statement #2: 'statements\[1\]\.actions\[0\]' is "iam:PassRole", which grants iam:PassRole/),
    ]);
    // A wildcard that matches iam:PassRole needs both switches.
    expect(
      findingsOf(
        (s) =>
          new TaskRole(s, "Role", {
            statements: [{ actions: ["iam:Pass*"], resources: ["arn:aws:iam::123456789012:role/worker"] }],
            allowWildcardActions: true,
          }),
      ),
    ).toEqual([expect.stringMatching(/^\[IAM6\] .*is "iam:Pass\*", which grants iam:PassRole: remove it, or set 'allowPassRole' to true/)]);
    expect(findingsOf((s) => new TaskRole(s, "Role", { statements: [{ effect: "Deny", actions: ["iam:*"], resources: ["*"] }] }))).toEqual(
      [],
    );
  });

  test("refuses bad statements naming each input: a missing list, a bad action, Sid or operator, two statements with one Sid, a key twice", () => {
    const findings = findingsOf(
      (s) =>
        new TaskRole(s, "Role", {
          statements: [
            { sid: "Same", actions: ["s3 GetObject"], resources: [BUCKET] },
            { sid: "Same", actions: ["s3:GetObject"] } as never,
            {
              sid: "Not-ok",
              effect: "allow" as never,
              actions: ["s3:PutObject"],
              resources: ["bucket"],
              conditions: [{ test: "Equals", variable: "aws:SourceVpc", values: ["vpc-1"] }],
            },
            {
              actions: ["s3:PutObject"],
              resources: [BUCKET],
              conditions: [
                { test: "StringEquals", variable: "aws:SourceVpc", values: ["vpc-1"] },
                { test: "StringEquals", variable: "aws:sourcevpc", values: ["vpc-2"] },
              ],
            },
          ],
        }),
    );
    expect(findings).toEqual([
      expect.stringMatching(/^\[IN42\] TaskRole 'test\/Role': 'statements\[0\]\.actions\[0\]' is "s3 GetObject"; must be an IAM action/),
      expect.stringMatching(/^\[IN35\] TaskRole 'test\/Role': 'statements\[1\]\.resources' is undefined; must be given: a resource ARN/),
      expect.stringMatching(/^\[IN40\] .*'statements\[2\]\.sid' is "Not-ok"; must be a statement id/),
      expect.stringMatching(/^\[IN41\] .*'statements\[2\]\.effect' is "allow"; must be one of "Allow", "Deny"/),
      expect.stringMatching(/^\[IN43\] .*'statements\[2\]\.resources\[0\]' is "bucket"; must be a resource ARN/),
      expect.stringMatching(/^\[IN44\] .*'statements\[2\]\.conditions\[0\]\.test' is "Equals"; must be an IAM condition operator/),
      expect.stringMatching(/^\[IN22\] .*'statements\[1\]\.sid' is "Same"; must be another id than statements\[0\]\.sid/),
      expect.stringMatching(
        /^\[IN22\] .*'statements\[3\]\.conditions\[1\]' is "StringEquals aws:sourcevpc"; must be another operator or key than statements\[3\]\.conditions\[0\]/,
      ),
    ]);
  });

  test("a list of statements that is a token from anything but a module variable is refused: nothing could check its elements", () => {
    const findings = findingsOf((s) => {
      const v = new TerraformVariable(s, "statements", { type: "list(any)" });
      new TaskRole(s, "Role", { statements: v.listValue as never });
    });
    expect(findings).toEqual([
      expect.stringMatching(
        /^\[IN20\] TaskRole 'test\/Role': 'statements' is .*; must be a list of objects with the keys sid, effect, actions, resources, conditions, given as a list/,
      ),
    ]);
  });

  test("values known only at plan are checked at plan; so are the rules the switches lift, when a switch is a variable", () => {
    const { tf } = synth((s) => {
      const bucket = new TerraformVariable(s, "bucket", { type: "string" });
      const passRole = new TerraformVariable(s, "pass", { type: "bool" });
      new TaskRole(s, "Role", {
        statements: [{ actions: ["s3:GetObject"], resources: [bucket.stringValue] }],
        allowPassRole: passRole.booleanValue,
      });
    });
    const checks = resource(tf, "aws_iam_role", "role").lifecycle.precondition.map((p: any) => p.error_message);
    expect(checks).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[IN43\] TaskRole 'test\/Role': 'statements\[0\]\.resources' must be a list, each element a resource ARN/),
        expect.stringMatching(
          /^\[IAM6\] TaskRole 'test\/Role': 'statements': an Allow statement grants iam:PassRole .*unless 'allowPassRole' is true\./,
        ),
      ]),
    );
  });
});

describe("EcsFargateSetup's task role", () => {
  test("is created only when given, with the shared settings and the source account", () => {
    const without = synth((s) => new EcsFargateSetup(s, "Web"));
    expect(Object.keys(resources(without.tf, "aws_iam_role"))).toEqual(["web_execution_role"]);
    const { tf } = synth(
      (s) => new EcsFargateSetup(s, "Web", { tags: { team: "web" }, sourceAccountId: "123456789012", taskRole: { execCommand: true } }),
    );
    const role = resource(tf, "aws_iam_role", "web_task_role");
    expect(role).toMatchObject({ name: "ecsTaskRole", tags: { team: "web" } });
    expect(policy(role.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
  });

  test("the ecs-fargate stack declares the task role's outputs only when it has the role", () => {
    const outputs = (props: object) =>
      Object.keys(JSON.parse(Testing.synth(new EcsFargateStack(Testing.app(), "ecs-fargate", props))).output ?? {});
    expect(outputs({ taskRole: {} })).toEqual(["execution_role_arn", "execution_role_name", "task_role_arn", "task_role_name"]);
  });
});

test("a statement that restricts an action to an endpoint is not undone by another that allows it from anywhere (IAM5)", () => {
  const bucket = "arn:aws:s3:::reports/*";
  const restricted = {
    sid: "ThroughEndpoint",
    actions: ["s3:GetObject"],
    resources: [bucket],
    conditions: [{ test: "StringEquals", variable: "aws:SourceVpce", values: ["vpce-0123456789abcdef0"] }],
  };
  expect(findingsOf((s) => new TaskRole(s, "Role", { statements: [restricted] }))).toEqual([]);
  const findings = findingsOf(
    (s) => new TaskRole(s, "Role", { statements: [restricted, { sid: "Anywhere", actions: ["s3:GetObject"], resources: [bucket] }] }),
  );
  expect(findings).toEqual([
    expect.stringMatching(/^\[IAM5\] TaskRole 'test\/Role': .*allows 's3:GetObject' without the VPC or endpoint condition/),
  ]);
});
