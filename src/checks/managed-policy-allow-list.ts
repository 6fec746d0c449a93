import type { RoleModel } from "./role-model";
import { publishedPolicy } from "../data/aws-managed-policies";
import { PolicyCheck } from "./policy-check";

/** The AWS managed policies each role may carry: the ones its AWS document attaches. */
export const MANAGED_POLICY_ALLOW_LIST: Record<RoleModel["service"], string[]> = {
  batch: ["service-role/AWSBatchServiceRole"],
  ec2: ["service-role/AmazonEC2ContainerServiceforEC2Role"],
  "ecs-tasks": ["service-role/AmazonECSTaskExecutionRolePolicy"],
  spotfleet: ["service-role/AmazonEC2SpotFleetTaggingRole"],
  ecs: ["service-role/AmazonECSInfrastructureRolePolicyForVolumes"],
};

/** IAM3: AWS managed policies only from the allow-list, and only as AWS publishes them (name and path). */
export const managedPolicyAllowList: PolicyCheck = {
  id: "IAM3",
  name: "managed-policy-allow-list",
  info: "AWS managed policies only from the allow-list, and only as AWS publishes them (name and path).",
  explanation:
    "A managed policy grants what AWS puts in it, now and later. Only the policy the role's AWS document attaches is " +
    "allowed, and its path matters (service-role/…): a policy that is not published under that name and path fails at apply.",
  check: (model) =>
    model.managedPolicies.flatMap(({ name }) => [
      ...(MANAGED_POLICY_ALLOW_LIST[model.service].includes(name)
        ? []
        : [`managed policy '${name}' is not on the allow-list for a role trusted by ${model.service}`]),
      ...(publishedPolicy(name) ? [] : [`managed policy '${name}' is not published by AWS under that path and name`]),
    ]),
};
