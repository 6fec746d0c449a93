import { requiresStarResource } from "../data/iam-reference";
import { grantingStatements, hasNetworkCondition, list, PolicyCheck } from "./policy-check";

/**
 * Actions the AWS documents grant on `Resource: "*"` although they support resource-level
 * permissions, with the reason; IAM2 accepts them only under the stated condition.
 */
export const DOCUMENTED_STAR_ACTIONS: Record<string, { readonly needsNetworkCondition: boolean; readonly reason: string }> = {
  "logs:CreateLogStream": {
    needsNetworkCondition: false,
    reason: "AmazonECSTaskExecutionRolePolicy and seed 002 grant it on *: the log group is chosen by each task definition, not by the role",
  },
  "logs:PutLogEvents": {
    needsNetworkCondition: false,
    reason: "as logs:CreateLogStream",
  },
  "ecr:BatchCheckLayerAvailability": {
    needsNetworkCondition: true,
    reason: "seed 002 grants the ECR pull actions on * only under aws:SourceVpc / aws:SourceVpce",
  },
  "ecr:GetDownloadUrlForLayer": { needsNetworkCondition: true, reason: "as ecr:BatchCheckLayerAvailability" },
  "ecr:BatchGetImage": { needsNetworkCondition: true, reason: "as ecr:BatchCheckLayerAvailability" },
};

/** IAM2: Resource "*" only for actions without resource-level permissions, or as the AWS documents grant it. */
export const starResourceOnlyWhereRequired: PolicyCheck = {
  id: "IAM2",
  name: "star-resource-only-where-required",
  info: 'Resource "*" only for actions without resource-level permissions, or as the AWS documents grant it.',
  explanation:
    'An action that supports resource ARNs must be scoped to them. "*" is accepted where the IAM reference lists no ' +
    "resource type for the action, and for the documented exceptions of DOCUMENTED_STAR_ACTIONS (the ECR pull actions " +
    "only under a VPC or endpoint condition). Otherwise list the resources.",
  check: (model) =>
    grantingStatements(model)
      .filter(({ statement }) => list(statement.Resource).includes("*"))
      .flatMap(({ where, statement }) =>
        list(statement.Action)
          .filter((action) => {
            if (requiresStarResource(action)) return false;
            const documented = DOCUMENTED_STAR_ACTIONS[action];
            return !documented || (documented.needsNetworkCondition && !hasNetworkCondition(statement));
          })
          .map((action) => `${where}: action '${action}' supports resource-level permissions but is granted on "*"`),
      ),
};
