import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { Construct } from "constructs";
import { INPUT_CODES } from "../inputs/codes";
import { InputsOf, str } from "../inputs/input";
import { condition, lifecycleOf, Precondition, validatedAtPlan } from "../inputs/plan-checks";
import { accountIdOf } from "../private/account";
import { attribute } from "../private/attribute";
import { existence, orFallback, SWITCHED_OFF } from "../private/expr";
import { rules } from "../rules";
import { IamNames } from "./iam-names";
import { keepWhatIamCannotChange } from "./adoption";
import { RoleBase } from "./role-base";
import { ROLE_INPUTS, RoleProps } from "./role-props";
import { RoleSpec } from "./role-spec";
import { escapeTemplate } from "../private/hcl";

/** Properties of an {@link EcsInstanceRole}. */
export interface EcsInstanceRoleProps extends RoleProps {
  /**
   * The name of the EC2 instance profile that carries the role. AWS Batch compute environments
   * take this profile, not the role.
   *
   * @default - the role's name, as the IAM console does (`ecsInstanceRole`)
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html
   */
  readonly instanceProfileName?: string;
}

/** How an {@link EcsInstanceRole} checks its props. */
export const ECS_INSTANCE_ROLE_INPUTS: InputsOf<EcsInstanceRoleProps> = {
  ...ROLE_INPUTS,
  instanceProfileName: str(rules.instanceProfileName),
};

const ECS_INSTANCE_ROLE: RoleSpec<EcsInstanceRoleProps> = {
  typeName: "EcsInstanceRole",
  defaultRoleName: "ecsInstanceRole",
  managedPolicy: "service-role/AmazonEC2ContainerServiceforEC2Role",
  service: "ec2",
  inputs: ECS_INSTANCE_ROLE_INPUTS,
  // They shape the instance profile, which is created for an existing role too.
  withExistingRole: ["instanceProfileName", "path", "tags"],
  // The instance profile checks its name (and an existing role's ARN, its only resource then).
  checkedElsewhere: ["instanceProfileName"],
};

/**
 * The Amazon ECS container-instance role and its EC2 instance profile (seed 003): trusted by EC2
 * (`ec2.amazonaws.com`, `ec2.amazonaws.com.cn` in China), with the AWS managed policy
 * `service-role/AmazonEC2ContainerServiceforEC2Role` attached. Role and profile are both named
 * `ecsInstanceRole` by default. With `existingRoleArn`, only the profile is created, for that role,
 * which must then be a role of the account the stack deploys to (a profile holds a role by name).
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/instance_IAM_role.html
 */
export class EcsInstanceRole extends RoleBase<EcsInstanceRoleProps> {
  /** The ARN of the instance profile; `null` when it is switched off. Ordered, like `roleArn`, after the role's permissions. */
  readonly instanceProfileArn: string;
  /** The name of the instance profile; `null` when it is switched off. Ordered like its ARN. */
  readonly instanceProfileName: string;
  /** The instance profile resource; undefined when it is never created. */
  readonly instanceProfile?: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: EcsInstanceRoleProps = {}) {
    super(scope, id, props, ECS_INSTANCE_ROLE);

    const existing = this.props.existingRoleArn;
    const exists = existence(existing === undefined ? this.createsRole : true);
    if (exists === undefined) {
      this.instanceProfileArn = SWITCHED_OFF;
      this.instanceProfileName = SWITCHED_OFF;
      return;
    }
    const name = orFallback(this.props.instanceProfileName, this.roleNameAttribute);
    const names = IamNames.register(this, {
      kind: "instance profile",
      owner: this.owner,
      path: this.props.instanceProfileName === undefined ? "roleName" : "instanceProfileName",
      name,
      created: existing === undefined ? this.createsRole : true,
    });
    for (const finding of names.findings()) this.report(finding);
    this.instanceProfile = new IamInstanceProfile(this, "InstanceProfile", {
      ...exists,
      name: validatedAtPlan(this, name),
      path: validatedAtPlan(this, this.path),
      role: this.roleNameAttribute,
      tags: this.tags,
      lifecycle: lifecycleOf([
        ...this.planChecks("instanceProfileName", "existingRoleArn"),
        names.precondition(),
        existing === undefined ? undefined : this.sameAccount(existing),
      ]),
    });
    // The consoles create the profile with the role, under the role's name.
    if (this.adoptedName !== undefined) this.instanceProfile.importFrom(this.props.instanceProfileName ?? this.adoptedName);
    keepWhatIamCannotChange(this.instanceProfile);
    this.instanceProfileArn = this.afterPermissions(attribute(this.instanceProfile, "arn"));
    this.instanceProfileName = this.afterPermissions(attribute(this.instanceProfile, "name"));
  }

  /**
   * A profile holds a role by name, in its own account: given another account's role, IAM would
   * put a same-named role of this account in it, or fail. The account deployed to is known at plan.
   */
  private sameAccount(arn: string): Precondition {
    const account = accountIdOf(this);
    return {
      condition: condition((hcl) => `split(":", ${hcl(arn)})[4] == ${hcl(account)}`),
      errorMessage: escapeTemplate(
        `[${INPUT_CODES.existingRoleAccount.code}] ${this.owner}: 'existingRoleArn' must be a role of the account the instance profile is created in.`,
      ),
    };
  }
}
