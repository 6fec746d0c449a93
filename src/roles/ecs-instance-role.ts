import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { existence, orFallback } from "../private/expr";
import { attribute } from "../private/attribute";
import { RoleBase } from "./role-base";
import { rules } from "../rules";
import { RoleProps } from "./role-props";

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

/**
 * The Amazon ECS container-instance role and its EC2 instance profile (seed 003): trusted by EC2
 * (`ec2.amazonaws.com`, `ec2.amazonaws.com.cn` in China), with the AWS managed policy
 * `service-role/AmazonEC2ContainerServiceforEC2Role` attached. Role and profile are both named
 * `ecsInstanceRole` by default. With `existingRoleArn`, only the profile is created, for that role.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/instance_IAM_role.html
 */
export class EcsInstanceRole extends RoleBase {
  /** The ARN of the instance profile; `null` when it is switched off. */
  readonly instanceProfileArn: string;
  /** The name of the instance profile; `null` when it is switched off. */
  readonly instanceProfileName: string;
  /** The instance profile resource; undefined when it is never created. */
  readonly instanceProfile?: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: EcsInstanceRoleProps = {}) {
    super(scope, id, props, {
      typeName: "EcsInstanceRole",
      defaultRoleName: "ecsInstanceRole",
      managedPolicy: "service-role/AmazonEC2ContainerServiceforEC2Role",
      service: "ec2",
      checkProps: (check) => check.value("instanceProfileName", props.instanceProfileName, rules.instanceProfileName),
    });

    const exists = existence(props.existingRoleArn === undefined ? this.createsRole : true);
    if (exists === undefined) {
      this.instanceProfileArn = Token.asString(Token.nullValue());
      this.instanceProfileName = Token.asString(Token.nullValue());
      return;
    }
    this.instanceProfile = new IamInstanceProfile(this, "InstanceProfile", {
      ...exists,
      name: orFallback(props.instanceProfileName, this.roleName),
      path: this.path,
      role: this.roleName,
      tags: this.tags,
    });
    this.instanceProfileArn = attribute(this.instanceProfile, "arn");
    this.instanceProfileName = attribute(this.instanceProfile, "name");
  }
}
