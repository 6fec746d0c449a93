import { flag, InputsOf, map, num, str } from "../inputs/input";
import { rules } from "../rules";
import { IResolvable } from "cdktf";

/**
 * What every role construct of this project accepts. Each value may be a literal, checked at
 * synth, or a Terraform token (for example a module variable), checked at plan.
 */
export interface RoleProps {
  /**
   * Whether the role (and everything that belongs to it) exists. A token makes every resource
   * of the role conditional (`count`); its attributes are then `null` when it is not created.
   *
   * @default true
   */
  readonly create?: boolean | IResolvable;

  /**
   * The role already exists in the account under its name, as the consoles create it: bring it
   * under management and make it match the documents, instead of failing at
   * `EntityAlreadyExists`. The stack imports, with Terraform `import` blocks, what cannot be
   * created twice: the role, its instance profile, and its customer managed policies (with
   * `policyStyle: "managed"`), and the role's exclusive ownership of its policies, which then
   * removes any policy the stack does not declare. Attachments and inline policies are created over
   * any that exist (IAM's `AttachRolePolicy` and `PutRolePolicy` are idempotent). An adopted role and
   * profile keep the path they have: IAM cannot move them without replacing them. A token (a module variable) only
   * checks the settings: Terraform allows no `import` block in a child module, so the caller
   * writes them (`examples/adopt-existing`).
   *
   * @default false
   * @see https://developer.hashicorp.com/terraform/language/import
   */
  readonly adopt?: boolean | IResolvable;

  /**
   * An existing role to use instead of creating one ("bring your own"). Nothing is created for
   * it, so every property that shapes a new role must then be left unset.
   *
   * @default - a role is created
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
   */
  readonly existingRoleArn?: string;

  /**
   * The role's name. IAM role names are unique per account whatever their path.
   *
   * @default - the name the AWS documentation gives this role
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  readonly roleName?: string;

  /**
   * A prefix for a unique role name that Terraform completes with a 26-character suffix, so
   * that several copies can live in one account. Use it instead of `roleName`.
   *
   * @default - the role is named by `roleName`
   */
  readonly roleNamePrefix?: string;

  /**
   * The IAM path of the role (and of every policy or instance profile created with it). A role and
   * an instance profile keep the path they were created or adopted with: IAM cannot move one
   * without replacing it, so a later change of `path` leaves them where they are (to move a role,
   * destroy it and deploy again).
   *
   * @default "/"
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names
   */
  readonly path?: string;

  /**
   * A description of the role.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The ARN of a managed policy that sets the permissions boundary of the role.
   *
   * @default - no permissions boundary
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
   */
  readonly permissionsBoundary?: string;

  /**
   * The longest session, in seconds, that assuming the role can give: 3600 to 43200.
   *
   * @default 3600
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration
   */
  readonly maxSessionDuration?: number;

  /**
   * Tags for the role and for every taggable resource created with it.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * Whether the role owns its inline policies and policy attachments exclusively
   * (`aws_iam_role_policies_exclusive`, `aws_iam_role_policy_attachments_exclusive`): one added to it
   * in the console or by another tool is a change in the next plan, and the next apply removes it.
   * Set false when other configurations attach policies to this role; the audit still reports them.
   *
   * @default true
   * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policies_exclusive
   */
  readonly exclusivePolicies?: boolean | IResolvable;
}

/** How every role construct checks the props all roles share. */
export const ROLE_INPUTS: InputsOf<RoleProps> = {
  create: flag(),
  adopt: flag(),
  existingRoleArn: str(rules.roleArn),
  roleName: str(rules.roleName),
  roleNamePrefix: str(rules.roleNamePrefix),
  path: str(rules.path),
  description: str(rules.description),
  permissionsBoundary: str(rules.managedPolicyArn),
  maxSessionDuration: num(rules.maxSessionDuration),
  tags: map(rules.tags),
  exclusivePolicies: flag(),
};
