import { actionMatches } from "../private/wildcard";
import { allowedByUser, grantingStatements, list, PolicyCheck } from "./policy-check";

/** IAM6: Statements this project writes never grant iam:PassRole. */
export const noRolePassing: PolicyCheck = {
  id: "IAM6",
  name: "no-role-passing",
  info: "Statements this project writes never grant iam:PassRole.",
  explanation:
    "iam:PassRole lets the holder hand any role it names to a service: a privilege escalation path. None of these " +
    "roles needs it in its own policies (the Batch service role gets it, conditioned, from AWSBatchServiceRole). " +
    "An application that starts tasks or jobs may: the task role's statements may grant it when its documented " +
    "switch allowPassRole (task_role_allow_pass_role) is true.",
  check: (model) =>
    grantingStatements(model)
      .filter((named) => !allowedByUser(named, "passRole"))
      .flatMap(({ where, statement }) =>
        list(statement.Action)
          .filter((action) => actionMatches(action, "iam:PassRole"))
          .map((action) => `${where}: action '${action}' grants iam:PassRole`),
      ),
};
