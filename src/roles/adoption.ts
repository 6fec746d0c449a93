import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { TerraformResource } from "cdktf";
import { IConstruct } from "constructs";
import { SHAPE_CODES } from "../inputs/check";
import { addStackPrecondition, condition, inputName } from "../inputs/plan-checks";
import { Flag, isToken } from "../private/expr";
import { escapeTemplate } from "../private/hcl";
import { variableOf } from "../private/validated";
import { RoleProps } from "./role-props";

/**
 * What a role or instance profile keeps as the account has it (`ignore_changes`), by resource type:
 * IAM cannot change a role's or an instance profile's path without replacing it (the consoles put
 * some roles under `/service-role/`), and it does not store a role's `force_detach_policies`, which
 * the AWS provider therefore imports as false. Without these, adopting a role the audit calls `ok`
 * would plan a change, and so would every plan after the import set that adopted it is removed.
 * So every role and profile keeps them, adopted or created: a path is where it was made. (At
 * destroy the provider detaches and deletes every policy it read on the role, whatever that flag.)
 */
const KEPT: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ["path", "force_detach_policies"],
  aws_iam_instance_profile: ["path"],
};

/** Makes a role or instance profile keep what it has that IAM cannot change or does not store. */
export function keepWhatIamCannotChange(resource: TerraformResource): void {
  const kept = KEPT[resource.terraformResourceType];
  if (kept === undefined) return;
  resource.lifecycle = { ...resource.lifecycle, ignoreChanges: [...kept] };
}

/**
 * Adopts the role when `adopt` is true and the role is created under a name (not a prefix): imports
 * it by that name, which is returned, for what else the role owns to be imported by. Undefined when
 * the role is not adopted.
 */
export function adoptRole(role: IamRole, name: string | undefined, props: RoleProps, created: Flag): string | undefined {
  const adopts = props.adopt === true && props.existingRoleArn === undefined && created !== false;
  if (!adopts || name === undefined || props.roleNamePrefix !== undefined) return undefined;
  role.importFrom(name);
  return name;
}

/**
 * `adopt` known only at plan (a module variable), or beside a `create` or a name prefix known only
 * then: refused at plan when the role would not be created, or named by a prefix. The check sits
 * on the stack's `data.aws_partition`, which exists whether the role does or not.
 */
export function addAdoptCheck(scope: IConstruct, owner: string, props: RoleProps): void {
  const { adopt, create, roleNamePrefix, existingRoleArn } = props;
  if (adopt === undefined || adopt === false || existingRoleArn !== undefined) return;
  if (!isToken(adopt) && !isToken(create) && !isToken(roleNamePrefix)) return;
  // The other settings by their own names: the owner is named once, with 'adopt'.
  const other = (path: string, value: unknown) => (variableOf(value) === undefined ? `'${path}'` : inputName(owner, path, value));
  const when = [
    ...(create === undefined ? [] : [`${other("create", create)} is false`]),
    ...(roleNamePrefix === undefined ? [] : [`${other("roleNamePrefix", roleNamePrefix)} is a name prefix`]),
  ];
  if (when.length === 0) return;
  addStackPrecondition(scope, {
    condition: condition((hcl) => {
      const created = create === undefined ? "true" : hcl(create);
      const named = roleNamePrefix === undefined ? "true" : `${hcl(roleNamePrefix)} == null`;
      return `${hcl(adopt)} ? (${created} && ${named}) : true`;
    }),
    errorMessage: escapeTemplate(
      `[${SHAPE_CODES.conflict}] ${inputName(owner, "adopt", adopt)} must be false when ${when.join(" or ")}: an adopted role is one that exists, imported by its name.`,
    ),
  });
}
