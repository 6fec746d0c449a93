import { rules } from "../rules";
import { ECS_FARGATE_OUTPUTS, EcsFargateSetup } from "../setups/ecs-fargate-setup";
import { ModuleDefinition } from "./module-definition";
import { roleNaming, SHARED_VARIABLES } from "./shared-variables";

/** `modules/ecs-fargate`: the ECS task execution role and its optional policies for plain Terraform. */
export const ECS_FARGATE_MODULE: ModuleDefinition<EcsFargateSetup> = {
  name: "ecs-fargate",
  title: "Amazon ECS on Fargate task execution role",
  purpose:
    "The ECS task execution role as AWS documents it (`ecsTaskExecutionRole`, trusted by " +
    "`ecs-tasks.amazonaws.com`, with `AmazonECSTaskExecutionRolePolicy`), and the optional policies " +
    "AWS describes for it: private registry credentials, ECS secrets from Parameter Store and Secrets " +
    "Manager with their KMS keys, and ECR image pulls allowed only through given VPCs or VPC endpoints. " +
    "Each optional policy exists only when its list is non-empty.",
  variables: [
    {
      name: "execution_role_name",
      type: "string",
      description: "Name of the task execution role.",
      default: "ecsTaskExecutionRole",
      rule: rules.roleName,
    },
    {
      name: "private_registry_secret_arns",
      type: "list(string)",
      description: "Secrets Manager secrets holding private registry credentials (`secretsmanager:GetSecretValue`).",
      default: [],
      rule: rules.secretArn,
    },
    {
      name: "secret_arns",
      type: "list(string)",
      description: "Secrets Manager secrets that task definitions inject (`secretsmanager:GetSecretValue`).",
      default: [],
      rule: rules.secretArn,
    },
    {
      name: "ssm_parameter_arns",
      type: "list(string)",
      description: "SSM parameters that task definitions inject (`ssm:GetParameters`).",
      default: [],
      rule: rules.ssmParameterArn,
    },
    {
      name: "kms_key_arns",
      type: "list(string)",
      description:
        "Customer managed KMS keys that encrypt the secrets or parameters of `private_registry_secret_arns`, `secret_arns` and `ssm_parameter_arns` (`kms:Decrypt`).",
      default: [],
      rule: rules.kmsKeyArn,
    },
    {
      name: "ecr_pull_vpc_ids",
      type: "list(string)",
      description:
        "VPCs that ECR image pulls must come from (`aws:SourceVpc`); non-empty replaces the AWS managed policy by an equivalent inline policy with the condition on the pull actions.",
      default: [],
      rule: rules.vpcId,
    },
    {
      name: "ecr_pull_vpce_ids",
      type: "list(string)",
      description:
        "Interface VPC endpoints that ECR image pulls must come through (`aws:SourceVpce`); with `ecr_pull_vpc_ids` too, a pull must match both.",
      default: [],
      rule: rules.vpcEndpointId,
    },
    {
      name: "policy_style",
      type: "string",
      description:
        'How the optional policies are attached: "inline", or "managed" for customer managed policies named `<role>-<purpose>`, where inline policies are forbidden.',
      default: "inline",
      rule: rules.policyStyle,
    },
    ...SHARED_VARIABLES,
  ],
  outputs: ECS_FARGATE_OUTPUTS,
  build: (scope, v) =>
    new EcsFargateSetup(scope, "Default", {
      path: v.string("path"),
      permissionsBoundary: v.string("permissions_boundary"),
      tags: v.map("tags"),
      sourceAccountId: v.string("source_account_id"),
      executionRole: {
        ...roleNaming(v, "execution_role_name"),
        policyStyle: v.string("policy_style") as "inline",
        privateRegistry: { secretArns: v.list("private_registry_secret_arns") },
        secrets: {
          ssmParameterArns: v.list("ssm_parameter_arns"),
          secretArns: v.list("secret_arns"),
          kmsKeyArns: v.list("kms_key_arns"),
        },
        ecrPullRestriction: { vpcIds: v.list("ecr_pull_vpc_ids"), vpcEndpointIds: v.list("ecr_pull_vpce_ids") },
      },
    }),
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
