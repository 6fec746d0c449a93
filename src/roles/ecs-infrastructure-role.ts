import { Construct } from "constructs";
import { InputsOf } from "../inputs/input";
import { RoleBase } from "./role-base";
import { ROLE_INPUTS, RoleProps } from "./role-props";
import { RoleSpec } from "./role-spec";

/** Properties of an {@link EcsInfrastructureRole}. */
export type EcsInfrastructureRoleProps = RoleProps;

/** How an {@link EcsInfrastructureRole} checks its props. */
export const ECS_INFRASTRUCTURE_ROLE_INPUTS: InputsOf<EcsInfrastructureRoleProps> = { ...ROLE_INPUTS };

const ECS_INFRASTRUCTURE_ROLE: RoleSpec<EcsInfrastructureRoleProps> = {
  typeName: "EcsInfrastructureRole",
  defaultRoleName: "ecsInfrastructureRole",
  managedPolicy: "service-role/AmazonECSInfrastructureRolePolicyForVolumes",
  service: "ecs",
  sid: "AllowAccessToECSForInfrastructureManagement",
  inputs: ECS_INFRASTRUCTURE_ROLE_INPUTS,
};

/**
 * The Amazon ECS infrastructure role for Amazon EBS volumes attached to tasks (a service's or a
 * task's `managedEBSVolume.roleArn`): trusted by `ecs.amazonaws.com` with the trust policy the
 * Amazon ECS guide prints, and the AWS managed policy
 * `service-role/AmazonECSInfrastructureRolePolicyForVolumes` attached, which lets ECS create,
 * tag, attach and delete only the volumes it creates for tasks. Named `ecsInfrastructureRole` by
 * default, as the guide creates it.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
 */
export class EcsInfrastructureRole extends RoleBase<EcsInfrastructureRoleProps> {
  constructor(scope: Construct, id: string, props: EcsInfrastructureRoleProps = {}) {
    super(scope, id, props, ECS_INFRASTRUCTURE_ROLE);
  }
}
