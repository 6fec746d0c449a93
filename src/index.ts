// Roles: the role core, and one construct per IAM role the AWS documents define.
export { IRole, RoleBase } from "./roles/role-base";
export { RoleSpec } from "./roles/role-spec";
export { PolicyStyle } from "./roles/role-policies";
export { RoleModel, PolicyModel } from "./checks/role-model";
export * from "./roles/role-props";
export * from "./roles/batch-service-role";
export * from "./roles/ecs-instance-role";
export * from "./roles/task-execution-role";
// Setups and stacks: the roles composed, as the deployable stacks and the modules use them.
export { SharedRoleSettings } from "./setups/shared-settings";
export * from "./setups/batch-setup";
export * from "./setups/ecs-fargate-setup";
export * from "./stacks/readable-stack";
export * from "./stacks/batch-stack";
export * from "./stacks/ecs-fargate-stack";
export { ImportSet, loadImportSet, applyImportSet } from "./stacks/import-set";
// Checks and reviews: the input rules, the policy checks and the permissions report.
export { ValidationError } from "./private/errors";
export { rules, Rule } from "./rules";
export { POLICY_CHECKS, PolicyCheck, checkRole } from "./checks";
export { Claim, claimsOf } from "./report/claims";
export { permissionsReport } from "./report/permissions-report";
export { PolicyDocument, Statement, OptionalStatement } from "./policies/policy-document";
