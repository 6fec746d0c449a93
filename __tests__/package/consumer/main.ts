// A cdktf app that installs this project's packed tarball, as a user's app would: it imports the
// constructs from the package name and provider classes by their deep paths.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { BatchSetup, IRole, ReadableStack, TaskExecutionRole } from "cdktf-batch-ecs-iam";

const arn = (service: string, resource: string) => `arn:aws:${service}:us-east-1:111122223333:${resource}`;

/** The roles a user's stack adds: an execution role with secrets and an endpoint, and the Batch roles. */
function addRoles(stack: Construct): IRole {
  new AwsProvider(stack, "aws", {});
  const role = new TaskExecutionRole(stack, "ExecutionRole", {
    roleName: "web-execution",
    secrets: {
      secretArns: [arn("secretsmanager", "secret:web/db-AbCdEf")],
      kmsKeyArns: [arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")],
    },
    ecrPullRestriction: { vpcEndpointIds: ["vpce-0123456789abcdef0"] },
  });
  new BatchSetup(stack, "Batch");
  new TerraformOutput(stack, "execution_role_arn", { value: role.roleArn });
  return role;
}

const app = new App();
// cdktf's own addresses (the default) and this library's readable ones, side by side.
addRoles(new TerraformStack(app, "consumer"));
addRoles(new ReadableStack(app, "readable"));
app.synth();
