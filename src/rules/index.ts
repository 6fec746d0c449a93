import { integerRangeRule, oneOfRule, patternRule, Rule } from "./rule";

export { Rule, hclString } from "./rule";

// Building blocks of ARNs. Partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, ...
const PARTITION = "aws(?:-[a-z]+)*";
const REGION = "[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}";
const ACCOUNT = "[0-9]{12}";
// Spelt out (not \w) so that the pattern needs no escaping inside Terraform expressions.
const IAM_NAME_CHARS = "[A-Za-z0-9_+=,.@-]";
const IAM_PATH_PREFIX = "(?:[\\x21-\\x7E]*/)?";

/**
 * Every rule an input of this project is checked against, at synth and at plan.
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const rules = {
  roleName: patternRule("role-name", "1 to 64 characters, each a letter, digit or one of _+=,.@-", `${IAM_NAME_CHARS}{1,64}`),
  roleNamePrefix: patternRule(
    "role-name-prefix",
    "1 to 38 characters, each a letter, digit or one of _+=,.@- (Terraform appends 26 more)",
    `${IAM_NAME_CHARS}{1,38}`,
  ),
  instanceProfileName: patternRule(
    "instance-profile-name",
    "1 to 128 characters, each a letter, digit or one of _+=,.@-",
    `${IAM_NAME_CHARS}{1,128}`,
  ),
  path: patternRule(
    "iam-path",
    '"/" or a path that begins and ends with "/", at most 512 printable ASCII characters without spaces',
    "/(?:[\\x21-\\x7E]{1,510}/)?",
  ),
  description: patternRule(
    "role-description",
    "at most 1000 characters of printable ASCII or Latin-1, tabs and line breaks",
    "[\\t\\n\\r\\x20-\\x7E\\xA1-\\xFF]{0,1000}",
  ),
  maxSessionDuration: integerRangeRule(
    "max-session-duration",
    "a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)",
    3600,
    43200,
  ),
  accountId: patternRule("account-id", "a 12-digit AWS account id", ACCOUNT),
  roleArn: patternRule(
    "role-arn",
    "an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/><name>",
    `arn:${PARTITION}:iam::${ACCOUNT}:role/${IAM_PATH_PREFIX}${IAM_NAME_CHARS}{1,64}`,
  ),
  managedPolicyArn: patternRule(
    "managed-policy-arn",
    "an IAM managed policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<optional path/><name>",
    `arn:${PARTITION}:iam::(?:${ACCOUNT}|aws):policy/${IAM_PATH_PREFIX}${IAM_NAME_CHARS}{1,128}`,
  ),
  secretArn: patternRule(
    "secret-arn",
    "a Secrets Manager secret ARN: arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>",
    `arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:[\\w/+=.@-][\\w/+=.@?*-]{0,600}`,
  ),
  ssmParameterArn: patternRule(
    "ssm-parameter-arn",
    "an SSM parameter ARN: arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name>",
    `arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:parameter/[\\w.-][\\w./?*-]*`,
  ),
  kmsKeyArn: patternRule(
    "kms-key-arn",
    "a KMS key ARN: arn:<partition>:kms:<region>:<12-digit account>:key/<key id> (an alias does not grant access to its key)",
    `arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
  ),
  vpcId: patternRule("vpc-id", 'a VPC id: "vpc-" and 8 or 17 lowercase hex digits', "vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})"),
  vpcEndpointId: patternRule(
    "vpc-endpoint-id",
    'a VPC endpoint id: "vpce-" and 8 or 17 lowercase hex digits',
    "vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})",
  ),
  tags: tagsRule(),
  policyStyle: oneOfRule("policy-style", ["inline", "managed"]),
} as const satisfies Record<string, Rule>;

/** IAM's tag limits: at most 50 tags, keys 1–128 characters not in the reserved `aws:` namespace, values up to 256. */
function tagsRule(): Rule {
  const keyOk = (key: string) => key.length >= 1 && key.length <= 128 && !key.toLowerCase().startsWith("aws:");
  return {
    id: "tags",
    requirement: 'at most 50 tags with keys of 1 to 128 characters not starting with "aws:" and values of at most 256 characters',
    accepts: (value) =>
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length <= 50 &&
      Object.entries(value).every(([k, v]) => keyOk(k) && typeof v === "string" && v.length <= 256),
    condition: (expr) =>
      `length(${expr}) <= 50 && alltrue([for k, v in ${expr} : length(k) >= 1 && length(k) <= 128 && !startswith(lower(k), "aws:") && length(v) <= 256])`,
  };
}
