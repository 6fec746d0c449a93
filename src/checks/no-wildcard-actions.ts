import { allowedByUser, list, ownStatements, PolicyCheck } from "./policy-check";

/** IAM1: Statements this project writes must name their actions: no '*' or '?', no NotAction. */
export const noWildcardActions: PolicyCheck = {
  id: "IAM1",
  name: "no-wildcard-actions",
  info: "Statements this project writes must name their actions: no '*' or '?', no NotAction.",
  explanation:
    "Wildcards grant every action AWS adds later, and NotAction grants everything but a list. Name each action; " +
    "AWS managed policies are AWS's responsibility and are checked by IAM3 instead. A Deny is not checked (it only " +
    "takes away). The task role's own statements may use wildcards when its documented switch allowWildcardActions " +
    "(task_role_allow_wildcard_actions) is true.",
  check: (model) =>
    ownStatements(model).flatMap((named) => {
      const { where, statement } = named;
      // A Deny takes away; a wildcard in one the user's switch allows.
      if (statement.Effect === "Deny" || allowedByUser(named, "wildcardActions")) return [];
      return [
        ...list(statement.Action)
          .filter((action) => /[*?]/.test(action))
          .map((action) => `${where}: action '${action}' is a wildcard`),
        ...("NotAction" in statement ? [`${where}: uses NotAction`] : []),
        ...("NotResource" in statement ? [`${where}: uses NotResource`] : []),
      ];
    }),
};
