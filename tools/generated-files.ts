// Every committed file that is generated, computed from the constructs and the committed defaults
// alone (never from IAM_CONFIG): `npm run generate` writes them, and `npm run generate -- --check`
// (in `npm test`) and CI check that the committed copies are current.
import { App } from "cdktf";
import { readFileSync } from "fs";
import { join } from "path";
import { auditorPolicy } from "../src/audit/auditor-policy";
import { APP_CONFIG_INPUTS, configSchema } from "../src/config";
import { AnyInputs } from "../src/inputs/input";
import { synthModules } from "../src/module";
import { configTable, inputRulesTable } from "../src/report/inputs-tables";
import { policyChecksTable } from "../src/report/checks-table";
import { permissionsReport } from "../src/report/permissions-report";
import { BatchStack } from "../src/stacks/batch-stack";
import { EcsFargateStack } from "../src/stacks/ecs-fargate-stack";
import { renderConfigValidator } from "./config-validator";
import { committed, GENERATED_SOURCE, ROOT } from "./committed-files";
import { configDocs } from "./props-docs";

/** Every generated file: its path relative to the repository root, and its content. */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  for (const [path, content] of Object.entries(synthModules(version))) files[`modules/${path}`] = content;
  // The stacks with their defaults: what a deploy with an empty configuration creates.
  const app = new App({ skipValidation: true });
  for (const stack of [new BatchStack(app, "batch"), new EcsFargateStack(app, "ecs-fargate")]) {
    files[`reports/${stack.node.id}-stack.md`] = permissionsReport(`the ${stack.node.id} stack, with its defaults`, stack);
  }
  files["docs/policy-checks.md"] = policyChecksTable();
  files["docs/input-rules.md"] = inputRulesTable();
  // The identity policy the account audit needs, for `aws iam create-policy --policy-document`.
  const auditor = `${JSON.stringify(auditorPolicy(), null, 2)}\n`;
  files["docs/audit-policy.json"] = auditor;
  // The configuration file's schema and table, documented by the props' own JSDoc.
  const docs = configDocs();
  files["iam.config.schema.json"] = `${JSON.stringify(configSchema(docs), null, 2)}\n`;
  const validator = renderConfigValidator();
  files["src/data/config-validator.generated.js"] = validator.js;
  files["src/data/config-validator.generated.d.ts"] = validator.dts;
  // The benchmark's figures: the README gives the synth's, docs/performance.md all of them.
  const results = committed("bench/results.md") ?? "";
  let readme = committed("README.md") ?? "";
  readme = withBlock(readme, "config", configTable(APP_CONFIG_INPUTS as AnyInputs, docs));
  readme = withBlock(readme, "performance", performanceSummary(results));
  files["README.md"] = readme;
  const audit = "docs/audit.md";
  files[audit] = withBlock(committed(audit) ?? "", "audit-policy", `\`\`\`json\n${auditor}\`\`\``, audit);
  const performance = "docs/performance.md";
  files[performance] = withBlock(committed(performance) ?? "", "performance", performanceSection(results), performance);
  const misnamed = Object.keys(files).filter(
    (path) => /\.(?:ts|js)$/.test(path) && path.startsWith("src/") && !GENERATED_SOURCE.test(path),
  );
  if (misnamed.length > 0) throw new Error(`a generated TypeScript source is named <name>.generated.ts, not ${misnamed.join(", ")}`);
  return files;
}

/** The benchmark's own results, headings one level down: every figure, and the targets. */
export function performanceSection(results: string): string {
  const body = results.slice(results.indexOf("Machine:"));
  return body.replace(/^## /gm, "### ").trim();
}

/** The README's performance figures: the benchmark's results up to their first heading (the synth's). */
export function performanceSummary(results: string): string {
  const section = performanceSection(results);
  const heading = section.search(/^### /m);
  return (heading < 0 ? section : section.slice(0, heading)).trim();
}

/** `text` (the file `file`) with the generated block `name` (between its start and end markers) set to `content`. */
export function withBlock(text: string, name: string, content: string, file = "README.md"): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no block '${name}' (${start} … ${end})`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}
