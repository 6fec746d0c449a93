import { IConstruct } from "constructs";
import { RoleProps } from "../roles/role-props";
import type { SharedRoleSettings } from "../setups/shared-settings";
import { merge } from "./expr";
import { InputChecker } from "./validate";

/** Checks a setup's own props: the role groups are objects; the shared values are checked by each role. */
export function checkSetupProps(scope: IConstruct, typeName: string, props: object, roleGroups: readonly string[]): void {
  const check = new InputChecker(scope, typeName);
  for (const group of roleGroups) check.group(group, (props as Record<string, unknown>)[group]);
}

/** A role's props with the shared settings filled in; an existing role is left as it is. */
export function withSharedSettings<P extends RoleProps & { sourceAccountId?: string }>(
  shared: SharedRoleSettings,
  props: P = {} as P,
  options: { sourceAccount: boolean } = { sourceAccount: true },
): P {
  if (props.existingRoleArn !== undefined) return props;
  const tags = shared.tags === undefined || props.tags === undefined ? (props.tags ?? shared.tags) : merge(shared.tags, props.tags);
  return {
    ...props,
    path: props.path ?? shared.path,
    permissionsBoundary: props.permissionsBoundary ?? shared.permissionsBoundary,
    tags,
    ...(options.sourceAccount ? { sourceAccountId: props.sourceAccountId ?? shared.sourceAccountId } : {}),
  };
}
