import { hclEvery } from "../private/hcl";
import { codePoints, hclCodePoints, hclString, integerRangeRule, oneOfRule, patternRule, Rule } from "./rule";

export { Rule, hclString } from "./rule";

// Building blocks of ARNs.
// The partitions: commercial, China, GovCloud, the isolated regions, the European Sovereign Cloud
// (whether it is the one the stack runs in is checked at plan, against data.aws_partition).
const PARTITION = "aws(?:-cn|-us-gov|-iso(?:-[bef])?|-eusc)?";
// us-east-1, cn-north-1, us-gov-west-1, us-isob-east-1, eusc-de-east-1.
const REGION = "[a-z]{2,4}(?:-[a-z]+)+-[0-9]{1,2}";
const ACCOUNT = "[0-9]{12}";
// Spelt out (not \w) so that the pattern needs no escaping inside Terraform expressions.
const IAM_NAME_CHARS = "[A-Za-z0-9_+=,.@-]";
const IAM_PATH_PREFIX = "(?:[\\x21-\\x7E]*/)?";

/** A string rule for an ARN: the partition, then `rest`. */
const arnRule = (code: string, id: string, requirement: string, rest: string, maxNameLength?: number, maxLength?: number): Rule => ({
  ...patternRule(code, id, requirement, `arn:${PARTITION}:${rest}`, { maxCaptureLength: maxNameLength, maxLength }),
  arn: true,
});

