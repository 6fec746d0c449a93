import { actionFinding, allowedByUser, list, ownStatements, PolicyCheck } from "./policy-check";

/** IAM1: Allow statements must name their actions: no '*' or '?', no NotAction. */
export const noWildcardActions: PolicyCheck = {
  id: "IAM1",
  name: "no-wildcard-actions",
  info: "Allow statements must name their actions: no '*' or '?', no NotAction (the task role's own statements may, with allowWildcardActions).",
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
        ...list(statement.Action).flatMap((action, i) =>
          /[*?]/.test(action) ? [actionFinding(named, i, action, "is a wildcard", "allowWildcardActions")] : [],
        ),
        ...("NotAction" in statement ? [`${where}: uses NotAction`] : []),
        ...("NotResource" in statement ? [`${where}: uses NotResource`] : []),
      ];
    }),
};
