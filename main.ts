import { App } from "cdktf";
import { loadConfig } from "./src/config";
import { BatchStack } from "./src/stacks/batch-stack";
import { EcsFargateStack } from "./src/stacks/ecs-fargate-stack";

const config = loadConfig(process.env.IAM_CONFIG ?? "iam.config.json");
const app = new App();
new BatchStack(app, "batch", config.batch);
new EcsFargateStack(app, "ecs-fargate", config.ecsFargate);
app.synth();
