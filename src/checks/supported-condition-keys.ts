import { supportsConditionKey } from "../data/iam-reference";
import { conditionKeys, list, ownStatements, PolicyCheck } from "./policy-check";

/** REF2: Every condition key must be global or supported by every action of its statement. */
export const supportedConditionKeys: PolicyCheck = {
  id: "REF2",
  name: "supported-condition-keys",
  info: "Every condition key must be global or supported by every action of its statement.",
  explanation:
    "A condition on a key the action never carries is either always false (the grant never applies) or, under an " +
    "...IfExists operator, always true (the restriction never applies). Use a key the service reference lists for the action.",
  check: (model) =>
    ownStatements(model).flatMap(({ where, statement }) =>
      conditionKeys(statement).flatMap((key) =>
        list(statement.Action)
          .filter((action) => !supportsConditionKey(action, key))
          .map((action) => `${where}: condition key '${key}' is not supported by action '${action}'`),
      ),
    ),
};
