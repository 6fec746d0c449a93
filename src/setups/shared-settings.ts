import { IConstruct } from "constructs";
import { checkInputs } from "../inputs/check";
import { IResolvable } from "cdktf";
import { AnyInputs, flag, InputsOf, map, str } from "../inputs/input";
import { formatFinding } from "../private/errors";
import { merge } from "../private/expr";
import { RoleProps } from "../roles/role-props";
import { rules } from "../rules";

/** Settings a setup applies to every role it creates; a role's own props override them. */
export interface SharedRoleSettings {
  /**
   * The IAM path of every role, policy and instance profile. A role and an instance profile keep
   * the path they were created or adopted with (IAM cannot move one without replacing it).
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

  /**
   * Whether every role owns its inline policies and policy attachments exclusively: one added in
   * the console or by another tool is a change in the next plan, and the next apply removes it.
   * Set false when other configurations attach policies to these roles; the audit still reports
   * them.
   *
   * @default true
   */
  readonly exclusivePolicies?: boolean | IResolvable;
}

/** How a setup checks the settings it shares with its roles. */
export const SHARED_INPUTS: InputsOf<SharedRoleSettings> = {
  path: str(rules.path),
  permissionsBoundary: str(rules.managedPolicyArn),
  tags: map(rules.tags),
  sourceAccountId: str(rules.accountId),
  exclusivePolicies: flag(),
};

/**
 * Checks a setup's props: its shared settings here, and that each role group is an object (the
 * role constructs check their own props). Every finding is reported at synth; the props returned
 * hold only the good values, so that the roles are built, and checked, with the rest.
 */
export function checkSetupProps<P extends object>(
  scope: IConstruct,
  typeName: string,
  props: P,
  inputs: InputsOf<P>,
  roleGroups: readonly string[],
): P {
  const checked = checkInputs(props, inputs as AnyInputs, { delegated: roleGroups });
  const owner = `${typeName} '${scope.node.path}'`;
  scope.node.addValidation({ validate: () => checked.findings.map((f) => formatFinding(owner, f)) });
  return checked.props;
}

/**
 * A role's props with the shared settings filled in, a role's own value winning (tags merge). An
 * existing role takes only the settings that still shape what is created for it (`forExisting`).
 */
export function withSharedSettings<P extends RoleProps & { sourceAccountId?: string }>(
  shared: SharedRoleSettings,
  props: P = {} as P,
  options: { sourceAccount?: boolean; forExisting?: readonly ("path" | "tags")[] } = {},
): P {
  const existing = props.existingRoleArn !== undefined;
  const applies = (key: keyof SharedRoleSettings) => (existing ? (options.forExisting ?? []).includes(key as "path") : true);
  const tags = shared.tags === undefined || props.tags === undefined ? (props.tags ?? shared.tags) : merge(shared.tags, props.tags);
  return {
    ...props,
    ...(applies("path") && { path: props.path ?? shared.path }),
    ...(applies("permissionsBoundary") && { permissionsBoundary: props.permissionsBoundary ?? shared.permissionsBoundary }),
    ...(applies("tags") && { tags }),
    ...(applies("exclusivePolicies") && { exclusivePolicies: props.exclusivePolicies ?? shared.exclusivePolicies }),
    ...(applies("sourceAccountId") &&
      options.sourceAccount !== false && { sourceAccountId: props.sourceAccountId ?? shared.sourceAccountId }),
  };
}
