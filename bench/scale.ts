// Synthesizes N task execution roles, each with every optional policy, into a temporary folder:
// the scaling row of the benchmark. Usage: node --require ./tools/ts-register.js bench/scale.ts N
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App } from "cdktf";
import { ReadableStack } from "../src/stacks/readable-stack";
import { TaskExecutionRole } from "../src/roles/task-execution-role";

const count = Number(process.argv[2] ?? "1");
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
const stack = new ReadableStack(app, "scale");
new AwsProvider(stack, "aws");
const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:111122223333:${resource}`;
for (let i = 0; i < count; i++) {
  new TaskExecutionRole(stack, `Service${i}`, {
    roleName: `service-${i}-execution`,
    privateRegistry: { secretArns: [arn("secretsmanager", `secret:registry-${i}-AbCdEf`)] },
    secrets: {
      ssmParameterArns: [arn("ssm", `parameter/service-${i}/config`)],
      secretArns: [arn("secretsmanager", `secret:service-${i}-AbCdEf`)],
      kmsKeyArns: [arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")],
    },
    ecrPullRestriction: { vpcEndpointIds: ["vpce-0123456789abcdef0"] },
  });
}
app.synth();
