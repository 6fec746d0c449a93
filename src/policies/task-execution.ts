import { choose, concat, merge, nonEmpty, onlyIf } from "../private/expr";
import { PolicyDocument, Statement } from "../private/policy-document";

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

function policy(...statements: Statement[][]): PolicyDocument {
  return { Version: "2012-10-17", Statement: concat(...statements) };
}

/**
 * Seed 002, "Required IAM Permissions for Private Registry Authentication": read the registry
 * credentials' secrets, and decrypt them when a customer managed key encrypts them. Each action
 * gets its own statement, so neither applies to the other's resources.
 */
export function privateRegistryPolicy(secretArns: string[], kmsKeyArns: string[]): PolicyDocument {
  return policy(
    onlyIf(nonEmpty(secretArns), [allow("ReadRegistryCredentials", "secretsmanager:GetSecretValue", secretArns)]),
    onlyIf(nonEmpty(kmsKeyArns), [allow("DecryptRegistryCredentials", "kms:Decrypt", kmsKeyArns)]),
  );
}

/**
 * Seed 002, "Required IAM Permissions for Amazon ECS Secrets": read the parameters and secrets a
 * task definition references, and decrypt those encrypted with customer managed keys.
 */
export function secretsPolicy(ssmParameterArns: string[], secretArns: string[], kmsKeyArns: string[]): PolicyDocument {
  return policy(
    onlyIf(nonEmpty(ssmParameterArns), [allow("ReadParameters", "ssm:GetParameters", ssmParameterArns)]),
    onlyIf(nonEmpty(secretArns), [allow("ReadSecrets", "secretsmanager:GetSecretValue", secretArns)]),
    onlyIf(nonEmpty(kmsKeyArns), [allow("DecryptSecrets", "kms:Decrypt", kmsKeyArns)]),
  );
}

/**
 * Seed 002, "Optional IAM Permissions for Fargate Tasks Pulling Amazon ECR Images over Interface
 * Endpoints": what `AmazonECSTaskExecutionRolePolicy` grants, with the three pull actions allowed
 * only through the given VPCs and/or endpoints. When both lists are given a pull must match both,
 * as in the seed's example, where both keys sit in one `StringEquals`.
 */
export function ecrPullThroughVpcPolicy(vpcIds: string[], vpcEndpointIds: string[]): PolicyDocument {
  const none: { [key: string]: string[] } = {};
  const condition = merge(
    choose(nonEmpty(vpcIds), { "aws:SourceVpc": vpcIds }, none),
    choose(nonEmpty(vpcEndpointIds), { "aws:SourceVpce": vpcEndpointIds }, none),
  );
  return policy(
    [allow("GetAuthorizationTokenAndWriteLogs", UNRESTRICTED_EXECUTION_ACTIONS, "*")],
    [{ ...allow("PullImagesThroughVpc", ECR_PULL_ACTIONS, "*"), Condition: { StringEquals: condition } }],
  );
}
