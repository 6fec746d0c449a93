import { actionMatches } from "../private/wildcard";
import { actionFinding, allowedByUser, grantingStatements, list, PolicyCheck } from "./policy-check";

/** IAM6: No statement grants iam:PassRole. */
export const noRolePassing: PolicyCheck = {
  id: "IAM6",
  name: "no-role-passing",
  info: "No statement grants iam:PassRole (the task role's own statements may, with allowPassRole).",
  explanation:
    "iam:PassRole lets the holder hand any role it names to a service: a privilege escalation path. None of these " +
    "roles needs it in its own policies (the Batch service role gets it, conditioned, from AWSBatchServiceRole). " +
    "An application that starts tasks or jobs may: the task role's statements may grant it when its documented " +
    "switch allowPassRole (task_role_allow_pass_role) is true.",
  check: (model) =>
    grantingStatements(model)
      .filter((named) => !allowedByUser(named, "passRole"))
      .flatMap((named) =>
        list(named.statement.Action).flatMap((action, i) =>
          actionMatches(action, "iam:PassRole") ? [actionFinding(named, i, action, "grants iam:PassRole", "allowPassRole")] : [],
        ),
      ),
};
