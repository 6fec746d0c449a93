// Roles: one construct per IAM role the AWS documents define.
export * from "./roles/role-props";
export * from "./roles/batch-service-role";
export * from "./roles/ecs-instance-role";
export * from "./roles/task-execution-role";
// Setups and stacks: the roles composed, as the deployable stacks and the modules use them.
export * from "./setups/shared-settings";
export * from "./setups/batch-setup";
export * from "./setups/ecs-fargate-setup";
export * from "./stacks/batch-stack";
export * from "./stacks/ecs-fargate-stack";
// Checks and reviews: the rules, the policy checks and the permissions report.
export { ValidationError } from "./private/errors";
export { rules, Rule } from "./rules";
export { POLICY_CHECKS, PolicyCheck, checkRole } from "./checks";
export { permissionsReport, Claim } from "./report/permissions-report";
export { RoleModel, PolicyModel } from "./private/role-model";
