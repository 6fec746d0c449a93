import { Construct } from "constructs";
import { InputsOf } from "../inputs/input";
import { RoleBase } from "./role-base";
import { ROLE_INPUTS, RoleProps } from "./role-props";
import { RoleSpec } from "./role-spec";

/** Properties of a {@link SpotFleetRole}. */
export type SpotFleetRoleProps = RoleProps;

/** How a {@link SpotFleetRole} checks its props. */
export const SPOT_FLEET_ROLE_INPUTS: InputsOf<SpotFleetRoleProps> = { ...ROLE_INPUTS };

const SPOT_FLEET_ROLE: RoleSpec<SpotFleetRoleProps> = {
  typeName: "SpotFleetRole",
  defaultRoleName: "AmazonEC2SpotFleetTaggingRole",
  managedPolicy: "service-role/AmazonEC2SpotFleetTaggingRole",
  service: "spotfleet",
  sid: "",
  inputs: SPOT_FLEET_ROLE_INPUTS,
};

/**
 * The Amazon EC2 Spot Fleet role of AWS Batch `SPOT` compute environments (the compute
 * resources' `spot_iam_fleet_role`, required with the `BEST_FIT` allocation strategy or none):
 * trusted by `spotfleet.amazonaws.com`, with the AWS managed policy
 * `service-role/AmazonEC2SpotFleetTaggingRole` attached, which also tags the Spot Instances
 * (the older `AmazonEC2SpotFleetRole` cannot). Named `AmazonEC2SpotFleetTaggingRole` by default,
 * as the AWS Batch guide creates it.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/spot_fleet_IAM_role.html
 */
export class SpotFleetRole extends RoleBase<SpotFleetRoleProps> {
  constructor(scope: Construct, id: string, props: SpotFleetRoleProps = {}) {
    super(scope, id, props, SPOT_FLEET_ROLE);
  }
}
