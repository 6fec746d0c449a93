import { IResolvable } from "cdktf";
import { Construct } from "constructs";
import { flag, group, InputsOf, list, str } from "../inputs/input";
import {
  completeSecretArns,
  createLogGroupsPolicy,
  pullThroughCachePolicy,
  ecrPullThroughVpcPolicy,
  GivenList,
  privateRegistryPolicy,
  secretsPolicy,
} from "../policies/task-execution";
import { and, Flag, named, nonEmpty, not, or, orDefault } from "../private/expr";
import { partitionOf } from "../private/partition";
import { rules } from "../rules";
import { RoleBase } from "./role-base";
import { PolicyStyle } from "./role-policies";
import { ROLE_INPUTS, RoleProps } from "./role-props";
import { RoleSpec } from "./role-spec";

/**
 * Credentials for a private container registry, stored in Secrets Manager.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html
 */
export interface PrivateRegistryAccess {
  /**
   * ARNs of the Secrets Manager secrets that hold registry credentials
   * (`secretsmanager:GetSecretValue`). An ARN without the 6 characters Secrets Manager appends
   * (`…:secret:dockerhub`) is completed with `-??????`, as AWS recommends; one that ends in `-` and 6
   * letters or digits (`…:secret:app-config`) may be either, and is granted as given and completed.
   *
   * @default - none
   */
  readonly secretArns?: string[];

  /**
   * ARNs of the customer managed KMS keys that encrypt those secrets (`kms:Decrypt`). Not needed
   * for secrets encrypted with the AWS managed key.
   *
   * @default - none
   */
  readonly kmsKeyArns?: string[];
}

/**
 * Sensitive data that task definitions reference, from Parameter Store and Secrets Manager.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
 */
export interface SecretsAccess {
  /**
   * ARNs of the SSM parameters the tasks read (`ssm:GetParameters`).
   *
   * @default - none
   */
  readonly ssmParameterArns?: string[];

  /**
   * ARNs of the Secrets Manager secrets the tasks read (`secretsmanager:GetSecretValue`),
   * directly or through a parameter that references a secret. An ARN without the 6 characters
   * Secrets Manager appends (`…:secret:mydb`) is completed with `-??????`, as AWS recommends; one that
   * ends in `-` and 6 letters or digits (`…:secret:app-config`) may be either, and is granted as given
   * and completed. `*` as the Region grants the secret's replicas.
   *
   * @default - none
   */
  readonly secretArns?: string[];

  /**
   * ARNs of the customer managed KMS keys that encrypt those parameters and secrets
   * (`kms:Decrypt`).
   *
   * @default - none
   */
  readonly kmsKeyArns?: string[];
}

/**
 * Where Fargate tasks may pull ECR images from. A pull must come through one of the VPCs and,
 * when endpoints are given too, through one of the endpoints.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#task-execution-ecr-conditionkeys
 */
export interface EcrPullRestriction {
  /**
   * VPC ids (`vpc-…`) that image pulls must come from (`aws:SourceVpc`).
   *
   * @default - no VPC condition
   */
  readonly vpcIds?: string[];

  /**
   * Interface VPC endpoint ids (`vpce-…`) that image pulls must come through (`aws:SourceVpce`).
   *
   * @default - no endpoint condition
   */
  readonly vpcEndpointIds?: string[];
}

/**
 * The log groups the `awslogs` log driver may create when a task definition sets
 * `awslogs-create-group` to `true`.
 */
export interface AwslogsCreateGroup {
  /**
   * ARNs of the log groups (`arn:aws:logs:<region>:<account>:log-group:<name>`, optionally with
   * `:*`): `logs:CreateLogGroup` on these only, never on `*`.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
   */
  readonly logGroupArns?: string[];
}

/** The ECR pull through cache rules whose cached repositories tasks pull from. */
export interface PullThroughCache {
  /**
   * The cached repositories, as AWS's example names them: a rule's prefix in your registry,
   * `arn:aws:ecr:<region>:<account>:repository/<prefix>/*`, or one repository.
   * `ecr:BatchImportUpstreamImage` on these only.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html
   */
  readonly repositoryArns?: string[];
  /**
   * Whether the first pull of an image may create its cached repository (`ecr:CreateRepository`
   * on the same repositories); without it, the repositories must exist (or a repository creation
   * template's role creates them).
   *
   * @default false
   */
  readonly createRepositories?: boolean | IResolvable;
}

