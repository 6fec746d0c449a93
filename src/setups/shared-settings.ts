import { IConstruct } from "constructs";
import { merge } from "../private/expr";
import { RoleProps } from "../roles/role-props";
import { InputChecker } from "../rules/input-checker";

/** Settings a setup applies to every role it creates; a role's own props override them. */
export interface SharedRoleSettings {
  /**
   * The IAM path of every role, policy and instance profile.
   *
   * @default "/"
   */
  readonly path?: string;

  /**
   * The ARN of a managed policy set as the permissions boundary of every role.
   *
   * @default - no permissions boundary
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
   */
  readonly permissionsBoundary?: string;

  /**
   * Tags for every taggable resource; merged under each role's own `tags`.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The account the AWS services may assume the roles for: adds confused-deputy conditions to
   * the trust statements of the `batch.amazonaws.com` and `ecs-tasks.amazonaws.com` principals.
   * The EC2 trust of the instance role never gets them: EC2 does not send these keys.
   *
   * @default - the trust policies are exactly the ones AWS documents
   */
  readonly sourceAccountId?: string;
}

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
