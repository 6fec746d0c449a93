import { Fn, Token } from "cdktf";
import { rules } from "../rules";
import { ModuleVariable, VariableRefs } from "./module-variable";

/** The inputs both modules share, in terraform-aws-modules' naming. */
export const SHARED_VARIABLES: readonly ModuleVariable[] = [
  {
    name: "use_name_prefix",
    type: "bool",
    description:
      "Whether the role name inputs are prefixes that Terraform completes with a unique suffix (each then at most 38 characters), so that several copies fit in one account.",
    default: false,
  },
  {
    name: "path",
    type: "string",
    description: "IAM path of every role, policy and instance profile the module creates.",
    default: "/",
    rule: rules.path,
  },
  {
    name: "permissions_boundary",
    type: "string",
    description: "ARN of the managed policy set as the permissions boundary of every role; null for none.",
    default: null,
    rule: rules.managedPolicyArn,
  },
  {
    name: "tags",
    type: "map(string)",
    description: "Tags for every role, policy and instance profile the module creates.",
    default: {},
    rule: rules.tags,
  },
  {
    name: "source_account_id",
    type: "string",
    description:
      "Account the AWS services may assume the roles for: adds `aws:SourceAccount` (and, for `ecs-tasks`, `aws:SourceArn`) to their trust statements; null keeps the documented trust policies.",
    default: null,
    rule: rules.accountId,
  },
];

/** A role's name from its `*_name` variable: the name itself, or its prefix under `use_name_prefix`. */
export function roleNaming(vars: VariableRefs, nameVariable: string): { roleName: string; roleNamePrefix: string } {
  const usePrefix = vars.bool("use_name_prefix");
  const name = vars.string(nameVariable);
  const none = Token.nullValue();
  return {
    roleName: Token.asString(Fn.conditional(usePrefix, none, name)),
    roleNamePrefix: Token.asString(Fn.conditional(usePrefix, name, none)),
  };
}
