import { resourceArnPatterns } from "../data/iam-reference";
import { AUDIT_ACTIONS } from "./account";

/** The IAM resource types, by the `Sid` of the statement that reads them. */
const SIDS: Record<string, string> = {
  role: "ReadRoles",
  policy: "ReadCustomerManagedPolicies",
  "instance-profile": "ReadInstanceProfiles",
  "*": "FindServiceLinkedRoles",
};

/**
 * The identity policy an auditor needs, and no more: the audit's read calls, each on the resource
 * type the IAM service reference says it acts on, grouped one statement per type.
 */
export function auditorPolicy(): { Version: string; Statement: { Sid: string; Effect: string; Action: string[]; Resource: string }[] } {
  const byResource = new Map<string, string[]>();
  for (const action of AUDIT_ACTIONS) {
    // An action without a resource type (iam:ListRoles) is allowed on "*", as IAM requires.
    const typed = resourceArnPatterns(action);
    const patterns = typed.length === 0 ? ["*"] : typed;
    if (patterns.length !== 1)
      throw new Error(`${action}: expected one resource type in the IAM service reference, found ${patterns.length}`);
    byResource.set(patterns[0], [...(byResource.get(patterns[0]) ?? []), action]);
  }
  return {
    Version: "2012-10-17",
    Statement: [...byResource].map(([resource, actions]) => {
      const type = resource === "*" ? "*" : (/:iam::\*:([\w-]+)\//.exec(resource)?.[1] ?? "");
      return { Sid: SIDS[type] ?? type, Effect: "Allow", Action: actions.sort(), Resource: resource };
    }),
  };
}
