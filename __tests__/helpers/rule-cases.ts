import { rules } from "../../src/rules";

// Each rule with values it must accept and values it must refuse. The unit tests run them through
// the synth-time check, the end-to-end tests through Terraform's own engine (the module variables'
// validation), so that the two sides of every rule are proven to agree.
export const RULE_CASES: Record<keyof typeof rules, { good: unknown[]; bad: unknown[] }> = {
  s3BucketName: {
    good: ["abc", "my-state.bucket-1", "a".repeat(63), "1bucket9", "a.b-c"],
    bad: ["ab", "a".repeat(64), "My-Bucket", "-bucket", "bucket-", "bucket.", "a..b", "192.168.5.4", "bucket_1", 5],
  },
  region: { good: ["us-east-1", "cn-north-1", "us-gov-west-1", "eu-central-2"], bad: ["", "us-east", "US-EAST-1", "useast1", 5] },
  partition: { good: ["aws", "aws-cn", "aws-us-gov", "aws-iso-b", "aws-eusc"], bad: ["", "AWS", "aws-foo", "aws:", 5] },
  accountRole: {
    good: [
      "OrganizationAccountAccessRole",
      "x".repeat(64),
      "arn:aws:iam::123456789012:role/deploy",
      "arn:aws-cn:iam::123456789012:role/ops/deploy",
    ],
    bad: ["", "x".repeat(65), "a/b", "arn:aws:iam::123456789012:user/deploy", "arn:aws:iam::12345678901:role/deploy", 5],
  },
  stateKeyPrefix: {
    good: ["iam", "teams/platform", "a".repeat(900)],
    bad: ["", "/iam", "iam/", "a//b", "a b", "a".repeat(901), 5],
  },
  importSetFile: { good: ["iam.imports.json", "audit/2026-11-23.json"], bad: ["", ".json", "imports.txt", "imports.json.bak", 5] },
  roleName: { good: ["a", "ecsTaskExecutionRole", "x".repeat(64), "a_b+c=d,e.f@g-h"], bad: ["", "x".repeat(65), "a b", "a/b", "é", 5] },
  roleNamePrefix: { good: ["a", "batch-", "x".repeat(38)], bad: ["", "x".repeat(39), "a b", "a/"] },
  instanceProfileName: { good: ["ecsInstanceRole", "x".repeat(128)], bad: ["", "x".repeat(129), "a:b"] },
  path: { good: ["/", "/a/", "/a/b/", `/${"x".repeat(510)}/`], bad: ["", "a", "/a", "a/", "/a b/", `/${"x".repeat(511)}/`] },
  description: { good: ["", "Ünïcode Latin-1 ok", "tab\tand\nnewline", "x".repeat(1000)], bad: ["x".repeat(1001), "emoji 🙂", "€"] },
  maxSessionDuration: { good: [3600, 7200, 43200], bad: [3599, 43201, 3600.5, "3600"] },
  accountId: { good: ["123456789012"], bad: ["12345678901", "1234567890123", "12345678901a", ""] },
  roleArn: {
    good: [
      "arn:aws:iam::123456789012:role/r",
      "arn:aws-cn:iam::123456789012:role/a/b/r",
      "arn:aws-us-gov:iam::123456789012:role/r",
      "arn:aws-eusc:iam::123456789012:role/r",
      "arn:aws-iso-b:iam::123456789012:role/r",
    ],
    bad: [
      "arn:aws:iam::123456789012:user/r",
      "arn:aws:iam::aws:role/r",
      "arn:aws:sts::123456789012:role/r",
      "role/r",
      "arn:aws:iam::123456789012:role/",
      "arn:aws-foo:iam::123456789012:role/r",
    ],
  },
  managedPolicyArn: {
    good: ["arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole", "arn:aws-cn:iam::123456789012:policy/Boundary"],
    bad: [
      "arn:aws:iam::123456789012:role/Boundary",
      "arn:aws:iam:us-east-1:123456789012:policy/B",
      "Boundary",
      "arn:aws-foo:iam::aws:policy/B",
    ],
  },
  secretArn: {
    good: [
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
      "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:a/b-??????",
      // By name, as the AWS documents write it: completed with -?????? where it is used.
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:mydb",
      "arn:aws-eusc:secretsmanager:eusc-de-east-1:123456789012:secret:app/*",
      `arn:aws:secretsmanager:us-east-1:123456789012:secret:${"n".repeat(512)}-AbCdEf`,
      // A name that ends like a suffix: granted as given and completed.
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-config",
      // Every Region: how IAM grants a secret's replicas.
      "arn:aws:secretsmanager:*:123456789012:secret:db-??????",
    ],
    bad: [
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:*",
      "arn:aws:secretsmanager:us-*:123456789012:secret:x",
      "arn:aws:ssm:us-east-1:123456789012:parameter/x",
      `arn:aws:secretsmanager:us-east-1:123456789012:secret:${"n".repeat(600)}`,
      "arn:aws-foo:secretsmanager:us-east-1:123456789012:secret:x",
    ],
  },
  ssmParameterArn: {
    good: [
      "arn:aws:ssm:us-east-1:123456789012:parameter/app",
      "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/a/b/c",
      "arn:aws:ssm:us-east-1:123456789012:parameter/app/*",
      // 15 levels, SSM's deepest hierarchy.
      `arn:aws:ssm:us-east-1:123456789012:parameter/${Array.from({ length: 15 }, (_, i) => `l${i}`).join("/")}`,
      // 1011 characters with the ARN, as SSM counts a name.
      `arn:aws:ssm:us-east-1:123456789012:parameter/${"p".repeat(1011 - "arn:aws:ssm:us-east-1:123456789012:parameter/".length)}`,
    ],
    bad: [
      `arn:aws:ssm:us-east-1:123456789012:parameter/${Array.from({ length: 16 }, (_, i) => `l${i}`).join("/")}`,
      `arn:aws:ssm:us-east-1:123456789012:parameter/${"p".repeat(1012 - "arn:aws:ssm:us-east-1:123456789012:parameter/".length)}`,
      "arn:aws:ssm:us-east-1:123456789012:parameter/app//x",
      "arn:aws:ssm:us-east-1:123456789012:parameter/*",
      "arn:aws:ssm:us-east-1:123456789012:document/x",
      "arn:aws:ssm:us-east-1:123456789012:parameter/",
      `arn:aws:ssm:us-east-1:123456789012:parameter/${"p".repeat(3000)}`,
    ],
  },
  kmsKeyArn: {
    good: [
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
    ],
    bad: ["arn:aws:kms:us-east-1:123456789012:alias/x", "arn:aws:kms:us-east-1:123456789012:key/*", "1234abcd-12ab-34cd-56ef-1234567890ab"],
  },
  logGroupArn: {
    good: [
      "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:*",
      "arn:aws-cn:logs:cn-north-1:123456789012:log-group:app_logs.#1",
      `arn:aws:logs:us-east-1:123456789012:log-group:${"a".repeat(512)}`,
    ],
    bad: [
      "arn:aws:logs:us-east-1:123456789012:log-group:*",
      "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/*",
      "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:log-stream:x",
      `arn:aws:logs:us-east-1:123456789012:log-group:${"a".repeat(513)}`,
      "/ecs/web",
      "*",
    ],
  },
  statementSid: { good: ["ReadBucket", "S1", "x".repeat(128)], bad: ["", "Read-Bucket", "a b", "x".repeat(129), 5] },
  statementEffect: { good: ["Allow", "Deny"], bad: ["allow", "", "Permit", 5] },
  action: {
    good: ["s3:GetObject", "s3:Get*", "dynamodb:?etItem", "*", "ssmmessages:OpenDataChannel", "iot1click:GetDeviceMethods"],
    bad: ["", "s3", "s3:", ":GetObject", "S3:GetObject", "s3:Get Object", "s3:Get/Object", "arn:aws:s3:::b", 5],
  },
  statementResource: {
    good: [
      "*",
      "arn:aws:s3:::my-bucket/*",
      "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
      "arn:aws-cn:sqs:cn-north-1:123456789012:queue",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:*:s3:::b",
      `arn:aws:s3:::b/${"k".repeat(2030)}`,
    ],
    bad: ["", "my-bucket", "arn:aws:s3", "arn:aws:s3:::b with space", "arn:aws:s3:::", `arn:aws:s3:::b/${"k".repeat(2040)}`, 5],
  },
  conditionOperator: {
    good: ["StringEquals", "ArnLike", "Bool", "ForAnyValue:StringLike", "StringEqualsIfExists", "Null", "NumericLessThanEquals"],
    bad: ["", "stringequals", "Equals", "NullIfExists", "ForAnyValue:", "StringEquals ", 5],
  },
  conditionKey: {
    good: ["aws:SourceVpc", "s3:prefix", "aws:ResourceTag/team", "aws:PrincipalTag/cost-center"],
    bad: ["", "SourceVpc", "aws:", "aws:Source Vpc", `aws:${"k".repeat(191)}`, 5],
  },
  conditionValue: { good: ["", "vpc-0123", "a/*", "x".repeat(1000), "Ünïcode"], bad: ["x".repeat(1001), "new\nline", "tab\t", 5] },
  ecrRepositoryArn: {
    good: [
      "arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*",
      "arn:aws:ecr:eu-west-1:123456789012:repository/ecr-public/library/nginx",
      "arn:aws-cn:ecr:cn-north-1:123456789012:repository/app",
      `arn:aws:ecr:us-east-1:123456789012:repository/${"a".repeat(256)}`,
    ],
    bad: [
      "arn:aws:ecr:us-east-1:123456789012:repository/*",
      "arn:aws:ecr:us-east-1:123456789012:repository/Docker-Hub/*",
      "arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*/x",
      "arn:aws:ecr:*:123456789012:repository/docker-hub/*",
      `arn:aws:ecr:us-east-1:123456789012:repository/${"a".repeat(257)}`,
      "docker-hub",
    ],
  },
  vpcId: { good: ["vpc-12345678", "vpc-0123456789abcdef0"], bad: ["vpce-12345678", "vpc-1234567", "vpc-0123456789ABCDEF0", "vpc-"] },
  vpcEndpointId: { good: ["vpce-12345678", "vpce-0123456789abcdef0"], bad: ["vpc-12345678", "vpce-123", "endpoint"] },
  tags: {
    good: [
      {},
      { team: "a" },
      { ["k".repeat(128)]: "v".repeat(256) },
      { "équipe / zone": "Zürich: 1+1=2 @ x_y.z-é" },
      // 𝒜 is one code point (and one letter) but two UTF-16 units: IAM counts 128 and 256.
      { ["𝒜".repeat(128)]: "𝒜".repeat(256) },
    ],
    bad: [
      { "aws:x": "y" },
      // IAM compares tag keys whatever their case: CreateRole refuses both.
      { Team: "a", team: "b" },
      { "": "v" },
      { k: "v".repeat(257) },
      { ["𝒜".repeat(129)]: "v" },
      { k: "𝒜".repeat(257) },
      { "a#b": "c" },
      { k: "a;b" },
      { k: "a|b" },
      { k: "emoji 🙂" },
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])),
      ["a"],
      null,
    ],
  },
  policyStyle: { good: ["inline", "managed"], bad: ["", "Inline", "attached"] },
};
