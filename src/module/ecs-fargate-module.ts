import { ECS_FARGATE_OUTPUTS, ECS_FARGATE_SETUP_INPUTS, EcsFargateSetup, EcsFargateSetupProps } from "../setups/ecs-fargate-setup";
import { ModuleDefinition } from "./module-definition";
import { SHARED_VARIABLES } from "./shared-variables";

/** `modules/ecs-fargate`: the ECS task execution role and its optional policies for plain Terraform. */
export const ECS_FARGATE_MODULE: ModuleDefinition<EcsFargateSetup, EcsFargateSetupProps> = {
  name: "ecs-fargate",
  title: "Amazon ECS on Fargate task execution role",
  purpose:
    "The ECS task execution role as AWS documents it (`ecsTaskExecutionRole`, trusted by " +
    "`ecs-tasks.amazonaws.com`, with `AmazonECSTaskExecutionRolePolicy`), and the optional policies " +
    "AWS describes for it: private registry credentials, ECS secrets from Parameter Store and Secrets " +
    "Manager with their KMS keys, and ECR image pulls allowed only through given VPCs or VPC endpoints. " +
    "Each optional policy exists only when its list is non-empty. When asked for (`create_infrastructure_role`), the Amazon ECS " +
    "infrastructure role for Amazon EBS volumes attached to tasks (`ecsInfrastructureRole`, trusted by `ecs.amazonaws.com`, with " +
    "`AmazonECSInfrastructureRolePolicyForVolumes`). When asked for (`create_task_role`), the application's task role (`ecsTaskRole`, " +
    "trusted by `ecs-tasks.amazonaws.com`), with ECS Exec and the application's own statements.",
  inputs: ECS_FARGATE_SETUP_INPUTS,
  variables: [
    {
      name: "execution_role_name",
      feeds: "executionRole.roleName",
      prefixable: true,
      description: "Name of the task execution role.",
      default: "ecsTaskExecutionRole",
    },
    {
      name: "adopt_execution_role",
      feeds: "executionRole.adopt",
      description:
        "Whether the task execution role already exists in the account and the caller's `import` blocks bring it under management (Terraform allows no `import` block in a module; see `examples/adopt-existing`). Refuses, at plan, a role that is not created or is named by a prefix.",
      default: false,
    },
    {
      name: "private_registry_secret_arns",
      feeds: "executionRole.privateRegistry.secretArns",
      description: "Secrets Manager secrets holding private registry credentials (`secretsmanager:GetSecretValue`).",
      default: [],
    },
    {
      name: "secret_arns",
      feeds: "executionRole.secrets.secretArns",
      description: "Secrets Manager secrets that task definitions inject (`secretsmanager:GetSecretValue`).",
      default: [],
    },
    {
      name: "ssm_parameter_arns",
      feeds: "executionRole.secrets.ssmParameterArns",
      description: "SSM parameters that task definitions inject (`ssm:GetParameters`).",
      default: [],
    },
    {
      name: "kms_key_arns",
      feeds: "executionRole.secrets.kmsKeyArns",
      description:
        "Customer managed KMS keys that encrypt the secrets or parameters of `private_registry_secret_arns`, `secret_arns` and `ssm_parameter_arns` (`kms:Decrypt`).",
      default: [],
    },
    {
      name: "ecr_pull_vpc_ids",
      feeds: "executionRole.ecrPullRestriction.vpcIds",
      description:
        "VPCs that ECR image pulls must come from (`aws:SourceVpc`); non-empty replaces the AWS managed policy by an equivalent inline policy with the condition on the pull actions.",
      default: [],
    },
    {
      name: "ecr_pull_vpce_ids",
      feeds: "executionRole.ecrPullRestriction.vpcEndpointIds",
      description:
        "Interface VPC endpoints that ECR image pulls must come through (`aws:SourceVpce`); with `ecr_pull_vpc_ids` too, a pull must match both.",
      default: [],
    },
    {
      name: "create_log_group_arns",
      feeds: "executionRole.awslogsCreateGroup.logGroupArns",
      description:
        "Log groups the `awslogs` log driver may create (`awslogs-create-group`): `logs:CreateLogGroup` on these ARNs only, in an inline policy `CreateLogGroups`.",
      default: [],
    },
    {
      name: "pull_through_cache_repository_arns",
      feeds: "executionRole.pullThroughCache.repositoryArns",
      description:
        "Cached repositories of ECR pull through cache rules (`arn:<partition>:ecr:<region>:<account>:repository/<prefix>/*`): `ecr:BatchImportUpstreamImage` on these only, in an inline policy `PullThroughCache`, with the VPC conditions of the ECR pull restriction when there is one.",
      default: [],
    },
    {
      name: "pull_through_cache_create_repositories",
      feeds: "executionRole.pullThroughCache.createRepositories",
      description: "Whether the first pull of a cached image may create its repository (`ecr:CreateRepository` on the same repositories).",
      default: false,
    },
    {
      name: "policy_style",
      feeds: "executionRole.policyStyle",
      description:
        'How the optional policies are attached: "inline", or "managed" for customer managed policies named `<role>-<purpose>`, where inline policies are forbidden.',
      default: "inline",
    },
    {
      name: "create_infrastructure_role",
      feeds: "infrastructureRole.create",
      description:
        "Whether to create the Amazon ECS infrastructure role named by `infrastructure_role_name`, for Amazon EBS volumes attached to tasks (`managed_ebs_volume.role_arn`).",
      default: false,
    },
    {
      name: "infrastructure_role_name",
      feeds: "infrastructureRole.roleName",
      prefixable: true,
      description: "Name of the Amazon ECS infrastructure role.",
      default: "ecsInfrastructureRole",
    },
    {
      name: "adopt_infrastructure_role",
      feeds: "infrastructureRole.adopt",
      description:
        "Whether the Amazon ECS infrastructure role already exists in the account and the caller's `import` blocks bring it under management (Terraform allows no `import` block in a module; see `examples/adopt-existing`). Refuses, at plan, a role that is not created or is named by a prefix.",
      default: false,
    },
    {
      name: "create_task_role",
      feeds: "taskRole.create",
      description:
        "Whether to create the task role named by `task_role_name`, the application's own (a task definition's `task_role_arn`, a Batch job definition's `job_role_arn`).",
      default: false,
    },
    {
      name: "task_role_name",
      feeds: "taskRole.roleName",
      prefixable: true,
      description: "Name of the task role.",
      default: "ecsTaskRole",
    },
    {
      name: "adopt_task_role",
      feeds: "taskRole.adopt",
      description:
        "Whether the task role already exists in the account and the caller's `import` blocks bring it under management (Terraform allows no `import` block in a module; see `examples/adopt-existing`). Refuses, at plan, a role that is not created or is named by a prefix.",
      default: false,
    },
    {
      name: "task_role_exec_command",
      feeds: "taskRole.execCommand",
      description:
        "Whether the task role allows ECS Exec (`ecs execute-command`): the four `ssmmessages` channel actions, on `*`, in an inline policy `EcsExec`.",
      default: false,
    },
    {
      name: "task_role_statements",
      feeds: "taskRole.statements",
      description:
        "The application's own permissions, as terraform-aws-ecs's `tasks_iam_role_statements`: statements of `actions`, `resources` and optional `sid`, `effect` and `conditions` (`test`, `variable`, `values`), in an inline policy `TaskPermissions`; at plan, an `Allow` statement may grant neither a wildcard action nor `iam:PassRole` unless the switches below say so.",
      default: [],
    },
    {
      name: "task_role_allow_wildcard_actions",
      feeds: "taskRole.allowWildcardActions",
      description: "Whether `task_role_statements` may allow actions with `*` or `?`, which grant every matching action AWS adds later.",
      default: false,
    },
    {
      name: "task_role_allow_pass_role",
      feeds: "taskRole.allowPassRole",
      description:
        "Whether `task_role_statements` may allow `iam:PassRole` (by name or by a wildcard), a privilege-escalation path: scope it to the roles' ARNs and an `iam:PassedToService` condition.",
      default: false,
    },
    ...SHARED_VARIABLES,
  ],
  outputs: ECS_FARGATE_OUTPUTS,
  setup: (scope, props) => new EcsFargateSetup(scope, "Default", props),
  usage: `
execution_role_name          = "web-execution"
private_registry_secret_arns = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:dockerhub-AbCdEf"]
secret_arns                  = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-AbCdEf"]
ssm_parameter_arns           = ["arn:aws:ssm:eu-west-1:111122223333:parameter/app/db-host"]
kms_key_arns                 = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
ecr_pull_vpce_ids            = ["vpce-0123456789abcdef0"]
`,
  notes: `
With \`ecr_pull_vpc_ids\` or \`ecr_pull_vpce_ids\`, \`AmazonECSTaskExecutionRolePolicy\` is not attached:
it allows the ECR pull actions from anywhere, which would undo the restriction. An inline policy
grants \`ecr:GetAuthorizationToken\` and the log actions without condition (AWS: that call goes
through the Fargate-owned network interface) and the three pull actions only with the condition.
`,
};
