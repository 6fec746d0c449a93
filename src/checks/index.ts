import type { RoleModel } from "./role-model";
import { knownActions } from "./known-actions";
import { managedPolicyAllowList } from "./managed-policy-allow-list";
import { networkRestrictionNotUndone } from "./network-restriction-not-undone";
import { noRolePassing } from "./no-role-passing";
import { noWildcardActions } from "./no-wildcard-actions";
import { PolicyCheck } from "./policy-check";
import { starResourceOnlyWhereRequired } from "./star-resource-only-where-required";
import { supportedConditionKeys } from "./supported-condition-keys";
import { trustOnlyTheExpectedService } from "./trust-only-the-expected-service";

export { PolicyCheck } from "./policy-check";
export { MANAGED_POLICY_ALLOW_LIST } from "./managed-policy-allow-list";
export { DOCUMENTED_STAR_ACTIONS } from "./star-resource-only-where-required";

/** Every policy check, in the order findings are reported; `docs/policy-checks.md` lists them. */
export const POLICY_CHECKS: readonly PolicyCheck[] = [
  knownActions,
  supportedConditionKeys,
  noWildcardActions,
  starResourceOnlyWhereRequired,
  managedPolicyAllowList,
  trustOnlyTheExpectedService,
  networkRestrictionNotUndone,
  noRolePassing,
];

/** Every finding of every check for one role, as one message each: `[ID] <role>: <finding>. <info>` */
export function checkRole(model: RoleModel, checks: readonly PolicyCheck[] = POLICY_CHECKS): string[] {
  return checks.flatMap((c) => c.check(model).map((finding) => `[${c.id}] ${model.owner}: ${finding}. ${c.info}`));
}
