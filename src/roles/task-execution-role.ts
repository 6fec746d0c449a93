import { Construct } from "constructs";
import { ecrPullThroughVpcPolicy, privateRegistryPolicy, secretsPolicy } from "../policies/task-execution";
import { nonEmpty, not, or, orDefault } from "../private/expr";
import { partitionOf } from "../private/partition";
import { PolicyStyle, RoleBase } from "./role-base";
import { InputChecker } from "../rules/input-checker";
import { rules } from "../rules";
import { RoleProps } from "./role-props";

/**
 * Credentials for a private container registry, stored in Secrets Manager.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html
 */
export interface PrivateRegistryAccess {
  /**
   * ARNs of the Secrets Manager secrets that hold registry credentials
   * (`secretsmanager:GetSecretValue`).
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
   * directly or through a parameter that references a secret.
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

/**
 * The ECS task execution role (seeds 000, 001 and 002), which the ECS and Fargate agents use to
 * pull images, write logs and fetch secrets: trusted by `ecs-tasks.amazonaws.com`, with the AWS
 * managed policy `service-role/AmazonECSTaskExecutionRolePolicy` attached, and the optional
 * policies of seed 002. Named `ecsTaskExecutionRole` by default.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
 */
export class TaskExecutionRole extends RoleBase {
  constructor(scope: Construct, id: string, props: TaskExecutionRoleProps = {}) {
    const registry = props.privateRegistry ?? {};
    const secrets = props.secrets ?? {};
    const restriction = props.ecrPullRestriction ?? {};
    const restricted = or(nonEmpty(restriction.vpcIds), nonEmpty(restriction.vpcEndpointIds));

    super(scope, id, props, {
      typeName: "TaskExecutionRole",
      defaultRoleName: "ecsTaskExecutionRole",
      managedPolicy: "service-role/AmazonECSTaskExecutionRolePolicy",
      attachManagedPolicy: not(restricted),
      service: "ecs-tasks",
      sid: "",
      guard: (self) => ({
        sourceAccount: props.sourceAccountId,
        sourceArnPattern: (account) => `arn:${partitionOf(self)}:ecs:*:${account}:*`,
      }),
      createOnly: {
        privateRegistry: props.privateRegistry,
        secrets: props.secrets,
        ecrPullRestriction: props.ecrPullRestriction,
        sourceAccountId: props.sourceAccountId,
        policyStyle: props.policyStyle,
      },
      checkProps: (check) => checkExecutionProps(check, props),
    });

    const style = orDefault(props.policyStyle, "inline");
    this.addPolicy(
      "PrivateRegistryPolicy",
      "PrivateRegistryAuthentication",
      privateRegistryPolicy(registry.secretArns ?? [], registry.kmsKeyArns ?? []),
      or(nonEmpty(registry.secretArns), nonEmpty(registry.kmsKeyArns)),
      style,
    );
    this.addPolicy(
      "SecretsPolicy",
      "EcsSecrets",
      secretsPolicy(secrets.ssmParameterArns ?? [], secrets.secretArns ?? [], secrets.kmsKeyArns ?? []),
      or(nonEmpty(secrets.ssmParameterArns), nonEmpty(secrets.secretArns), nonEmpty(secrets.kmsKeyArns)),
      style,
    );
    this.addPolicy(
      "EcrPullPolicy",
      "EcrPullThroughVpc",
      ecrPullThroughVpcPolicy(restriction.vpcIds ?? [], restriction.vpcEndpointIds ?? []),
      restricted,
      style,
    );
  }
}

function checkExecutionProps(check: InputChecker, props: TaskExecutionRoleProps): void {
  check.group("privateRegistry", props.privateRegistry, ["secretArns", "kmsKeyArns"]);
  check.group("secrets", props.secrets, ["ssmParameterArns", "secretArns", "kmsKeyArns"]);
  check.group("ecrPullRestriction", props.ecrPullRestriction, ["vpcIds", "vpcEndpointIds"]);
  check.value("sourceAccountId", props.sourceAccountId, rules.accountId);
  check.list("privateRegistry.secretArns", props.privateRegistry?.secretArns, rules.secretArn);
  check.list("privateRegistry.kmsKeyArns", props.privateRegistry?.kmsKeyArns, rules.kmsKeyArn);
  check.list("secrets.ssmParameterArns", props.secrets?.ssmParameterArns, rules.ssmParameterArn);
  check.list("secrets.secretArns", props.secrets?.secretArns, rules.secretArn);
  check.list("secrets.kmsKeyArns", props.secrets?.kmsKeyArns, rules.kmsKeyArn);
  check.list("ecrPullRestriction.vpcIds", props.ecrPullRestriction?.vpcIds, rules.vpcId);
  check.list("ecrPullRestriction.vpcEndpointIds", props.ecrPullRestriction?.vpcEndpointIds, rules.vpcEndpointId);
  check.value("policyStyle", props.policyStyle, rules.policyStyle);
}
