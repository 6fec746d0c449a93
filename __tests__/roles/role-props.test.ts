import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { BatchServiceRole } from "../../src/roles/batch-service-role";
import { EcsInstanceRole } from "../../src/roles/ecs-instance-role";
import { RoleProps } from "../../src/roles/role-props";
import { TaskExecutionRole } from "../../src/roles/task-execution-role";
import { messagesOf, resource, resources, synth } from "../helpers/synth";

// The props every role shares, proven once per role construct.
const ROLE_TYPES: [string, (scope: Construct, props: RoleProps) => unknown, string][] = [
  ["BatchServiceRole", (scope, props) => new BatchServiceRole(scope, "Role", props), "AWSBatchServiceRole"],
  ["EcsInstanceRole", (scope, props) => new EcsInstanceRole(scope, "Role", props), "ecsInstanceRole"],
  ["TaskExecutionRole", (scope, props) => new TaskExecutionRole(scope, "Role", props), "ecsTaskExecutionRole"],
];

describe.each(ROLE_TYPES)("%s common props", (typeName, make, defaultName) => {
  const role = (props: RoleProps) => resource(synth((s) => make(s, props)).tf, "aws_iam_role", "role");

  test("defaults: the documented name, path /, no boundary, description or tags, policies force-detached; the path and that flag kept as the account has them (IAM cannot move a role, nor stores the flag)", () => {
    expect(role({})).toEqual({
      name: defaultName,
      path: "/",
      assume_role_policy: expect.any(String),
      force_detach_policies: true,
      lifecycle: { ignore_changes: ["path", "force_detach_policies"] },
    });
  });

  test("roleName names the role", () => {
    expect(role({ roleName: "my-role.name@x" }).name).toBe("my-role.name@x");
  });

  test("roleNamePrefix lets Terraform complete a unique name", () => {
    const named = role({ roleNamePrefix: "svc-" });
    expect(named.name_prefix).toBe("svc-");
    expect(named.name).toBeUndefined();
  });

  test("path sets the role's path", () => {
    expect(role({ path: "/platform/batch/" }).path).toBe("/platform/batch/");
  });

  test("description describes the role", () => {
    expect(role({ description: "Used by jobs" }).description).toBe("Used by jobs");
  });

  test("permissionsBoundary sets the boundary", () => {
    const arn = "arn:aws:iam::123456789012:policy/boundaries/Platform";
    expect(role({ permissionsBoundary: arn }).permissions_boundary).toBe(arn);
  });

  test("maxSessionDuration sets the session limit", () => {
    expect(role({ maxSessionDuration: 43200 }).max_session_duration).toBe(43200);
  });

  test("tags tag the role", () => {
    expect(role({ tags: { team: "platform" } }).tags).toEqual({ team: "platform" });
  });

  test("the role owns its inline policies and attachments exclusively, listing exactly what it creates; exclusivePolicies: false leaves them shared", () => {
    const { tf } = synth((s) => make(s, {}));
    const attachments = Object.keys(resources(tf, "aws_iam_role_policy_attachment"));
    expect(resource(tf, "aws_iam_role_policies_exclusive", "role_policies_exclusive")).toEqual({
      role_name: "${aws_iam_role.role.name}",
      policy_names: [],
    });
    expect(resource(tf, "aws_iam_role_policy_attachments_exclusive", "role_policy_attachments_exclusive")).toEqual({
      role_name: "${aws_iam_role.role.name}",
      policy_arns: attachments.map((id) => `\${aws_iam_role_policy_attachment.${id}.policy_arn}`),
    });
    for (const props of [{ exclusivePolicies: false }, { create: false }, { existingRoleArn: "arn:aws:iam::123456789012:role/r" }]) {
      const other = synth((s) => make(s, props)).tf;
      expect(resources(other, "aws_iam_role_policies_exclusive")).toEqual({});
      expect(resources(other, "aws_iam_role_policy_attachments_exclusive")).toEqual({});
    }
  });

  test("an exclusivePolicies token (a module variable) makes both exclusive resources conditional", () => {
    const { tf } = synth((s) => make(s, { exclusivePolicies: new TerraformVariable(s, "exclusive", { type: "bool" }).value }));
    for (const [type, id] of [
      ["aws_iam_role_policies_exclusive", "role_policies_exclusive"],
      ["aws_iam_role_policy_attachments_exclusive", "role_policy_attachments_exclusive"],
    ]) {
      expect(resource(tf, type, id).count).toBe("${var.exclusive ? 1 : 0}");
    }
  });

  test("existingRoleArn creates nothing and exposes the role's ARN and name", () => {
    const arn = "arn:aws:iam::123456789012:role/teams/existing-role";
    let made: any;
    const { tf } = synth((s) => (made = make(s, { existingRoleArn: arn })));
    expect(resources(tf, "aws_iam_role")).toEqual({});
    expect(resources(tf, "aws_iam_role_policy_attachment")).toEqual({});
    expect(made.roleArn).toBe(arn);
    expect(made.roleName).toBe("existing-role");
  });

  test("adopt imports the role by its name (the provider's import id for aws_iam_role), and keeps its path and force_detach_policies, which IAM does not store", () => {
    const { tf } = synth((s) => make(s, { adopt: true, roleName: "Existing.Role", path: "/teams/" }));
    expect(tf.import).toEqual(expect.arrayContaining([{ to: "aws_iam_role.role", id: "Existing.Role" }]));
    expect(resource(tf, "aws_iam_role", "role")).toMatchObject({
      name: "Existing.Role",
      path: "/teams/",
      lifecycle: { ignore_changes: ["path", "force_detach_policies"] },
    });
    // Attachments are created over any that exist: AttachRolePolicy is idempotent. What owns them exclusively is imported.
    expect(tf.import.filter((i: any) => i.to.startsWith("aws_iam_role_policy_attachment."))).toEqual([]);
    expect(tf.import).toEqual(
      expect.arrayContaining([
        { to: "aws_iam_role_policies_exclusive.role_policies_exclusive", id: "Existing.Role" },
        { to: "aws_iam_role_policy_attachments_exclusive.role_policy_attachments_exclusive", id: "Existing.Role" },
      ]),
    );
    // Not adopted: nothing imported.
    expect(synth((s) => make(s, { adopt: false })).tf.import).toBeUndefined();
  });

  test("an adopt token (a module variable) imports nothing, and is checked at plan beside create and the name prefix", () => {
    const { tf } = synth((s) => {
      const adopt = new TerraformVariable(s, "adopt", { type: "bool", default: false });
      const create = new TerraformVariable(s, "create", { type: "bool", default: true });
      make(s, { adopt: adopt.booleanValue, create: create.booleanValue });
    });
    expect(tf.import).toBeUndefined();
    expect(tf.data.aws_partition.partition.lifecycle.precondition).toEqual([
      {
        condition: "${var.adopt ? (var.create && true) : true}",
        error_message: `[IN22] ${typeName} 'test/Role': 'adopt' must be false when 'create' is false: an adopted role is one that exists, imported by its name.`,
      },
    ]);
  });

  test("create: false creates no role and no policy attachment", () => {
    const { tf } = synth((s) => make(s, { create: false }));
    expect(resources(tf, "aws_iam_role")).toEqual({});
    expect(resources(tf, "aws_iam_role_policy_attachment")).toEqual({});
  });

  test("a create token makes the role and its attachment conditional", () => {
    const { tf } = synth((s) => {
      const create = new TerraformVariable(s, "create", { type: "bool", default: true });
      make(s, { create: create.booleanValue });
    });
    expect(resource(tf, "aws_iam_role", "role").count).toBe("${var.create ? 1 : 0}");
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_aws_managed_policy")).toMatchObject({
      count: "${var.create ? 1 : 0}",
      role: "${one(aws_iam_role.role[*].name)}",
    });
  });

  test("token values are checked at plan, by preconditions from the same rules, not at synth", () => {
    const { tf } = synth((s) => {
      const name = new TerraformVariable(s, "name", { type: "string" });
      make(s, { roleName: name.stringValue, path: name.stringValue });
    });
    const planned = resource(tf, "aws_iam_role", "role");
    expect(planned).toMatchObject({ name: "${var.name}", path: "${var.name}" });
    expect(planned.lifecycle.precondition.map((p: any) => p.error_message)).toEqual([
      `[IN1] ${typeName} 'test/Role': 'roleName' must be 1 to 64 characters, each a letter, digit or one of _+=,.@-.`,
      `[IN4] ${typeName} 'test/Role': 'path' must be "/" or a path that begins and ends with "/", at most 512 printable ASCII characters without spaces.`,
    ]);
    expect(planned.lifecycle.precondition[0].condition).toBe(
      '${var.name == null ? true : (can(regex("^(?:[A-Za-z0-9_+=,.@-]{1,64})$", var.name)))}',
    );
  });

  const owner = `${typeName} 'test/Role'`;
  test.each([
    [
      { roleName: "a".repeat(65) },
      `'roleName' is "${"a".repeat(65)}" (65 characters); must be 1 to 64 characters, each a letter, digit or one of _+=,.@-`,
    ],
    [{ roleName: "my role" }, `'roleName' is "my role"; must be 1 to 64 characters, each a letter, digit or one of _+=,.@-`],
    [{ roleName: "" }, `'roleName' is ""; must be 1 to 64 characters, each a letter, digit or one of _+=,.@-`],
    [
      { roleNamePrefix: "x".repeat(39) },
      `'roleNamePrefix' is "${"x".repeat(39)}"; must be 1 to 38 characters, each a letter, digit or one of _+=,.@- (Terraform appends 26 more)`,
    ],
    [{ roleName: "a", roleNamePrefix: "b" }, `'roleNamePrefix' is "b"; must be left unset when 'roleName' is given`],
    [
      { path: "platform" },
      `'path' is "platform"; must be "/" or a path that begins and ends with "/", at most 512 printable ASCII characters without spaces`,
    ],
    [
      { path: "/platform" },
      `'path' is "/platform"; must be "/" or a path that begins and ends with "/", at most 512 printable ASCII characters without spaces`,
    ],
    [
      { path: "" },
      `'path' is ""; must be "/" or a path that begins and ends with "/", at most 512 printable ASCII characters without spaces`,
    ],
    [
      { description: "€uro" },
      `'description' is "€uro"; must be at most 1000 characters of printable ASCII or Latin-1, tabs and line breaks`,
    ],
    [
      { permissionsBoundary: "arn:aws:iam::123456789012:role/NotAPolicy" },
      `'permissionsBoundary' is "arn:aws:iam::123456789012:role/NotAPolicy"; must be an IAM managed policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<optional path/><name>`,
    ],
    [
      { permissionsBoundary: "" },
      `'permissionsBoundary' is ""; must be an IAM managed policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<optional path/><name>`,
    ],
    [
      { maxSessionDuration: 3599 },
      `'maxSessionDuration' is 3599; must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)`,
    ],
    [
      { maxSessionDuration: 43201 },
      `'maxSessionDuration' is 43201; must be a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)`,
    ],
    [
      { tags: { "aws:owner": "x" } },
      `'tags' is {"aws:owner":"x"}; must be at most 50 tags; keys of 1 to 128 characters, not starting with "aws:", no two alike whatever their case (IAM compares keys so), and values of at most 256, each character a letter, digit, space or one of _.:/=+-@`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:policy/Nope" },
      `'existingRoleArn' is "arn:aws:iam::123456789012:policy/Nope"; must be an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/><name>`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::12345:role/short-account" },
      `'existingRoleArn' is "arn:aws:iam::12345:role/short-account"; must be an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/><name>`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", roleName: "other" },
      `'roleName' is "other"; must be left unset when 'existingRoleArn' is given`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", path: "/x/" },
      `'path' is "/x/"; must be left unset when 'existingRoleArn' is given`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", tags: { a: "b" } },
      `'tags' is {"a":"b"}; must be left unset when 'existingRoleArn' is given`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", create: true },
      `'create' is true; must be left unset when 'existingRoleArn' is given`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", maxSessionDuration: 7200 },
      `'maxSessionDuration' is 7200; must be left unset when 'existingRoleArn' is given`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", adopt: true },
      `'adopt' is true; must be left unset when 'existingRoleArn' is given`,
    ],
    [
      { adopt: true, create: false },
      `'adopt' is true; must be false or unset when 'create' is false: an adopted role is one that exists, imported by its name`,
    ],
    [
      { adopt: true, roleNamePrefix: "svc-" },
      `'adopt' is true; must be false or unset when 'roleNamePrefix' is given: an adopted role is one that exists, imported by its name`,
    ],
  ] as [RoleProps, string][])("refuses %j", (props, message) => {
    // The instance role's profile is created for an existing role too, with its path and tags.
    const shapesProfile = typeName === "EcsInstanceRole" && props.existingRoleArn !== undefined && (props.path ?? props.tags) !== undefined;
    expect(messagesOf((s) => make(s, props))).toEqual(shapesProfile ? [] : [`${owner}: ${message}`]);
  });
});