/**
 * Every rule an input of this project is checked against, at synth and at plan. Each message
 * carries the rule's code; `docs/input-rules.md` lists them.
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const rules = {
  roleName: patternRule("IN1", "role-name", "1 to 64 characters, each a letter, digit or one of _+=,.@-", `${IAM_NAME_CHARS}{1,64}`),
  roleNamePrefix: patternRule(
    "IN2",
    "role-name-prefix",
    "1 to 38 characters, each a letter, digit or one of _+=,.@- (Terraform appends 26 more)",
    `${IAM_NAME_CHARS}{1,38}`,
  ),
  instanceProfileName: patternRule(
    "IN3",
    "instance-profile-name",
    "1 to 128 characters, each a letter, digit or one of _+=,.@-",
    `${IAM_NAME_CHARS}{1,128}`,
  ),
  path: patternRule(
    "IN4",
    "iam-path",
    '"/" or a path that begins and ends with "/", at most 512 printable ASCII characters without spaces',
    "/(?:[\\x21-\\x7E]{1,510}/)?",
  ),
  description: patternRule(
    "IN5",
    "role-description",
    "at most 1000 characters of printable ASCII or Latin-1, tabs and line breaks",
    "[\\t\\n\\r\\x20-\\x7E\\xA1-\\xFF]{0,1000}",
  ),
  maxSessionDuration: integerRangeRule(
    "IN6",
    "max-session-duration",
    "a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)",
    3600,
    43200,
  ),
  accountId: patternRule("IN7", "account-id", "a 12-digit AWS account id", ACCOUNT),
  roleArn: arnRule(
    "IN8",
    "role-arn",
    "an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/><name>",
    `iam::${ACCOUNT}:role/${IAM_PATH_PREFIX}${IAM_NAME_CHARS}{1,64}`,
  ),
  managedPolicyArn: arnRule(
    "IN9",
    "managed-policy-arn",
    "an IAM managed policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<optional path/><name>",
    `iam::(?:${ACCOUNT}|aws):policy/${IAM_PATH_PREFIX}${IAM_NAME_CHARS}{1,128}`,
  ),
  secretArn: arnRule(
    "IN10",
    "secret-arn",
    "a Secrets Manager secret ARN: arn:<partition>:secretsmanager:<region, or * for every replica>:<12-digit account>:secret:<name of at most 512 characters>, " +
      'optionally with the 6 characters Secrets Manager appends ("-AbCdEf"), or "-??????" or "*" in their place',
    `secretsmanager:(?:${REGION}|\\*):${ACCOUNT}:secret:([\\w/+=.@-]+?)(?:-[A-Za-z0-9]{6}|-\\?{6}|\\*)?`,
    512,
  ),
  ssmParameterArn: arnRule(
    "IN11",
    "ssm-parameter-arn",
    "an SSM parameter ARN: arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name of at most 15 levels>, " +
      "at most 1011 characters in all (SSM counts a parameter's name with its whole ARN)",
    `ssm:${REGION}:${ACCOUNT}:parameter/([\\w.-][\\w.?*-]*(?:/[\\w.?*-]+){0,14})`,
    undefined,
    1011,
  ),
  kmsKeyArn: arnRule(
    "IN12",
    "kms-key-arn",
    "a KMS key ARN: arn:<partition>:kms:<region>:<12-digit account>:key/<key id> (an alias does not grant access to its key)",
    `kms:${REGION}:${ACCOUNT}:key/(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
  ),
  logGroupArn: arnRule(
    "IN38",
    "log-group-arn",
    'a CloudWatch Logs log group ARN: arn:<partition>:logs:<region>:<12-digit account>:log-group:<name of at most 512 letters, digits and ._-/#>, optionally ending in ":*"',
    `logs:${REGION}:${ACCOUNT}:log-group:([A-Za-z0-9._/#-]+)(?::\\*)?`,
    512,
  ),
  ecrRepositoryArn: arnRule(
    "IN39",
    "ecr-repository-arn",
    "an ECR repository ARN: arn:<partition>:ecr:<region>:<12-digit account>:repository/<name of at most 256 lowercase letters, digits and ._-/>, or a pull through cache rule's prefix followed by /*",
    `ecr:${REGION}:${ACCOUNT}:repository/([a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?:/\\*)?`,
    256,
  ),
  statementSid: patternRule(
    "IN40",
    "statement-sid",
    "a statement id of 1 to 128 letters and digits (IAM accepts no other character in a Sid)",
    "[A-Za-z0-9]{1,128}",
  ),
  statementEffect: oneOfRule("IN41", "statement-effect", ["Allow", "Deny"]),
  action: patternRule(
    "IN42",
    "action",
    'an IAM action: "<service prefix>:<action name>" (s3:GetObject), * and ? standing for any characters, or "*"',
    "\\*|[a-z0-9-]{1,64}:[A-Za-z0-9*?]{1,128}",
  ),
  statementResource: patternRule(
    "IN43",
    "statement-resource",
    'a resource ARN (arn:<partition>:<service>:<region>:<account>:<resource>, * and ? standing for any characters) of at most 2048 characters, or "*"',
    `\\*|arn:(?:${PARTITION}|\\*):[a-z0-9*?-]+:[a-z0-9*?-]*:(?:${ACCOUNT}|aws|\\*|[0-9*?]*):[\\x21-\\x7E]+`,
    { maxLength: 2048 },
  ),
  conditionOperator: patternRule(
    "IN44",
    "condition-operator",
    "an IAM condition operator (StringEquals, ArnLike, Bool, …), optionally after ForAnyValue: or ForAllValues: and before IfExists",
    "(?:ForAnyValue:|ForAllValues:)?(?:StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|Bool|BinaryEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(?:IfExists)?|Null",
  ),
  conditionKey: patternRule(
    "IN45",
    "condition-key",
    "a condition key: <service prefix or aws>:<key name> (aws:SourceVpc, s3:prefix, aws:ResourceTag/team), at most 256 characters",
    "[A-Za-z0-9-]{1,64}:[\\x21-\\x7E]{1,190}",
  ),
  conditionValue: patternRule(
    "IN46",
    "condition-value",
    "a condition value of at most 1000 characters, none of them a control character",
    "[^\\x00-\\x1F\\x7F]{0,1000}",
  ),
  vpcId: patternRule("IN13", "vpc-id", 'a VPC id: "vpc-" and 8 or 17 lowercase hex digits', "vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})"),
  vpcEndpointId: patternRule(
    "IN14",
    "vpc-endpoint-id",
    'a VPC endpoint id: "vpce-" and 8 or 17 lowercase hex digits',
    "vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})",
  ),
  tags: tagsRule(),
  policyStyle: oneOfRule("IN16", "policy-style", ["inline", "managed"]),
  s3BucketName: s3BucketNameRule(),
  region: patternRule("IN19", "region", "an AWS Region code: us-east-1, cn-north-1, us-gov-west-1", REGION),
  partition: patternRule(
    "IN25",
    "partition",
    "an AWS partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc",
    PARTITION,
  ),
  accountRole: patternRule(
    "IN26",
    "account-role",
    "the name of the role to assume in the account (1 to 64 characters, each a letter, digit or one of _+=,.@-), or its ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/><name>",
    `${IAM_NAME_CHARS}{1,64}|arn:${PARTITION}:iam::${ACCOUNT}:role/${IAM_PATH_PREFIX}${IAM_NAME_CHARS}{1,64}`,
  ),
  stateKeyPrefix: patternRule(
    "IN27",
    "state-key-prefix",
    "at most 900 characters: segments of letters, digits and !_.*'()- joined by single slashes, no slash at either end",
    "[A-Za-z0-9!_.*'()-]+(?:/[A-Za-z0-9!_.*'()-]+)*",
    { maxLength: 900 },
  ),
  importSetFile: patternRule(
    "IN17",
    "import-set-file",
    "the path (relative to the configuration file, or absolute) of a .json file that the audit wrote (--imports)",
    ".{1,1000}\\.json",
  ),
} as const satisfies Record<string, Rule>;

/**
 * S3's rules for a general purpose bucket's name: 3 to 63 characters, lowercase letters, digits,
 * dots and hyphens, beginning and ending with a letter or digit, no two dots side by side, not
 * an IP address.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
function s3BucketNameRule(): Rule {
  const shape = "^[a-z0-9](?:[a-z0-9-]|\\.[a-z0-9-])*(?:[a-z0-9]|\\.[a-z0-9])$";
  const length = "^[\\s\\S]{3,63}$";
  const ip = "^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$";
  const [shapeRe, lengthRe, ipRe] = [shape, length, ip].map((p) => new RegExp(p));
  return {
    code: "IN18",
    id: "s3-bucket-name",
    requirement:
      "an S3 bucket name: 3 to 63 characters, lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, no two dots side by side, not an IP address",
    schema: { type: "string", allOf: [{ pattern: shape }, { pattern: length }], not: { pattern: ip } },
    accepts: (value) => typeof value === "string" && shapeRe.test(value) && lengthRe.test(value) && !ipRe.test(value),
    condition: (expr) =>
      `can(regex(${hclString(shape)}, ${expr})) && length(${expr}) >= 3 && length(${expr}) <= 63 && !can(regex(${hclString(ip)}, ${expr}))`,
  };
}

/**
 * IAM's tag rules: at most 50 tags; keys of 1 to 128 and values of at most 256 characters, counted
 * in code points, of letters, digits, spaces and `_.:/=+-@` in any script; keys not in the
 * reserved `aws:` namespace.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating
 */