/** Properties of a {@link TaskExecutionRole}. */
export interface TaskExecutionRoleProps extends RoleProps {
  /**
   * Lets the agent read private registry credentials.
   *
   * @default - no private registry access
   */
  readonly privateRegistry?: PrivateRegistryAccess;

  /**
   * Lets the agent read the parameters and secrets the task definitions inject.
   *
   * @default - no access to parameters or secrets
   */
  readonly secrets?: SecretsAccess;

  /**
   * Allows ECR image pulls only through the given VPCs or VPC endpoints. The AWS managed policy,
   * which allows pulls from anywhere, is then replaced by an inline copy whose pull actions carry
   * the condition; `ecr:GetAuthorizationToken` and the log actions stay unconditioned, as AWS
   * requires.
   *
   * @default - pulls are allowed from anywhere (the AWS managed policy is attached)
   */
  readonly ecrPullRestriction?: EcrPullRestriction;

  /**
   * Lets the `awslogs` log driver create the named log groups (`awslogs-create-group: true`), which
   * `AmazonECSTaskExecutionRolePolicy` does not allow: an inline policy `CreateLogGroups` with
   * `logs:CreateLogGroup` on exactly these log groups. Without it, a task that asks the driver to
   * create its group fails to start (`ResourceInitializationError`).
   *
   * @default - the log groups must exist before the tasks start
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
   */
  readonly awslogsCreateGroup?: AwslogsCreateGroup;

  /**
   * Lets tasks pull images through ECR pull through cache rules, which
   * `AmazonECSTaskExecutionRolePolicy` does not allow: an inline policy `PullThroughCache` with
   * `ecr:BatchImportUpstreamImage` (and, with `createRepositories`, `ecr:CreateRepository`) on the
   * rules' repositories only. With `ecrPullRestriction`, these carry the same VPC conditions as the
   * pulls.
   *
   * @default - pulls of cached images that are not yet in the cache fail
   * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html
   */
  readonly pullThroughCache?: PullThroughCache;

  /**
   * The account ECS may assume the role for: adds `aws:SourceAccount` and an `aws:SourceArn`
   * pattern of that account's ECS resources to the trust statement (confused-deputy protection).
   *
   * @default - the trust policy is exactly the one AWS documents
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
   */
  readonly sourceAccountId?: string;

  /**
   * How the optional policies are attached: as inline policies (as the AWS documentation does),
   * or as customer managed policies named `<role name>-<purpose>`, for organisations that forbid
   * inline policies.
   *
   * @default "inline"
   */
  readonly policyStyle?: PolicyStyle;
}

/** How a {@link TaskExecutionRole} checks its props. */
export const TASK_EXECUTION_ROLE_INPUTS: InputsOf<TaskExecutionRoleProps> = {
  ...ROLE_INPUTS,
  privateRegistry: group<PrivateRegistryAccess>({ secretArns: list(rules.secretArn), kmsKeyArns: list(rules.kmsKeyArn) }),
  secrets: group<SecretsAccess>({
    ssmParameterArns: list(rules.ssmParameterArn),
    secretArns: list(rules.secretArn),
    kmsKeyArns: list(rules.kmsKeyArn),
  }),
  ecrPullRestriction: group<EcrPullRestriction>({ vpcIds: list(rules.vpcId), vpcEndpointIds: list(rules.vpcEndpointId) }),
  awslogsCreateGroup: group<AwslogsCreateGroup>({ logGroupArns: list(rules.logGroupArn) }),
  pullThroughCache: group<PullThroughCache>({ repositoryArns: list(rules.ecrRepositoryArn), createRepositories: flag() }),
  sourceAccountId: str(rules.accountId),
  policyStyle: str(rules.policyStyle),
};

