import { IamRolePoliciesExclusive } from "@cdktf/provider-aws/lib/iam-role-policies-exclusive";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { IamRolePolicyAttachmentsExclusive } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import { TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";
import { attributeList } from "../private/attribute";
import { concat, existence, Flag } from "../private/expr";
import { produced } from "../private/produced";

/**
 * Makes the role own its inline policies and policy attachments exclusively, when `when` holds:
 * the provider's `*_exclusive` resources list exactly the policies and attachments the role's
 * construct creates, so that one added out of band is a planned change and the next apply removes
 * it. The lists reference those resources, read when the stack is synthesized (the role's
 * construct adds its policies after this is called): each is created after them and, on destroy,
 * released first. Destroying one removes nothing from the role.
 */
export function ownPoliciesExclusively(
  scope: Construct,
  roleName: string,
  when: Flag,
  grants: () => readonly TerraformResource[],
): TerraformResource[] {
  const exists = existence(when);
  if (exists === undefined) return [];
  const listOf = <T extends TerraformResource>(type: new (...args: never[]) => T, attribute: string) =>
    Token.asList(
      produced(() =>
        concat(
          ...grants()
            .filter((g) => g instanceof type)
            .map((g) => attributeList(g, attribute)),
        ),
      ),
    );
  return [
    new IamRolePoliciesExclusive(scope, "PoliciesExclusive", { ...exists, roleName, policyNames: listOf(IamRolePolicy, "name") }),
    new IamRolePolicyAttachmentsExclusive(scope, "PolicyAttachmentsExclusive", {
      ...exists,
      roleName,
      policyArns: listOf(IamRolePolicyAttachment, "policy_arn"),
    }),
  ];
}