function tagsRule(): Rule {
  const chars = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";
  const key = new RegExp(`^${chars}{1,128}$`, "u");
  const value = new RegExp(`^${chars}{0,256}$`, "u");
  return {
    code: "IN15",
    id: "tags",
    schema: {
      type: "object",
      maxProperties: 50,
      propertyNames: { pattern: key.source, not: { pattern: "^[aA][wW][sS]:" } },
      additionalProperties: { type: "string", pattern: value.source },
    },
    requirement:
      'at most 50 tags; keys of 1 to 128 characters, not starting with "aws:", no two alike whatever their case (IAM compares keys so), ' +
      "and values of at most 256, each character a letter, digit, space or one of _.:/=+-@",
    accepts: (tags) =>
      typeof tags === "object" &&
      tags !== null &&
      !Array.isArray(tags) &&
      Object.keys(tags).length <= 50 &&
      new Set(Object.keys(tags).map((k) => k.toLowerCase())).size === Object.keys(tags).length &&
      Object.entries(tags).every(
        ([k, v]) => key.test(k) && !k.toLowerCase().startsWith("aws:") && typeof v === "string" && value.test(v) && codePoints(v) <= 256,
      ),
    condition: (expr) =>
      `length(${expr}) <= 50 && length(distinct([for k, v in ${expr} : lower(k)])) == length(${expr}) && ` +
      hclEvery(
        expr,
        "v",
        `can(regex(${hclString(key.source)}, k)) && !startswith(lower(k), "aws:") && can(regex(${hclString(value.source)}, v)) && ${hclCodePoints("v")} <= 256`,
        "k",
      ),
  };
}
