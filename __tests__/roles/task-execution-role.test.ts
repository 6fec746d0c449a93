import { TerraformOutput, TerraformVariable } from "cdktf";
import { TaskExecutionRole, TaskExecutionRoleProps } from "../../src/roles/task-execution-role";
import { PolicyStyle } from "../../src/roles/role-policies";
import { arnOfManaged, ECS_TASKS_TRUST, MANAGED_POLICIES, PARTITION } from "../helpers/seeds";
import { simulateRequest } from "../helpers/simulate";
import { messagesOf, policy, resource, resources, synth } from "../helpers/synth";

const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry/dockerhub-AbCdEf";
const SECRET_2 = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-password-??????";
const PARAMETER = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/prod/db-host";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const MRK = "arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";
const VPC = "vpc-0123456789abcdef0";
const VPCE = "vpce-0123456789abcdef0";

const synthRole = (props: TaskExecutionRoleProps) => synth((s) => new TaskExecutionRole(s, "Role", props)).tf;
const inline = (tf: any, id: string) => {
  const found = resource(tf, "aws_iam_role_policy", id);
  return { ...found, policy: policy(found.policy) };
};

describe("TaskExecutionRole", () => {
  test("adopt with policyStyle managed imports the customer managed policies by ARN, in the stack's partition and account", () => {
    const tf = synthRole({ adopt: true, policyStyle: "managed", path: "/web/", secrets: { secretArns: [SECRET] } });
    expect(tf.import).toEqual([
      { to: "aws_iam_role.role", id: "ecsTaskExecutionRole" },
      { to: "aws_iam_role_policies_exclusive.role_policies_exclusive", id: "ecsTaskExecutionRole" },
      { to: "aws_iam_role_policy_attachments_exclusive.role_policy_attachments_exclusive", id: "ecsTaskExecutionRole" },
      {
        to: "aws_iam_policy.role_customer_managed_secrets_policy",
        id: "arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.caller_identity.account_id}:policy/web/ecsTaskExecutionRole-EcsSecrets",
      },
    ]);
    // A managed policy's path is part of its ARN: it is not ignored.
    expect(resource(tf, "aws_iam_policy", "role_customer_managed_secrets_policy").lifecycle).toBeUndefined();
  });

  test("roleArn and roleName order what references them after the role's permissions; permissions lists them for dependsOn", () => {
    let role!: TaskExecutionRole;
    const { tf } = synth((s) => {
      role = new TaskExecutionRole(s, "Role", { secrets: { secretArns: [SECRET] }, ecrPullRestriction: { vpcEndpointIds: [VPCE] } });
      new TerraformOutput(s, "arn", { value: role.roleArn });
      new TerraformOutput(s, "name", { value: role.roleName });
    });
    // The restricted inline copy replaces the AWS managed policy.
    const ids = "[aws_iam_role_policy.role_secrets_policy.id], [aws_iam_role_policy.role_ecr_pull_policy.id]";
    expect(tf.output.arn.value).toBe(`\${element(concat([aws_iam_role.role.arn], ${ids}), 0)}`);
    expect(tf.output.name.value).toBe(`\${element(concat([aws_iam_role.role.name], ${ids}), 0)}`);
    expect(role.permissions.map((r) => r.friendlyUniqueId)).toEqual(["role_secrets_policy", "role_ecr_pull_policy"]);
    // What the role is built of names the role itself: no cycle.
    expect(resource(tf, "aws_iam_role_policy", "role_secrets_policy").role).toBe("${aws_iam_role.role.name}");
  });

  test("literal ARNs of one partition share one plan-time partition check naming each input; a token ARN input gets its own", () => {
    const { tf } = synth((s) => {
      const kms = new TerraformVariable(s, "kms", { type: "list(string)" });
      new TaskExecutionRole(s, "Role", {
        permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
        privateRegistry: { secretArns: [SECRET] },
        secrets: { ssmParameterArns: [PARAMETER], secretArns: [SECRET_2], kmsKeyArns: kms.listValue },
      });
      new TaskExecutionRole(s, "China", { roleName: "china", secrets: { kmsKeyArns: [MRK], secretArns: [SECRET] } });
    });
    const partitionChecks = (id: string) =>
      resource(tf, "aws_iam_role", id).lifecycle.precondition.filter((p: { error_message: string }) =>
        p.error_message.startsWith("[IN30]"),
      );
    expect(partitionChecks("role")).toEqual([
      {
        condition:
          '${var.kms == null ? true : !anytrue([for arn in var.kms : !(arn == null ? true : startswith(arn, "arn:${data.aws_partition.partition.partition}:"))])}',
        error_message:
          "[IN30] TaskExecutionRole 'test/Role': 'secrets.kmsKeyArns' must name the partition the stack is planned in (data.aws_partition).",
      },
      {
        condition: '${alltrue([for p in ["aws"] : p == data.aws_partition.partition.partition])}',
        error_message:
          "[IN30] TaskExecutionRole 'test/Role': 'permissionsBoundary', 'privateRegistry.secretArns', 'secrets.ssmParameterArns', 'secrets.secretArns' name the partition \"aws\"; each must name the partition the stack is planned in (data.aws_partition).",
      },
    ]);
    expect(partitionChecks("china").map((p: { error_message: string }) => p.error_message)).toEqual([
      "[IN30] TaskExecutionRole 'test/China': 'secrets.secretArns' names the partition \"aws\"; must name the partition the stack is planned in (data.aws_partition).",
      "[IN30] TaskExecutionRole 'test/China': 'secrets.kmsKeyArns' names the partition \"aws-cn\"; must name the partition the stack is planned in (data.aws_partition).",
    ]);
  });

  test("defaults reproduce seeds 000-002: ecsTaskExecutionRole trusted by ecs-tasks, managed policy, nothing else", () => {
    const tf = synthRole({});
    const role = resource(tf, "aws_iam_role", "role");
    expect(role.name).toBe("ecsTaskExecutionRole");
    expect(policy(role.assume_role_policy)).toEqual(ECS_TASKS_TRUST);
    expect(resources(tf, "aws_iam_role_policy_attachment")).toEqual({
      role_aws_managed_policy: { role: "${aws_iam_role.role.name}", policy_arn: arnOfManaged(MANAGED_POLICIES.taskExecution) },
    });
    expect(resources(tf, "aws_iam_role_policy")).toEqual({});
    expect(resources(tf, "aws_iam_policy")).toEqual({});
  });

  test("privateRegistry: GetSecretValue on the secrets, Decrypt on the keys, in separate statements", () => {
    const tf = synthRole({ privateRegistry: { secretArns: [SECRET], kmsKeyArns: [KEY] } });
    expect(inline(tf, "role_private_registry_policy")).toEqual({
      name: "PrivateRegistryAuthentication",
      role: "${aws_iam_role.role.name}",
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadRegistryCredentials",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: [SECRET, `${SECRET}-??????`],
          },
          { Sid: "DecryptRegistryCredentials", Effect: "Allow", Action: "kms:Decrypt", Resource: [KEY] },
        ],
      },
    });
  });

  test("awslogsCreateGroup: CreateLogGroup on the named log groups only, beside the managed policy or the ECR restriction", () => {
    const group = "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*";
    for (const extra of [{}, { ecrPullRestriction: { vpcEndpointIds: ["vpce-0123456789abcdef0"] } }]) {
      const tf = synthRole({ awslogsCreateGroup: { logGroupArns: [group] }, ...extra });
      expect(inline(tf, "role_create_log_groups_policy")).toEqual({
        name: "CreateLogGroups",
        role: "${aws_iam_role.role.name}",
        policy: {
          Version: "2012-10-17",
          Statement: [{ Sid: "CreateLogGroups", Effect: "Allow", Action: "logs:CreateLogGroup", Resource: [group] }],
        },
      });
    }
    expect(resources(synthRole({ awslogsCreateGroup: { logGroupArns: [] } }), "aws_iam_role_policy")).toEqual({});
  });

  test("pullThroughCache: import (and create) on the rules' repositories only; under the pulls' VPC condition when they are restricted", () => {
    const repositories = ["arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*"];
    const open = inline(synthRole({ pullThroughCache: { repositoryArns: repositories } }), "role_pull_through_cache_policy");
    expect(open.policy.Statement).toEqual([
      { Sid: "ImportUpstreamImages", Effect: "Allow", Action: "ecr:BatchImportUpstreamImage", Resource: repositories },
    ]);
    const restricted = inline(
      synthRole({
        pullThroughCache: { repositoryArns: repositories, createRepositories: true },
        ecrPullRestriction: { vpcEndpointIds: ["vpce-0123456789abcdef0"] },
      }),
      "role_pull_through_cache_policy",
    );
    const condition = { StringEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] } };
    expect(restricted.policy.Statement).toEqual([
      {
        Sid: "ImportUpstreamImages",
        Effect: "Allow",
        Action: "ecr:BatchImportUpstreamImage",
        Resource: repositories,
        Condition: condition,
      },
      { Sid: "CreateCachedRepositories", Effect: "Allow", Action: "ecr:CreateRepository", Resource: repositories, Condition: condition },
    ]);
  });

  test.each(["arn:aws:ecr:us-east-1:123456789012:repository/*", "docker-hub"])("pullThroughCache refuses %j, naming the input", (arn) => {
    expect(messagesOf((s) => new TaskExecutionRole(s, "Role", { pullThroughCache: { repositoryArns: [arn] } }))).toEqual([
      expect.stringMatching(
        /^TaskExecutionRole 'test\/Role': 'pullThroughCache\.repositoryArns\[0\]' is .*; must be an ECR repository ARN/,
      ),
    ]);
  });

  test.each(["arn:aws:logs:us-east-1:123456789012:log-group:*", "/ecs/web"])("awslogsCreateGroup refuses %j, naming the input", (arn) => {
    expect(messagesOf((s) => new TaskExecutionRole(s, "Role", { awslogsCreateGroup: { logGroupArns: [arn] } }))).toEqual([
      expect.stringMatching(
        /^TaskExecutionRole 'test\/Role': 'awslogsCreateGroup\.logGroupArns\[0\]' is .*; must be a CloudWatch Logs log group ARN/,
      ),
    ]);
  });

  // Secrets Manager appends "-" and 6 random characters to a secret's name in its ARN; whether an
  // ARN given is complete cannot be told when the name itself ends so. The policy simulator,
  // against the secrets' real ARNs: each secret named is readable, however it was named; no other is.
  test("secrets named by an ARN that may be complete or not are readable by their real ARNs, and no other secret", async () => {
    const at = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;
    const tf = synthRole({ secrets: { secretArns: [at("app-config"), at("db-AbCdEf"), at("mydb"), at("team/api-key-??????")] } });
    const role = {
      name: "role",
      address: "aws_iam_role.role",
      trust: {},
      policies: [{ name: "EcsSecrets", policy: inline(tf, "role_secrets_policy").policy }],
    };
    const read = (name: string) => simulateRequest(role, "secretsmanager:GetSecretValue", at(name));
    // "app-config" is itself the complete ARN of a secret named "app": granted too, as named.
    for (const real of ["app-config-XyZ123", "app-config", "db-AbCdEf", "db-AbCdEf-Q1w2E3", "mydb-AbC123", "team/api-key-Zz9Yy8"]) {
      expect([real, await read(real)]).toEqual([real, "Allowed"]);
    }
    for (const other of [
      "app-configs-XyZ123",
      "app-config-other-XyZ123",
      "db-ZzZzZz",
      "mydb",
      "mydb-other-AbC123",
      "team/api-key-2-Zz9Yy8",
    ]) {
      expect([other, await read(other)]).toEqual([other, "ImplicitlyDenied"]);
    }
  });

  test("privateRegistry without keys has no kms:Decrypt", () => {
    const tf = synthRole({ privateRegistry: { secretArns: [SECRET] } });
    expect(inline(tf, "role_private_registry_policy").policy.Statement).toHaveLength(1);
    expect(JSON.stringify(tf)).not.toContain("kms:Decrypt");
  });

  test("secrets: GetParameters, GetSecretValue and Decrypt, each only on its own resources", () => {
    const tf = synthRole({ secrets: { ssmParameterArns: [PARAMETER], secretArns: [SECRET, SECRET_2], kmsKeyArns: [KEY, MRK] } });
    expect(inline(tf, "role_secrets_policy")).toEqual({
      name: "EcsSecrets",
      role: "${aws_iam_role.role.name}",
      policy: {
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: [PARAMETER] },
          {
            Sid: "ReadSecrets",
            Effect: "Allow",
            Action: "secretsmanager:GetSecretValue",
            Resource: [SECRET, `${SECRET}-??????`, SECRET_2],
          },
          { Sid: "DecryptSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: [KEY, MRK] },
        ],
      },
    });
  });

  test("secrets with only parameters has only ssm:GetParameters", () => {
    const tf = synthRole({ secrets: { ssmParameterArns: [PARAMETER] } });
    expect(inline(tf, "role_secrets_policy").policy.Statement).toEqual([
      { Sid: "ReadParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: [PARAMETER] },
    ]);
  });

  test("empty lists create no policy", () => {
    const tf = synthRole({
      privateRegistry: { secretArns: [], kmsKeyArns: [] },
      secrets: { ssmParameterArns: [], secretArns: [], kmsKeyArns: [] },
      ecrPullRestriction: { vpcIds: [], vpcEndpointIds: [] },
    });
    expect(resources(tf, "aws_iam_role_policy")).toEqual({});
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_aws_managed_policy")).toBeDefined();
  });

  test("ecrPullRestriction replaces the managed policy; only the three pull actions carry the VPC condition", () => {
    const tf = synthRole({ ecrPullRestriction: { vpcIds: [VPC], vpcEndpointIds: [VPCE] } });
    expect(resources(tf, "aws_iam_role_policy_attachment")).toEqual({});
    expect(inline(tf, "role_ecr_pull_policy")).toEqual({
      name: "EcrPullThroughVpc",
      role: "${aws_iam_role.role.name}",
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "GetAuthorizationTokenAndWriteLogs",
            Effect: "Allow",
            Action: ["ecr:GetAuthorizationToken", "logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: "*",
          },
          {
            Sid: "PullImagesThroughVpc",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceVpc": [VPC], "aws:SourceVpce": [VPCE] } },
          },
        ],
      },
    });
  });

  test.each([
    [{ vpcIds: [VPC] }, { "aws:SourceVpc": [VPC] }],
    [{ vpcEndpointIds: [VPCE] }, { "aws:SourceVpce": [VPCE] }],
  ])("ecrPullRestriction %j conditions on that key alone", (restriction, condition) => {
    const tf = synthRole({ ecrPullRestriction: restriction });
    expect(inline(tf, "role_ecr_pull_policy").policy.Statement[1].Condition).toEqual({ StringEquals: condition });
  });

  test("sourceAccountId: aws:SourceAccount and the account's ECS ARNs on the same trust statement", () => {
    const tf = synthRole({ sourceAccountId: "123456789012" });
    expect(policy(resource(tf, "aws_iam_role", "role").assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "",
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": `arn:${PARTITION}:ecs:*:123456789012:*` },
          },
        },
      ],
    });
  });

  test('policyStyle "managed": customer managed policies under the role\'s path, attached, no inline policy', () => {
    const tf = synthRole({ policyStyle: "managed", path: "/ecs/", tags: { a: "b" }, secrets: { secretArns: [SECRET] } });
    expect(resources(tf, "aws_iam_role_policy")).toEqual({});
    const managed = resource(tf, "aws_iam_policy", "role_customer_managed_secrets_policy");
    expect(managed).toMatchObject({ name: "${aws_iam_role.role.name}-EcsSecrets", path: "/ecs/", tags: { a: "b" } });
    expect(policy(managed.policy).Statement[0].Resource).toEqual([SECRET, `${SECRET}-??????`]);
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_customer_managed_secrets_policy_attachment")).toEqual({
      role: "${aws_iam_role.role.name}",
      policy_arn: "${aws_iam_policy.role_customer_managed_secrets_policy.arn}",
    });
  });

  test("list tokens render the policy with jsonencode and count it on the list's length", () => {
    const tf = synth((s) => {
      const secrets = new TerraformVariable(s, "secret_arns", { type: "list(string)" });
      new TaskExecutionRole(s, "Role", { secrets: { secretArns: secrets.listValue } });
    }).tf;
    const found = resource(tf, "aws_iam_role_policy", "role_secrets_policy");
    // The decision is made once, as a local that every resource and statement it decides refers to.
    expect(tf.locals).toEqual({ role_reads_secrets: "${(length(var.secret_arns) >= 1)}" });
    expect(found.count).toBe("${local.role_reads_secrets ? 1 : 0}");
    expect(found.policy).toMatch(/^\$\{jsonencode\(/);
    // Secret ARNs given by name are completed by Terraform, as at synth.
    expect(found.policy).toContain('"Resource" = flatten([for arn in var.secret_arns : can(regex(');
    expect(found.policy).toContain('? [arn, \"${arn}-??????\"] : [\"${arn}-??????\"]])');
  });

  test("VPC-id tokens make the managed policy attachment conditional on no restriction", () => {
    const tf = synth((s) => {
      const vpcs = new TerraformVariable(s, "vpc_ids", { type: "list(string)" });
      new TaskExecutionRole(s, "Role", { ecrPullRestriction: { vpcIds: vpcs.listValue } });
    }).tf;
    expect(tf.locals).toEqual({ role_ecr_pulls_by_vpc: "${(length(var.vpc_ids) >= 1)}" });
    expect(resource(tf, "aws_iam_role_policy_attachment", "role_aws_managed_policy").count).toBe("${!local.role_ecr_pulls_by_vpc ? 1 : 0}");
    expect(resource(tf, "aws_iam_role_policy", "role_ecr_pull_policy").count).toBe("${local.role_ecr_pulls_by_vpc ? 1 : 0}");
  });

  test("with every input known only at plan, each decision is one local, which every resource, statement and check refers to", () => {
    const tf = synth((s) => {
      const list = (name: string) => new TerraformVariable(s, name, { type: "list(string)" }).listValue;
      new TaskExecutionRole(s, "Role", {
        create: new TerraformVariable(s, "create", { type: "bool" }).value,
        exclusivePolicies: new TerraformVariable(s, "exclusive", { type: "bool" }).value,
        policyStyle: new TerraformVariable(s, "style", { type: "string" }).stringValue as PolicyStyle,
        privateRegistry: { secretArns: list("registry_secrets"), kmsKeyArns: list("registry_keys") },
        secrets: { ssmParameterArns: list("parameters"), secretArns: list("secrets"), kmsKeyArns: list("keys") },
        ecrPullRestriction: { vpcIds: list("vpcs"), vpcEndpointIds: list("endpoints") },
      });
    }).tf;
    expect(tf.locals).toEqual({
      role_owns_policies_exclusively: "${(var.create && var.exclusive)}",
      role_ecr_pulls_by_vpc: "${(length(var.vpcs) >= 1)}",
      role_ecr_pulls_by_endpoint: "${(length(var.endpoints) >= 1)}",
      role_ecr_pulls_restricted: "${(local.role_ecr_pulls_by_vpc || local.role_ecr_pulls_by_endpoint)}",
      role_reads_registry_credentials: "${(length(var.registry_secrets) >= 1)}",
      role_decrypts_registry_credentials: "${(length(var.registry_keys) >= 1)}",
      role_private_registry_access: "${(local.role_reads_registry_credentials || local.role_decrypts_registry_credentials)}",
      role_private_registry_policy_inline: '${((var.create && local.role_private_registry_access) && (var.style == "inline"))}',
      role_private_registry_policy_managed: '${((var.create && local.role_private_registry_access) && (var.style == "managed"))}',
      role_reads_parameters: "${(length(var.parameters) >= 1)}",
      role_reads_secrets: "${(length(var.secrets) >= 1)}",
      role_decrypts_secrets: "${(length(var.keys) >= 1)}",
      role_secrets_access: "${((local.role_reads_parameters || local.role_reads_secrets) || local.role_decrypts_secrets)}",
      role_secrets_policy_inline: '${((var.create && local.role_secrets_access) && (var.style == "inline"))}',
      role_secrets_policy_managed: '${((var.create && local.role_secrets_access) && (var.style == "managed"))}',
      role_ecr_pull_policy_inline: '${((var.create && local.role_ecr_pulls_restricted) && (var.style == "inline"))}',
      role_ecr_pull_policy_managed: '${((var.create && local.role_ecr_pulls_restricted) && (var.style == "managed"))}',
    });
    // Outside the locals, no list's length is tested again, nor the style compared.
    const repeated = /length\(var\.\w+\) >= 1|var\.style == \\"|var\.create && var\.exclusive/g;
    const { locals, ...rest } = tf;
    expect(JSON.stringify(locals).match(repeated)).toHaveLength(7 + 6 + 1);
    expect(JSON.stringify(rest)).not.toMatch(repeated);
    expect(resource(tf, "aws_iam_role_policy", "role_secrets_policy").count).toBe("${local.role_secrets_policy_inline ? 1 : 0}");
    expect(resource(tf, "aws_iam_policy", "role_customer_managed_secrets_policy").count).toBe(
      "${local.role_secrets_policy_managed ? 1 : 0}",
    );
    expect(resource(tf, "aws_iam_role_policies_exclusive", "role_policies_exclusive").count).toBe(
      "${local.role_owns_policies_exclusively ? 1 : 0}",
    );
  });

  const owner = "TaskExecutionRole 'test/Role'";
  test.each([
    [
      { privateRegistry: { secretArns: ["arn:aws:ssm:eu-west-1:123456789012:parameter/x"] } },
      `'privateRegistry.secretArns[0]' is "arn:aws:ssm:eu-west-1:123456789012:parameter/x"; must be a Secrets Manager secret ARN: arn:<partition>:secretsmanager:<region, or * for every replica>:<12-digit account>:secret:<name of at most 512 characters>, optionally with the 6 characters Secrets Manager appends ("-AbCdEf"), or "-??????" or "*" in their place`,
    ],
    [
      { privateRegistry: { secretArns: [SECRET, ""] } },
      `'privateRegistry.secretArns[1]' is ""; must be a Secrets Manager secret ARN: arn:<partition>:secretsmanager:<region, or * for every replica>:<12-digit account>:secret:<name of at most 512 characters>, optionally with the 6 characters Secrets Manager appends ("-AbCdEf"), or "-??????" or "*" in their place`,
    ],
    [
      { privateRegistry: { kmsKeyArns: ["arn:aws:kms:eu-west-1:123456789012:alias/registry"] } },
      `'privateRegistry.kmsKeyArns[0]' is "arn:aws:kms:eu-west-1:123456789012:alias/registry"; must be a KMS key ARN: arn:<partition>:kms:<region>:<12-digit account>:key/<key id> (an alias does not grant access to its key)`,
    ],
    [
      { secrets: { secretArns: ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:*"] } },
      `'secrets.secretArns[0]' is "arn:aws:secretsmanager:eu-west-1:123456789012:secret:*"; must be a Secrets Manager secret ARN: arn:<partition>:secretsmanager:<region, or * for every replica>:<12-digit account>:secret:<name of at most 512 characters>, optionally with the 6 characters Secrets Manager appends ("-AbCdEf"), or "-??????" or "*" in their place`,
    ],
    [
      { secrets: { ssmParameterArns: ["arn:aws:ssm:eu-west-1:*:parameter/app"] } },
      `'secrets.ssmParameterArns[0]' is "arn:aws:ssm:eu-west-1:*:parameter/app"; must be an SSM parameter ARN: arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name of at most 15 levels>, at most 1011 characters in all (SSM counts a parameter's name with its whole ARN)`,
    ],
    [
      { secrets: { ssmParameterArns: [SECRET] } },
      `'secrets.ssmParameterArns[0]' is "${SECRET}" (78 characters); must be an SSM parameter ARN: arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name of at most 15 levels>, at most 1011 characters in all (SSM counts a parameter's name with its whole ARN)`,
    ],
    [
      { secrets: { kmsKeyArns: ["1234abcd-12ab-34cd-56ef-1234567890ab"] } },
      `'secrets.kmsKeyArns[0]' is "1234abcd-12ab-34cd-56ef-1234567890ab"; must be a KMS key ARN: arn:<partition>:kms:<region>:<12-digit account>:key/<key id> (an alias does not grant access to its key)`,
    ],
    [
      { ecrPullRestriction: { vpcEndpointIds: [VPC] } },
      `'ecrPullRestriction.vpcEndpointIds[0]' is "${VPC}"; must be a VPC endpoint id: "vpce-" and 8 or 17 lowercase hex digits`,
    ],
    [
      { ecrPullRestriction: { vpcIds: [VPCE] } },
      `'ecrPullRestriction.vpcIds[0]' is "${VPCE}"; must be a VPC id: "vpc-" and 8 or 17 lowercase hex digits`,
    ],
    [
      { ecrPullRestriction: { vpcIds: ["vpc-XYZ"] } },
      `'ecrPullRestriction.vpcIds[0]' is "vpc-XYZ"; must be a VPC id: "vpc-" and 8 or 17 lowercase hex digits`,
    ],
    [
      { ecrPullRestriction: { vpcIds: "vpc-0123456789abcdef0" } },
      `'ecrPullRestriction.vpcIds' is "vpc-0123456789abcdef0"; must be a list of strings: a VPC id: "vpc-" and 8 or 17 lowercase hex digits`,
    ],
    [{ policyStyle: "attached" }, `'policyStyle' is "attached"; must be one of "inline", "managed"`],
    [{ sourceAccountId: "abcdefghijkl" }, `'sourceAccountId' is "abcdefghijkl"; must be a 12-digit AWS account id`],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", secrets: { secretArns: [SECRET] } },
      `'secrets' is {"secretArns":["${SECRET}"]}; must be left unset when 'existingRoleArn' is given`,
    ],
    [
      { existingRoleArn: "arn:aws:iam::123456789012:role/r", ecrPullRestriction: { vpcIds: [VPC] } },
      `'ecrPullRestriction' is {"vpcIds":["${VPC}"]}; must be left unset when 'existingRoleArn' is given`,
    ],
  ] as [TaskExecutionRoleProps, string][])("refuses %j", (props, message) => {
    expect(messagesOf((s) => new TaskExecutionRole(s, "Role", props))).toEqual([`${owner}: ${message}`]);
  });
});
