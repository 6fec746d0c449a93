import { and, Flag, isToken, nonEmpty, not } from "../private/expr";
import { expression, hclString } from "../private/hcl";
import { OptionalStatement, Statement } from "./policy-document";
import { Token } from "cdktf";

/**
 * How a secret ARN reads when it is complete: Secrets Manager appends "-" and 6 random characters
 * to every secret's ARN, and IAM compares the whole ARN; "-??????" or "*" match them.
 */
const COMPLETE_SECRET_ARN = "(-[A-Za-z0-9]{6}|-[?]{6}|[*])$";
const complete = new RegExp(COMPLETE_SECRET_ARN);

/** The wildcard AWS recommends in place of the 6 random characters Secrets Manager appends to a secret's ARN. */
export const SECRET_SUFFIX_WILDCARD = "-??????";

/**
 * Secret ARNs as IAM must match them. An ARN given by name (`…:secret:mydb`, as the AWS documents
 * write it) would match no secret: its real ARN ends in 6 random characters
 * (`…:secret:mydb-AbCdEf`). So it gets `-??????`, as AWS recommends; complete ARNs and patterns
 * stay as they are. Values known only at plan are completed by Terraform, the same way.
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html#auth-and-access_examples_wildcard
 */
export function completeSecretArns(arns: string[]): string[] {
  if (isToken(arns)) {
    return Token.asList(
      expression(
        (hcl) =>
          `[for arn in ${hcl(arns)} : can(regex(${hclString(COMPLETE_SECRET_ARN)}, arn)) ? arn : "\${arn}${SECRET_SUFFIX_WILDCARD}"]`,
      ),
    );
  }
  return arns.map((arn) => (isToken(arn) || complete.test(arn) ? arn : `${arn}${SECRET_SUFFIX_WILDCARD}`));
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

function allow(sid: string, action: string | string[], resource: string | string[]): Statement {
  return { Sid: sid, Effect: "Allow", Action: action, Resource: resource };
}

/**
 * Seed 002, "Required IAM Permissions for Private Registry Authentication": read the registry
 * credentials' secrets, and decrypt them when a customer managed key encrypts them. Each action
 * gets its own statement, so neither applies to the other's resources.
 */
export function privateRegistryPolicy(secretArns: string[], kmsKeyArns: string[]): OptionalStatement[] {
  return [
    { statement: allow("ReadRegistryCredentials", "secretsmanager:GetSecretValue", secretArns), when: nonEmpty(secretArns) },
    { statement: allow("DecryptRegistryCredentials", "kms:Decrypt", kmsKeyArns), when: nonEmpty(kmsKeyArns) },
  ];
}

/**
 * Seed 002, "Required IAM Permissions for Amazon ECS Secrets": read the parameters and secrets a
 * task definition references, and decrypt those encrypted with customer managed keys.
 */
export function secretsPolicy(ssmParameterArns: string[], secretArns: string[], kmsKeyArns: string[]): OptionalStatement[] {
  return [
    { statement: allow("ReadParameters", "ssm:GetParameters", ssmParameterArns), when: nonEmpty(ssmParameterArns) },
    { statement: allow("ReadSecrets", "secretsmanager:GetSecretValue", secretArns), when: nonEmpty(secretArns) },
    { statement: allow("DecryptSecrets", "kms:Decrypt", kmsKeyArns), when: nonEmpty(kmsKeyArns) },
  ];
}

/**
 * Seed 002, "Optional IAM Permissions for Fargate Tasks Pulling Amazon ECR Images over Interface
 * Endpoints": what `AmazonECSTaskExecutionRolePolicy` grants, with the three pull actions allowed
 * only through the given VPCs and/or endpoints. When both lists are given a pull must match both,
 * as in the seed's example, where both keys sit in one `StringEquals`.
 */
export function ecrPullThroughVpcPolicy(vpcIds: string[], vpcEndpointIds: string[]): OptionalStatement[] {
  const byVpc = nonEmpty(vpcIds);
  const byEndpoint = nonEmpty(vpcEndpointIds);
  // One statement per combination of keys, so that each has a literal condition map (which the
  // policy checks can read) and exactly one of them holds, at synth or at plan.
  const pulls = (when: Flag, condition: { [key: string]: string[] }): OptionalStatement => ({
    statement: { ...allow("PullImagesThroughVpc", ECR_PULL_ACTIONS, "*"), Condition: { StringEquals: condition } },
    when,
  });
  return [
    { statement: allow("GetAuthorizationTokenAndWriteLogs", UNRESTRICTED_EXECUTION_ACTIONS, "*"), when: true },
    pulls(and(byVpc, byEndpoint), { "aws:SourceVpc": vpcIds, "aws:SourceVpce": vpcEndpointIds }),
    pulls(and(byVpc, not(byEndpoint)), { "aws:SourceVpc": vpcIds }),
    pulls(and(not(byVpc), byEndpoint), { "aws:SourceVpce": vpcEndpointIds }),
  ];
}
