import { and, Flag, isToken, not } from "../private/expr";
import { expression, hclString } from "../private/hcl";
import { OptionalStatement, Statement } from "./policy-document";
import { Token } from "cdktf";

/** A secret ARN that ends in a pattern of the 6 characters ("-??????") or in "*": used as it is. */
const PATTERN_SECRET_ARN = "(-[?]{6}|[*])$";
/**
 * A secret ARN that ends in "-" and 6 letters or digits: either complete (`…:secret:db-AbCdEf`, the
 * secret `db`) or a name that happens to end so (`…:secret:app-config`, the secret `app-config`,
 * whose ARN is `…:secret:app-config-XyZ123`). Which, nothing in the ARN says.
 */
const AMBIGUOUS_SECRET_ARN = "-[A-Za-z0-9]{6}$";
const isPattern = new RegExp(PATTERN_SECRET_ARN);
const isAmbiguous = new RegExp(AMBIGUOUS_SECRET_ARN);

/** Whether a secret ARN may be complete or a name that ends like a suffix: granted both ways (see below). */
export const isAmbiguousSecretArn = (arn: string): boolean => isAmbiguous.test(arn);

/** The wildcard AWS recommends in place of the 6 random characters Secrets Manager appends to a secret's ARN. */
export const SECRET_SUFFIX_WILDCARD = "-??????";

/**
 * Secret ARNs as IAM must match them. Secrets Manager appends "-" and 6 random characters to every
 * secret's ARN, and IAM compares the whole ARN, so an ARN given by name (`…:secret:mydb`, as the AWS
 * documents write it) gets `-??????`, as AWS recommends. An ARN that ends in "-" and 6 letters or
 * digits may be complete or a name (see above): it is granted both ways, as given and with
 * `-??????`, which is never less than the secret needs and never more than the secrets it can name
 * (`db-AbCdEf` itself, or the secret named `db-AbCdEf`). Patterns (`-??????`, `*`) stay as they
 * are. Values known only at plan are completed by Terraform, the same way.
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html#auth-and-access_examples_wildcard
 */
export function completeSecretArns(arns: string[]): string[] {
  if (isToken(arns)) {
    return Token.asList(
      expression(
        (hcl) =>
          `flatten([for arn in ${hcl(arns)} : can(regex(${hclString(PATTERN_SECRET_ARN)}, arn)) ? [arn] : ` +
          `can(regex(${hclString(AMBIGUOUS_SECRET_ARN)}, arn)) ? [arn, "\${arn}${SECRET_SUFFIX_WILDCARD}"] : ["\${arn}${SECRET_SUFFIX_WILDCARD}"]])`,
      ),
    );
  }
  return arns.flatMap((arn) =>
    isToken(arn) || isPattern.test(arn)
      ? [arn]
      : isAmbiguous.test(arn)
        ? [arn, `${arn}${SECRET_SUFFIX_WILDCARD}`]
        : [`${arn}${SECRET_SUFFIX_WILDCARD}`],
  );
}

/**
 * The three actions that read image layers from ECR. Seed 002: these, and only these, may carry
 * the `aws:SourceVpc` / `aws:SourceVpce` conditions.
 */
export const ECR_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"];

/**
 * The rest of `AmazonECSTaskExecutionRolePolicy`. `ecr:GetAuthorizationToken` goes through the
 * Fargate-owned network interface, not the task's, so a VPC condition on it would always fail.
 */
export const UNRESTRICTED_EXECUTION_ACTIONS = ["ecr:GetAuthorizationToken", "logs:CreateLogStream", "logs:PutLogEvents"];

/**
 * A list that a policy grants or is conditioned on, with whether it holds any value: decided once
 * by the role (a `local` in the modules), for every statement and policy that depends on it.
 */
export interface GivenList {
  readonly values: string[];
  readonly given: Flag;
}

function allow(sid: string, action: string | string[], resource: string | string[]): Statement {
  return { Sid: sid, Effect: "Allow", Action: action, Resource: resource };
}

/**
 * Seed 002, "Required IAM Permissions for Private Registry Authentication": read the registry
 * credentials' secrets, and decrypt them when a customer managed key encrypts them. Each action
 * gets its own statement, so neither applies to the other's resources.
 */
export function privateRegistryPolicy(secretArns: GivenList, kmsKeyArns: GivenList): OptionalStatement[] {
  return [
    { statement: allow("ReadRegistryCredentials", "secretsmanager:GetSecretValue", secretArns.values), when: secretArns.given },
    { statement: allow("DecryptRegistryCredentials", "kms:Decrypt", kmsKeyArns.values), when: kmsKeyArns.given },
  ];
}

