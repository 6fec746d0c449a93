import { TerraformStack } from "cdktf";
import { POLICY_CHECKS } from "../checks";
import { publishedPolicy } from "../data/aws-managed-policies";
import { planTimeRules } from "./claims";
import { flagText, reportedRoles } from "./claims";

/** The Markdown report of a stack or module, for reviewers to diff. */
export function permissionsReport(title: string, stack: TerraformStack): string {
  const lines = [
    `# Permissions: ${title}`,
    "",
    "<!-- Generated from the constructs by `npm run generate` (committed copies) or `cdktf synth` (cdktf.out). Do not edit. -->",
    "",
    "What each role may do, from the constructs themselves: the trust policy, the AWS managed policies",
    "with the statements AWS publishes for them, the role's own statements, and a plain-language summary.",
    `Every statement here passed the policy checks (${POLICY_CHECKS.map((c) => c.id).join(", ")}) at synth.`,
    "Values known only at plan are written as Terraform references (`var.…`, `<partition>`).",
    "",
  ];
  for (const { address, model, claims } of reportedRoles(stack)) {
    lines.push(`## ${model.owner.split(" ")[0]} \`${address}\``, "", `Created: ${flagText(model.created)}.`, "");
    lines.push("### Trust policy", "");
    for (const t of model.trust.filter((t) => t.when !== false)) {
      lines.push(`Statement ${flagText(t.when)}:`, "", "```json", JSON.stringify(t.statement, null, 2), "```", "");
    }
    lines.push("### AWS managed policies", "");
    if (model.managedPolicies.length === 0) lines.push("None.", "");
    for (const m of model.managedPolicies) {
      const published = publishedPolicy(m.name);
      lines.push(`#### \`${m.name}\` (${published?.versionId ?? "unpublished"}, attached ${flagText(m.when)})`, "");
      lines.push("```json", JSON.stringify(published?.document.Statement ?? [], null, 2), "```", "");
    }
    lines.push("### Own policies", "");
    if (model.policies.length === 0) lines.push("None.", "");
    for (const p of model.policies) {
      lines.push(`#### \`${p.name}\` (${flagText(p.when)})`, "");
      for (const s of p.statements.filter((s) => s.when !== false)) {
        lines.push(`Statement ${flagText(s.when)}:`, "", "```json", JSON.stringify(s.statement, null, 2), "```", "");
      }
      if (p.planTimeStatements !== undefined) lines.push(`The statements of ${p.planTimeStatements}, ${planTimeRules(p)}.`, "");
    }
    lines.push("### Can / cannot", "", ...claims.map((c) => `- ${c.text}`), "");
  }
  return lines.join("\n");
}
