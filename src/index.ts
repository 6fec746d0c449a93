// The package's public API, name by name: the constructs other apps import, what they are built
// of and checked by, and the app's stacks. Everything else (input tables, statement builders,
// helpers) is internal and may change without notice.

// Roles: the role core, and one construct per IAM role the AWS documents define.
export { RoleBase } from "./roles/role-base";
export type { IRole } from "./roles/role-base";
export type { RoleSpec } from "./roles/role-spec";
export type { PolicyStyle } from "./roles/role-policies";
// The common props, and their descriptors: the `inputs` a RoleSpec of a role of one's own starts from.
export { ROLE_INPUTS } from "./roles/role-props";
export type { RoleProps } from "./roles/role-props";
export { BatchServiceRole } from "./roles/batch-service-role";
export type { BatchServiceRoleProps } from "./roles/batch-service-role";
export { BatchServiceLinkedRole } from "./roles/batch-service-linked-role";
export type { BatchServiceLinkedRoleProps } from "./roles/batch-service-linked-role";
export { EcsInstanceRole } from "./roles/ecs-instance-role";
export type { EcsInstanceRoleProps } from "./roles/ecs-instance-role";
export { SpotFleetRole } from "./roles/spot-fleet-role";
export type { SpotFleetRoleProps } from "./roles/spot-fleet-role";
export { EcsInfrastructureRole } from "./roles/ecs-infrastructure-role";
export type { EcsInfrastructureRoleProps } from "./roles/ecs-infrastructure-role";
export { TaskRole } from "./roles/task-role";
export type { TaskRoleProps, TaskRoleStatement, TaskRoleCondition } from "./roles/task-role";
export { TaskExecutionRole } from "./roles/task-execution-role";
export type {
  TaskExecutionRoleProps,
  PrivateRegistryAccess,
  SecretsAccess,
  EcrPullRestriction,
  AwslogsCreateGroup,
  PullThroughCache,
} from "./roles/task-execution-role";
// Setups and stacks: the roles composed, as the deployable stacks and the modules use them.
export type { SharedRoleSettings } from "./setups/shared-settings";
export { BatchSetup } from "./setups/batch-setup";
export type { BatchSetupProps } from "./setups/batch-setup";
export { EcsFargateSetup } from "./setups/ecs-fargate-setup";
export type { EcsFargateSetupProps } from "./setups/ecs-fargate-setup";
export { ReadableStack } from "./stacks/readable-stack";
export { BatchStack } from "./stacks/batch-stack";
export { EcsFargateStack } from "./stacks/ecs-fargate-stack";
export { loadImportSet, applyImportSet } from "./stacks/import-set";
export type { ImportSet } from "./stacks/import-set";
// Checks and reviews: the input rules, the policy checks and the permissions report.
export { ValidationError } from "./private/errors";
export { rules } from "./rules";
export type { Rule } from "./rules";
export { POLICY_CHECKS, checkRole } from "./checks";
export type { PolicyCheck } from "./checks";
export type { RoleModel, PolicyModel } from "./checks/role-model";
export { claimsOf } from "./report/claims";
export type { Claim } from "./report/claims";
export { permissionsReport } from "./report/permissions-report";
export type { PolicyDocument, Statement, OptionalStatement } from "./policies/policy-document";
