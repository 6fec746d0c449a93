import { publishedPolicy } from "../data/aws-managed-policies";
import { actionMatches } from "../private/wildcard";
import { hasNetworkCondition, identityStatements, list, PolicyCheck, sid } from "./policy-check";

/** IAM5: An action allowed only from a VPC or endpoint (the ECR pulls) is allowed nowhere else on the role without that condition. */
export const networkRestrictionNotUndone: PolicyCheck = {
  id: "IAM5",
  name: "network-restriction-not-undone",
  info: "An action allowed only from a VPC or endpoint (the ECR pulls) is allowed nowhere else on the role without that condition.",
  explanation:
    "IAM allows what any statement allows. A statement that allows the ECR pull actions only through a VPC endpoint " +
    "restricts nothing while another statement, or AmazonECSTaskExecutionRolePolicy, allows them on * from anywhere. " +
    "Detach that policy (the role constructs do) or condition every grant of those actions. The same holds for any " +
    "action a statement of the task role's own restricts to a VPC or endpoint.",
  check: (model) => {
    const own = identityStatements(model);
    const restricted = own.filter(({ statement }) => hasNetworkCondition(statement));
    if (restricted.length === 0) return [];
    const pullActions = restricted.flatMap(({ statement }) => list(statement.Action));
    const managed = model.managedPolicies
      .filter((m) => m.when === true)
      .flatMap(({ name }) =>
        (publishedPolicy(name)?.document.Statement ?? []).map((statement, i) => ({
          where: `managed policy '${name}' statement ${sid(statement, i)}`,
          statement,
        })),
      );
    // A statement present only when the pulls are not restricted never stands beside the restricted ones.
    return [...own.filter((s) => !s.onlyWhenUnrestricted), ...managed]
      .filter(({ statement }) => statement.Effect === "Allow" && !hasNetworkCondition(statement))
      .flatMap(({ where, statement }) =>
        pullActions
          .filter((action) => list(statement.Action).some((pattern) => actionMatches(pattern, action)))
          .map((action) => `${where}: allows '${action}' without the VPC or endpoint condition`),
      );
  },
};
