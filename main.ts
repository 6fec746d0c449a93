import { App } from "cdktf";
import { loadConfig } from "./src/config";
import { refreshManagedPolicyData } from "./src/private/aws-managed-policies";
import { writeModules } from "./src/module";
import { BatchStack } from "./src/stacks/batch-stack";
import { EcsFargateStack } from "./src/stacks/ecs-fargate-stack";

// The published AWS managed policies the checks and reports read (a no-op unless the package changed).
refreshManagedPolicyData();

// The deployable stacks, configured by iam.config.json (or the file IAM_CONFIG names).
const config = loadConfig(process.env.IAM_CONFIG ?? "iam.config.json");
const app = new App();
new BatchStack(app, "batch", config.batch);
new EcsFargateStack(app, "ecs-fargate", config.ecsFargate);
app.synth();

// The same constructs as plain Terraform modules, committed under modules/.
writeModules(process.env.IAM_MODULES_DIR ?? "modules");
