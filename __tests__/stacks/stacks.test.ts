import { App } from "cdktf";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadConfig, parseConfig } from "../../src/config";
import { namesAlikeAcrossStacks } from "../../src/roles/iam-names";
import { validateAll } from "../../src/report/failure";
import { BatchStack } from "../../src/stacks/batch-stack";
import { EcsFargateStack } from "../../src/stacks/ecs-fargate-stack";
import { errorOf, resources, synthStack, testApp } from "../helpers/synth";

describe("BatchStack and EcsFargateStack", () => {
  // The local backend is not in Testing.synth's output; the end-to-end test checks it in the app's.
  test("the batch stack: AWS provider configured from the environment, the module's outputs", () => {
    const { tf } = synthStack(new BatchStack(testApp(), "batch"));
    expect(tf.provider.aws).toEqual([{}]);
    expect(Object.keys(tf.output).sort()).toEqual([
      "execution_role_arn",
      "execution_role_name",
      "instance_profile_arn",
      "instance_profile_name",
      "instance_role_arn",
      "instance_role_name",
      "service_role_arn",
      "service_role_name",
    ]);
    // Read only once the role's permissions exist: a consumer of the output is ordered after them.
    expect(tf.output.instance_profile_arn.value).toBe(
      "${element(concat([aws_iam_instance_profile.instance_role_instance_profile.arn], [aws_iam_role_policy_attachment.instance_role_aws_managed_policy.id]), 0)}",
    );
  });

  test("the ecs-fargate stack: the execution role's outputs", () => {
    const { tf } = synthStack(new EcsFargateStack(testApp(), "ecs-fargate"));
    expect(tf.provider.aws).toEqual([{}]);
    expect(Object.keys(tf.output).sort()).toEqual(["execution_role_arn", "execution_role_name"]);
  });

  test("a role switched off at synth has no outputs (Terraform drops null outputs, and cdktf deploy then fails printing them); a module declares them all", () => {
    const batch = synthStack(new BatchStack(testApp(), "batch", { serviceRole: { create: false }, instanceRole: { create: false } })).tf;
    expect(Object.keys(batch.output).sort()).toEqual(["execution_role_arn", "execution_role_name"]);
    const ecs = synthStack(new EcsFargateStack(testApp(), "ecs-fargate", { executionRole: { create: false } })).tf;
    expect(ecs.output).toBeUndefined();
    // The service-linked role in place of the custom one: its ARN is the service role's output.
    const linked = synthStack(new BatchStack(testApp(), "batch", { serviceRole: { serviceLinked: true } })).tf;
    expect(linked.output.service_role_arn.value).toBe("${aws_iam_service_linked_role.service_role_service_linked.arn}");
    const moduleOutputs = JSON.parse(readFileSync(join(__dirname, "..", "..", "modules", "batch", "outputs.tf.json"), "utf8"));
    expect(Object.keys(moduleOutputs.output)).toContain("service_role_arn");
  });

  test("with an empty configuration, {}, the two stacks deploy side by side: no role or profile name in common", () => {
    const config = parseConfig({}, "empty.json");
    const app = testApp();
    const tfs = [new BatchStack(app, "batch", config.batch), new EcsFargateStack(app, "ecs-fargate", config.ecsFargate)].map(
      (stack) => synthStack(stack).tf,
    );
    const roles = tfs.flatMap((tf) => Object.values(resources(tf, "aws_iam_role")).map((role) => role.name.toLowerCase()));
    expect(roles.sort()).toEqual(["awsbatchservicerole", "batchtaskexecutionrole", "ecsinstancerole", "ecstaskexecutionrole"]);
    expect(new Set(roles).size).toBe(roles.length);
  });

  test("with the committed iam.config.json, the two stacks create no role name twice", () => {
    const config = loadConfig("iam.config.json");
    const app = testApp();
    const names = [new BatchStack(app, "batch", config.batch), new EcsFargateStack(app, "ecs-fargate", config.ecsFargate)]
      .flatMap((stack) => Object.values(resources(synthStack(stack).tf, "aws_iam_role")))
      .map((role) => role.name);
    expect(names.sort()).toEqual(["AWSBatchServiceRole", "batchTaskExecutionRole", "ecsInstanceRole", "ecsTaskExecutionRole"]);
  });

  test("a stack's tag and a role's tag that differ only in case are refused once merged: IAM would refuse CreateRole", () => {
    const config = parseConfig({ ecsFargate: { tags: { CostCenter: "a" }, executionRole: { tags: { costcenter: "b" } } } }, "x.json");
    const app = testApp();
    new EcsFargateStack(app, "ecs-fargate", config.ecsFargate);
    expect(errorOf(() => validateAll(app))).toMatch(
      /^\[IN15\] TaskExecutionRole 'ecs-fargate\/Default\/ExecutionRole': 'tags' is \{"CostCenter":"a","costcenter":"b"\}; must be .*no two alike whatever their case/,
    );
  });

  test("a role named alike in both stacks, whatever the case, is refused: they deploy into one account", () => {
    const config = parseConfig(
      { batch: { executionRole: { roleName: "AppTaskExecution" } }, ecsFargate: { executionRole: { roleName: "apptaskexecution" } } },
      "x.json",
    );
    const app = testApp();
    const stacks = [new BatchStack(app, "batch", config.batch), new EcsFargateStack(app, "ecs-fargate", config.ecsFargate)];
    expect(namesAlikeAcrossStacks(stacks)).toEqual([
      `[IN31] TaskExecutionRole 'ecs-fargate/Default/ExecutionRole': 'roleName' is "apptaskexecution"; must be a role name no other stack of the app gives, whatever its case (they deploy into one account): TaskExecutionRole 'batch/Default/ExecutionRole' of the stack 'batch' is named "AppTaskExecution"`,
    ]);
    const apart = parseConfig({ ecsFargate: { executionRole: { roleName: "webTaskExecution" } } }, "x.json");
    const other = testApp();
    expect(
      namesAlikeAcrossStacks([new BatchStack(other, "batch", apart.batch), new EcsFargateStack(other, "ecs-fargate", apart.ecsFargate)]),
    ).toEqual([]);
  });

  // The files the two stacks were written as when ReadableStack still resolved and wrote them
  // itself (0.4.0): now cdktf prepares, resolves and writes them, and not a byte differs. A change
  // of what the stacks deploy changes these files on purpose: copy the new ones in then.
  // cdktf's default local backend is the absolute path of a state file in the folder the app runs
  // in, and the fixtures were written in /work/main: a checkout elsewhere has its own folder there.
  // Skipped under CDK Terrain (cdktn installed as cdktf, as tools/cdktn-check.cjs runs these tests),
  // which writes other bytes by design: its version stamp, and empty objects and arrays on one line.
  // That check compares what cdktn writes with what cdktf writes, beyond those two differences.
  const underCdktf = JSON.parse(readFileSync(require.resolve("cdktf/package.json"), "utf8")).name === "cdktf";
  (underCdktf ? test.each : test.skip.each)(["batch", "ecs-fargate"])("the %s stack is written byte for byte as before", (name) => {
    const config = loadConfig("iam.config.json");
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "cdktf.out.")) });
    new BatchStack(app, "batch", config.batch);
    new EcsFargateStack(app, "ecs-fargate", config.ecsFargate);
    app.synth();
    const state = (folder: string) => JSON.stringify(join(folder, `terraform.${name}.tfstate`));
    const written = readFileSync(join(app.outdir, "stacks", name, "cdk.tf.json"), "utf8").replace(
      state(process.cwd()),
      state("/work/main"),
    );
    expect(written).toBe(readFileSync(join(__dirname, "fixtures", `${name}.cdk.tf.json`), "utf8"));
  });
});