const TASK_EXECUTION_ROLE: RoleSpec<TaskExecutionRoleProps> = {
  typeName: "TaskExecutionRole",
  defaultRoleName: "ecsTaskExecutionRole",
  managedPolicy: "service-role/AmazonECSTaskExecutionRolePolicy",
  service: "ecs-tasks",
  sid: "",
  inputs: TASK_EXECUTION_ROLE_INPUTS,
  trustGuard: (props, role) => ({
    sourceAccount: props.sourceAccountId,
    sourceArnPattern: (account) => `arn:${partitionOf(role)}:ecs:*:${account}:*`,
  }),
  // The managed policy allows pulls from anywhere: a restriction replaces it by the inline copy.
  attachesManagedPolicy: (props, role) => not(ecrPullRestriction(role, props).restricted),
};

/**
 * A list input, as the policies grant it (`grant`), with whether it holds any value: decided once,
 * a `local` named after `id` in the modules.
 */
function listInput(role: Construct, id: string, values: string[] | undefined, grant = (v: string[]) => v): GivenList {
  return { values: grant(values ?? []), given: named(role, id, nonEmpty(values)) };
}

/** Through which VPCs and endpoints ECR pulls must come, and whether they are restricted at all: each decided once. */
function ecrPullRestriction(role: Construct, props: TaskExecutionRoleProps): { vpcs: GivenList; endpoints: GivenList; restricted: Flag } {
  const restriction = props.ecrPullRestriction ?? {};
  const vpcs = listInput(role, "EcrPullsByVpc", restriction.vpcIds);
  const endpoints = listInput(role, "EcrPullsByEndpoint", restriction.vpcEndpointIds);
  return { vpcs, endpoints, restricted: named(role, "EcrPullsRestricted", or(vpcs.given, endpoints.given)) };
}

/**
 * The ECS task execution role (seeds 000, 001 and 002), which the ECS and Fargate agents use to
 * pull images, write logs and fetch secrets: trusted by `ecs-tasks.amazonaws.com`, with the AWS
 * managed policy `service-role/AmazonECSTaskExecutionRolePolicy` attached, and the optional
 * policies of seed 002. Named `ecsTaskExecutionRole` by default.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
 */
export class TaskExecutionRole extends RoleBase<TaskExecutionRoleProps> {
  constructor(scope: Construct, id: string, props: TaskExecutionRoleProps = {}) {
    super(scope, id, props, TASK_EXECUTION_ROLE);
    const { privateRegistry: registry = {}, secrets = {} } = this.props;
    const style = orDefault(this.props.policyStyle, "inline");
    const registrySecrets = listInput(this, "ReadsRegistryCredentials", registry.secretArns, completeSecretArns);
    const registryKeys = listInput(this, "DecryptsRegistryCredentials", registry.kmsKeyArns);
    this.addPolicy(
      "PrivateRegistryPolicy",
      "PrivateRegistryAuthentication",
      privateRegistryPolicy(registrySecrets, registryKeys),
      named(this, "PrivateRegistryAccess", or(registrySecrets.given, registryKeys.given)),
      style,
    );
    const parameters = listInput(this, "ReadsParameters", secrets.ssmParameterArns);
    const secretArns = listInput(this, "ReadsSecrets", secrets.secretArns, completeSecretArns);
    const secretKeys = listInput(this, "DecryptsSecrets", secrets.kmsKeyArns);
    this.addPolicy(
      "SecretsPolicy",
      "EcsSecrets",
      secretsPolicy(parameters, secretArns, secretKeys),
      named(this, "SecretsAccess", or(parameters.given, secretArns.given, secretKeys.given)),
      style,
    );
    const logGroups = listInput(this, "CreatesLogGroups", this.props.awslogsCreateGroup?.logGroupArns);
    this.addPolicy("CreateLogGroupsPolicy", "CreateLogGroups", createLogGroupsPolicy(logGroups), logGroups.given, style);
    const pulls = ecrPullRestriction(this, this.props);
    this.addPolicy("EcrPullPolicy", "EcrPullThroughVpc", ecrPullThroughVpcPolicy(pulls.vpcs, pulls.endpoints), pulls.restricted, style);
    const cache = this.props.pullThroughCache ?? {};
    const cached = listInput(this, "ImportsUpstreamImages", cache.repositoryArns);
    const creates = named(this, "CreatesCachedRepositories", and(cached.given, orDefault(cache.createRepositories, false)));
    this.addPolicy(
      "PullThroughCachePolicy",
      "PullThroughCache",
      pullThroughCachePolicy(cached, creates, pulls.vpcs, pulls.endpoints),
      cached.given,
      style,
    );
  }
}
