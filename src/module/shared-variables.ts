import { ModuleVariable } from "./module-variable";

/** The inputs both modules share, in terraform-aws-modules' naming: they feed the setup's shared settings. */
export const SHARED_VARIABLES: readonly ModuleVariable[] = [
  {
    name: "use_name_prefix",
    switches: "name-prefix",
    description:
      "Whether the role name inputs are prefixes that Terraform completes with a unique suffix (each then at most 38 characters), so that several copies fit in one account.",
    default: false,
  },
  {
    name: "path",
    feeds: "path",
    description: "IAM path of every role, policy and instance profile the module creates.",
    default: "/",
  },
  {
    name: "permissions_boundary",
    feeds: "permissionsBoundary",
    description: "ARN of the managed policy set as the permissions boundary of every role; null for none.",
    default: null,
  },
  {
    name: "tags",
    feeds: "tags",
    description: "Tags for every role, policy and instance profile the module creates.",
    default: {},
  },
  {
    name: "source_account_id",
    feeds: "sourceAccountId",
    description:
      "Account the AWS services may assume the roles for: adds `aws:SourceAccount` (and, for `ecs-tasks`, `aws:SourceArn`) to their trust statements; null keeps the documented trust policies.",
    default: null,
  },
  {
    name: "exclusive_policies",
    feeds: "exclusivePolicies",
    description:
      "Whether each role owns its inline policies and policy attachments exclusively, so that one added outside this module is a planned change and removed by the next apply; false when other configurations attach policies to these roles.",
    default: true,
  },
];
