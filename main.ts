import { App } from "cdktf";
import { writeFileSync } from "fs";
import { join } from "path";
import { deploymentsOf, importSetFile, loadConfig } from "./src/config";
import { ValidationError } from "./src/private/errors";
import { applyImportSet, loadImportSet } from "./src/stacks/import-set";
import { reportFailure, validateAll } from "./src/report/failure";
import { permissionsReport } from "./src/report/permissions-report";
import { BatchStack } from "./src/stacks/batch-stack";
import { EcsFargateStack } from "./src/stacks/ecs-fargate-stack";
import { namesAlikeAcrossStacks } from "./src/roles/iam-names";

// The deployable stacks, configured by iam.config.json (or the file IAM_CONFIG names). Synth
// writes only into its output folder: each stack's Terraform JSON, and its permissions report
// beside it. The committed generated files are `npm run generate`'s, not synth's. Bad input is
// reported all at once, one line per finding, without a stack trace.
try {
  const configFile = process.env.IAM_CONFIG ?? "iam.config.json";
  const config = loadConfig(configFile);
  const app = new App();
  // One pair of stacks per account of `accounts` (`batch-111111111111`, …), or `batch` and `ecs-fargate`.
  const deployments = deploymentsOf(config);
  const pairs = deployments.map((d) => [
    new BatchStack(app, `batch${d.suffix}`, d.batch, d.options),
    new EcsFargateStack(app, `ecs-fargate${d.suffix}`, d.ecsFargate, d.options),
  ]);
  const stacks = pairs.flat();
  // The audit's import sets: what each account holds, its stacks importing exactly that.
  const unknown = deployments.flatMap((d, i) => {
    if (d.importSet === undefined) return [];
    const file = importSetFile(configFile, d.importSet);
    return applyImportSet(loadImportSet(file), pairs[i], file);
  });
  if (unknown.length > 0) throw new ValidationError(unknown);
  // Each pair deploys into one account: no name twice across its stacks either.
  validateAll(
    app,
    pairs.flatMap((pair) => namesAlikeAcrossStacks(pair)),
  );
  app.synth();
  for (const stack of stacks) {
    const report = permissionsReport(`the ${stack.node.id} stack (${configFile})`, stack);
    writeFileSync(join(app.outdir, "stacks", stack.node.id, "PERMISSIONS.md"), report);
  }
} catch (error) {
  process.exitCode = reportFailure(error);
}
