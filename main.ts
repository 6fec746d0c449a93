import { App } from "cdktf";
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { loadConfig } from "./src/config";
import { writeModules } from "./src/module";
import { refreshManagedPolicyData } from "./src/private/aws-managed-policies";
import { policyChecksTable } from "./src/report/checks-table";
import { permissionsReport } from "./src/report/permissions-report";
import { BatchStack } from "./src/stacks/batch-stack";
import { EcsFargateStack } from "./src/stacks/ecs-fargate-stack";

// The published AWS managed policies the checks and reports read (a no-op unless the package changed).
refreshManagedPolicyData();

// The deployable stacks, configured by iam.config.json (or the file IAM_CONFIG names).
const config = loadConfig(process.env.IAM_CONFIG ?? "iam.config.json");
const app = new App();
const stacks = [new BatchStack(app, "batch", config.batch), new EcsFargateStack(app, "ecs-fargate", config.ecsFargate)];
app.synth();

// Committed, reviewed output (IAM_GENERATED_DIR moves it, for tests): the same constructs as plain
// Terraform modules, a permissions report for each stack and module, and the table of checks.
const generated = process.env.IAM_GENERATED_DIR ?? ".";
writeModules(join(generated, "modules"));
mkdirSync(join(generated, "reports"), { recursive: true });
for (const stack of stacks) {
  const report = permissionsReport(`the ${stack.node.id} stack (iam.config.json)`, stack);
  writeFileSync(join(generated, "reports", `${stack.node.id}-stack.md`), report);
  writeFileSync(join(app.outdir, "stacks", stack.node.id, "PERMISSIONS.md"), report);
}
mkdirSync(join(generated, "docs"), { recursive: true });
writeFileSync(join(generated, "docs", "policy-checks.md"), policyChecksTable());