/**
 * Seed 002, "Required IAM Permissions for Amazon ECS Secrets": read the parameters and secrets a
 * task definition references, and decrypt those encrypted with customer managed keys.
 */
export function secretsPolicy(ssmParameterArns: GivenList, secretArns: GivenList, kmsKeyArns: GivenList): OptionalStatement[] {
  return [
    { statement: allow("ReadParameters", "ssm:GetParameters", ssmParameterArns.values), when: ssmParameterArns.given },
    { statement: allow("ReadSecrets", "secretsmanager:GetSecretValue", secretArns.values), when: secretArns.given },
    { statement: allow("DecryptSecrets", "kms:Decrypt", kmsKeyArns.values), when: kmsKeyArns.given },
  ];
}

/**
 * The `awslogs` log driver's `awslogs-create-group` option: `logs:CreateLogGroup` on the named log
 * groups only (the Amazon ECS guide, "Using the awslogs log driver"; the AWS managed policy
 * grants the stream and event actions, not this one).
 */
export function createLogGroupsPolicy(logGroupArns: GivenList): OptionalStatement[] {
  return [{ statement: allow("CreateLogGroups", "logs:CreateLogGroup", logGroupArns.values), when: logGroupArns.given }];
}

/**
 * ECR pull through cache (Amazon ECR guide, "IAM permissions required to sync an upstream registry
 * with an Amazon ECR private registry"): import the upstream image into the cached repositories
 * of the given prefixes and, when they may not exist yet, create them. Restricted to the VPCs or
 * endpoints the pulls are restricted to, so that a cached pull through the endpoint stays so:
 * one statement per combination of keys, as the pulls' own.
 */
export function pullThroughCachePolicy(
  repositoryArns: GivenList,
  creates: Flag,
  vpcIds: GivenList,
  vpcEndpointIds: GivenList,
): OptionalStatement[] {
  const byVpc = vpcIds.given;
  const byEndpoint = vpcEndpointIds.given;
  const given = repositoryArns.given;
  const statements = (sid: string, action: string, when: Flag): OptionalStatement[] => {
    const on = (condition?: { [key: string]: string[] }): Statement => ({
      ...allow(sid, action, repositoryArns.values),
      ...(condition === undefined ? {} : { Condition: { StringEquals: condition } }),
    });
    return [
      { statement: on(), when: and(when, not(byVpc), not(byEndpoint)), onlyWhenUnrestricted: true },
      { statement: on({ "aws:SourceVpc": vpcIds.values, "aws:SourceVpce": vpcEndpointIds.values }), when: and(when, byVpc, byEndpoint) },
      { statement: on({ "aws:SourceVpc": vpcIds.values }), when: and(when, byVpc, not(byEndpoint)) },
      { statement: on({ "aws:SourceVpce": vpcEndpointIds.values }), when: and(when, not(byVpc), byEndpoint) },
    ];
  };
  return [
    ...statements("ImportUpstreamImages", "ecr:BatchImportUpstreamImage", given),
    ...statements("CreateCachedRepositories", "ecr:CreateRepository", and(given, creates)),
  ];
}

/**
 * Seed 002, "Optional IAM Permissions for Fargate Tasks Pulling Amazon ECR Images over Interface
 * Endpoints": what `AmazonECSTaskExecutionRolePolicy` grants, with the three pull actions allowed
 * only through the given VPCs and/or endpoints. When both lists are given a pull must match both,
 * as in the seed's example, where both keys sit in one `StringEquals`.
 */
export function ecrPullThroughVpcPolicy(vpcIds: GivenList, vpcEndpointIds: GivenList): OptionalStatement[] {
  const byVpc = vpcIds.given;
  const byEndpoint = vpcEndpointIds.given;
  // One statement per combination of keys, so that each has a literal condition map (which the
  // policy checks can read) and exactly one of them holds, at synth or at plan.
  const pulls = (when: Flag, condition: { [key: string]: string[] }): OptionalStatement => ({
    statement: { ...allow("PullImagesThroughVpc", ECR_PULL_ACTIONS, "*"), Condition: { StringEquals: condition } },
    when,
  });
  return [
    { statement: allow("GetAuthorizationTokenAndWriteLogs", UNRESTRICTED_EXECUTION_ACTIONS, "*"), when: true },
    pulls(and(byVpc, byEndpoint), { "aws:SourceVpc": vpcIds.values, "aws:SourceVpce": vpcEndpointIds.values }),
    pulls(and(byVpc, not(byEndpoint)), { "aws:SourceVpc": vpcIds.values }),
    pulls(and(not(byVpc), byEndpoint), { "aws:SourceVpce": vpcEndpointIds.values }),
  ];
}
