import { rules } from "../rules";
import { ModuleVariable } from "./module-variable";

/** The inputs both modules share, in terraform-aws-modules' naming. */
export const SHARED_VARIABLES: readonly ModuleVariable[] = [
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
