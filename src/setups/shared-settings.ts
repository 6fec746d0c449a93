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
