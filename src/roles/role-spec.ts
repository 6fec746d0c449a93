import type { Construct } from "constructs";
import type { AttachedManagedPolicy } from "../data/aws-managed-policies";
import type { InputsOf } from "../inputs/input";
import type { ConfusedDeputyGuard } from "../policies/trust";
import type { Flag } from "../private/expr";
import type { PrincipalService } from "../private/partition";

/**
 * What distinguishes one role of this project from another, given to the constructor of
 * `RoleBase`: data, and functions of the props as checked. The base builds the role from it before
 * the concrete role's constructor runs, so these functions read nothing of that construct but the
 * props (`role` is the construct only as a scope, e.g. for the partition).
 */
export interface RoleSpec<P> {
  /** The construct's class name, for messages. */
  readonly typeName: string;
  /** The role name the AWS documentation uses. */
  readonly defaultRoleName: string;
  /** The one service the role trusts. */
  readonly service: PrincipalService;
  /** The trust statement's `Sid`, where the AWS documents print one. */
  readonly sid?: string;
  /** The AWS managed policy the documentation attaches, e.g. `service-role/AWSBatchServiceRole`; none for a task role. */
  readonly managedPolicy?: AttachedManagedPolicy;
  /** How each prop is checked. */
  readonly inputs: InputsOf<P>;
  /** Props that still shape something this construct creates when it uses an existing role. */
  readonly withExistingRole?: readonly (keyof P & string)[];
  /**
   * Props that another resource of the construct, which they shape, checks at plan. The role
   * resource checks every other input.
   */
  readonly checkedElsewhere?: readonly (keyof P & string)[];
  /** Confused-deputy protection of the trust statement; none when left out. */
  readonly trustGuard?: (props: P, role: Construct) => ConfusedDeputyGuard | undefined;
  /**
   * Whether the role resource exists besides `create`: false or a condition when the props may ask
   * for something else in its place (the Batch service-linked role); always when left out.
   */
  readonly createsRoleResource?: (props: P) => Flag;
  /** Whether a created role gets the AWS managed policy; always when left out. */
  readonly attachesManagedPolicy?: (props: P, role: Construct) => Flag;
}
