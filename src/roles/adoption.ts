import { TerraformResource } from "cdktf";

/**
 * What an adopted resource keeps as the account has it (`ignore_changes`), by resource type: IAM
 * cannot change a role's or an instance profile's path without replacing it (the consoles put some
 * roles under `/service-role/`), and it does not store a role's `force_detach_policies`, which the
 * AWS provider therefore imports as false. Without these, adopting a role the audit calls `ok`
 * would plan a change. (At destroy the provider detaches and deletes every policy it read on the
 * role, whatever that flag.)
 */
const KEPT_WHEN_ADOPTED: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ["path", "force_detach_policies"],
  aws_iam_instance_profile: ["path"],
};

/** Makes an adopted (imported) resource keep what it has that IAM cannot change or does not store. */
export function keepWhenAdopted(resource: TerraformResource): void {
  const kept = KEPT_WHEN_ADOPTED[resource.terraformResourceType];
  if (kept === undefined) return;
  resource.lifecycle = { ...resource.lifecycle, ignoreChanges: [...kept] };
}
