import { writeFileSync } from "fs";
import { join } from "path";
import { BATCH_TRUST, ec2Trust, ECS_INFRASTRUCTURE_TRUST, ECS_TASKS_TRUST, MANAGED_POLICIES, SPOT_FLEET_TRUST } from "../helpers/seeds";
import { Fn, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BatchComputeEnvironment } from "@cdktf/provider-aws/lib/batch-compute-environment";
import { BatchJobDefinition } from "@cdktf/provider-aws/lib/batch-job-definition";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { BatchSetup } from "../../src/setups/batch-setup";
import { EcsFargateSetup } from "../../src/setups/ecs-fargate-setup";
import { stackJson, synthApp } from "../helpers/app";
import { dependenciesOf, Graph, parseGraph, permissionsOf } from "../helpers/graph";
import { EcsInstanceRole } from "../../src/roles/ecs-instance-role";
import { ReadableStack } from "../../src/stacks/readable-stack";
import { loadConfig, parseConfig } from "../../src/config";
import { publishedPolicy } from "../../src/data/aws-managed-policies";
import { reportedRoles } from "../../src/report/claims";
import { BatchStack } from "../../src/stacks/batch-stack";
import { EcsFargateStack } from "../../src/stacks/ecs-fargate-stack";
import { proveExecutionRole, proveNoRolePassing, proveTrust } from "../helpers/proofs";
import { ACCOUNT, rolesFromPlan, simulateAssume, simulateRequest } from "../helpers/simulate";
import {
  AWS_PROVIDER_VERSION,
  moduleView,
  offlineProvider,
  Plan,
  SKIP_TERRAFORM,
  stackAsModule,
  tempDir,
  Workspace,
} from "../helpers/terraform";
import { testApp } from "../helpers/synth";

const ROOT = join(__dirname, "..", "..");
const snake = (name: string) => name.replace(/-/g, "_");

const PARTITIONS = [
  { region: "us-east-1", partition: "aws", ec2: "ec2.amazonaws.com" },
  { region: "cn-north-1", partition: "aws-cn", ec2: "ec2.amazonaws.com.cn" },
  { region: "us-gov-west-1", partition: "aws-us-gov", ec2: "ec2.amazonaws.com" },
];

/** The ARNs of the full configuration, in a partition and region. */
const arns = (partition: string, region: string) => ({
  secret: `arn:${partition}:secretsmanager:${region}:111122223333:secret:registry-AbCdEf`,
  appSecret: `arn:${partition}:secretsmanager:${region}:111122223333:secret:app/db-??????`,
  // By name, as the AWS documents write it: IAM needs it completed with the 6 random characters.
  secretByName: `arn:${partition}:secretsmanager:${region}:111122223333:secret:app/config`,
  parameter: `arn:${partition}:ssm:${region}:111122223333:parameter/app/db-host`,
  key: `arn:${partition}:kms:${region}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  boundary: `arn:${partition}:iam::111122223333:policy/PlatformBoundary`,
  logGroup: `arn:${partition}:logs:${region}:111122223333:log-group:/ecs/web`,
  cachedRepositories: `arn:${partition}:ecr:${region}:111122223333:repository/docker-hub/*`,
});
const {
  secret: SECRET,
  appSecret: APP_SECRET,
  secretByName: SECRET_BY_NAME,
  parameter: PARAMETER,
  key: KEY,
  boundary: BOUNDARY,
  logGroup: LOG_GROUP,
} = arns("aws", "us-east-1");
const VPCE = "vpce-0123456789abcdef0";

/** A configuration with every option set, to prove that each reaches Terraform's plan, with the ARNs of one partition. */
function fullConfig(partition: string, region: string) {
  const a = arns(partition, region);
  return {
    batch: {
      path: "/platform/",
      permissionsBoundary: a.boundary,
      tags: { team: "platform" },
      sourceAccountId: "111122223333",
      instanceRole: { instanceProfileName: "batch-instances", maxSessionDuration: 7200, description: "Batch hosts" },
      executionRole: { roleNamePrefix: "batch-exec-" },
      spotFleetRole: { description: "Spot compute environments" },
    },
    ecsFargate: {
      executionRole: {
        roleName: "web-execution",
        privateRegistry: { secretArns: [a.secret], kmsKeyArns: [a.key] },
        secrets: { ssmParameterArns: [a.parameter], secretArns: [a.appSecret, a.secretByName], kmsKeyArns: [a.key] },
        ecrPullRestriction: { vpcEndpointIds: [VPCE] },
        awslogsCreateGroup: { logGroupArns: [a.logGroup] },
        pullThroughCache: { repositoryArns: [a.cachedRepositories], createRepositories: true },
        sourceAccountId: "111122223333",
      },
      infrastructureRole: { roleName: "web-infrastructure" },
      taskRole: {
        roleName: "web-task",
        sourceAccountId: "111122223333",
        execCommand: true,
        statements: [
          { sid: "ReadReports", actions: ["s3:GetObject"], resources: [`arn:${partition}:s3:::reports/*`] },
          {
            actions: ["s3:ListBucket"],
            resources: [`arn:${partition}:s3:::reports`],
            conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["daily/*"] }],
          },
        ],
      },
    },
  };
}
const FULL_CONFIG = fullConfig("aws", "us-east-1");
const LINKED_CONFIG = { batch: { serviceRole: { serviceLinked: true } } };

/** An existing instance role given as a variable, and a test that mocks the account the plan runs in. */
function existingRoleStack(): string {
  const stack = new ReadableStack(testApp(), "existing");
  new AwsProvider(stack, "aws", {});
  new EcsInstanceRole(stack, "InstanceRole", { existingRoleArn: new TerraformVariable(stack, "role_arn", { type: "string" }).stringValue });
  return Testing.synth(stack);
}

const EXISTING_ROLE_TEST = `
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "111122223333" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
}

run "a_role_of_the_account" {
  command   = plan
  variables { role_arn = "arn:aws:iam::111122223333:role/ecsInstanceRole" }
}

run "a_role_of_another_account" {
  command         = plan
  variables { role_arn = "arn:aws:iam::444455556666:role/ecsInstanceRole" }
  expect_failures = [aws_iam_instance_profile.instance_role_instance_profile]
}

run "a_role_of_another_partition" {
  command         = plan
  variables { role_arn = "arn:aws-cn:iam::111122223333:role/ecsInstanceRole" }
  expect_failures = [aws_iam_instance_profile.instance_role_instance_profile]
}
`;

/**
 * The setups in use, in one cdktf stack: their public attributes fed into AWS Batch compute
 * environments (EC2 and Fargate), a Batch job definition and an ECS task definition, as a cdktf
 * user writes it. The ECS execution role has inline and customer managed policies both.
 */
function consumerStack(): string {
  const stack = new ReadableStack(testApp(), "consumers");
  new AwsProvider(stack, "aws", {});
  const batch = new BatchSetup(stack, "Batch");
  const secrets = { secretArns: [APP_SECRET] };
  const ecs = new EcsFargateSetup(stack, "Web", { executionRole: { secrets, ecrPullRestriction: { vpcEndpointIds: [VPCE] } } });
  const shared = new EcsFargateSetup(stack, "Shared", { executionRole: { roleName: "shared-execution", secrets, policyStyle: "managed" } });
  const network = { subnets: ["subnet-0123456789abcdef0"], securityGroupIds: ["sg-0123456789abcdef0"], maxVcpus: 16 };
  new BatchComputeEnvironment(stack, "Ec2", {
    type: "MANAGED",
    serviceRole: batch.serviceRole.roleArn,
    computeResources: { ...network, type: "EC2", instanceRole: batch.instanceRole.instanceProfileArn, instanceType: ["optimal"] },
  });
  new BatchComputeEnvironment(stack, "Fargate", {
    type: "MANAGED",
    serviceRole: batch.serviceRole.roleArn,
    computeResources: { ...network, type: "FARGATE" },
  });
  new BatchJobDefinition(stack, "Hello", {
    name: "hello",
    type: "container",
    platformCapabilities: ["FARGATE"],
    containerProperties: Fn.jsonencode({
      image: "public.ecr.aws/amazonlinux/amazonlinux:2023",
      executionRoleArn: batch.executionRole.roleArn,
    }),
  });
  for (const [id, setup] of [
    ["Web", ecs],
    ["SharedTask", shared],
  ] as const) {
    new EcsTaskDefinition(stack, `${id}Task`, {
      family: id.toLowerCase(),
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "256",
      memory: "512",
      executionRoleArn: setup.executionRole.roleArn,
      containerDefinitions: JSON.stringify([{ name: "web", image: "public.ecr.aws/nginx/nginx:stable", essential: true }]),
    });
  }
  return Testing.synth(stack);
}

const describeTerraform = SKIP_TERRAFORM ? describe.skip : describe;

describeTerraform("the synthesized stacks under real Terraform", () => {
  const outdir = tempDir("cdktf-out-");
  const fullOutdirs = Object.fromEntries(PARTITIONS.map((p) => [p.region, tempDir(`cdktf-out-full-${p.partition}-`)]));
  // The batch stack with the service-linked role in place of AWSBatchServiceRole.
  const linkedOutdir = tempDir("cdktf-out-linked-");
  const workspaces: Workspace[] = [];
  const plans: Record<string, Plan> = {};
  let existingRole = "";
  let graph: Graph = new Map();

  beforeAll(async () => {
    const synthFull = async ({ partition, region }: (typeof PARTITIONS)[number]) => {
      const file = join(fullOutdirs[region], "full.config.json");
      writeFileSync(file, JSON.stringify(fullConfig(partition, region)));
      await synthApp(fullOutdirs[region], file);
    };
    const synthLinked = async () => {
      const file = join(linkedOutdir, "linked.config.json");
      writeFileSync(file, JSON.stringify(LINKED_CONFIG));
      await synthApp(linkedOutdir, file);
    };
    await Promise.all([synthApp(outdir), ...PARTITIONS.map(synthFull), synthLinked()]);
    const stacks = ["batch", "ecs-fargate"];

    // A stack exactly as the app writes it, backend and provider included, planned as a root
    // (`plan` validates it first); the other stack's JSON has the same frame.
    const asWritten = async () => {
      const workspace = await Workspace.create({ files: { "cdk.tf.json": stackJson(outdir, "batch") } });
      workspaces.push(workspace);
      plans["batch us-east-1"] = await workspace.plan("us-east-1");
    };
    const existing = async () => {
      const files = { "main.tf.json": existingRoleStack(), "tests/existing.tftest.hcl": EXISTING_ROLE_TEST };
      const ws = await Workspace.create({ files, offline: false });
      workspaces.push(ws);
      existingRole = await ws.terraform(["test"]);
    };

    // The other partitions and the full configuration in one plan, each stack a child module of a
    // root that gives it a provider in its region: one Terraform run instead of six.
    const calls = [
      ...PARTITIONS.flatMap(({ region }) =>
        stacks
          .filter((stack) => region !== "us-east-1" || stack !== "batch")
          .map((stack) => ({
            call: `${snake(stack)}_${snake(region)}`,
            label: `${stack} ${region}`,
            source: stack,
            dir: outdir,
            region,
          })),
      ),
      // The full configuration in each partition: its ARNs named in the partition it is planned in.
      ...PARTITIONS.flatMap(({ region }) =>
        stacks.map((stack) => ({
          call: `${snake(stack)}_full_${snake(region)}`,
          label: region === "us-east-1" ? `${stack} full` : `${stack} full ${region}`,
          source: `${stack}-full-${region}`,
          dir: fullOutdirs[region],
          region,
        })),
      ),
      { call: "batch_linked", label: "batch linked", source: "batch-linked", dir: linkedOutdir, region: "us-east-1" },
    ];
    const files: Record<string, string> = {};
    const stackOf = (source: string) => source.replace(/-(full-.*|linked)$/, "");
    for (const { source, dir } of calls) files[`${source}/cdk.tf.json`] = stackAsModule(stackJson(dir, stackOf(source)));
    const root = {
      terraform: {
        required_providers: { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_VERSION } },
        backend: { local: { path: "terraform.tfstate" } },
      },
      provider: { aws: [...new Set(calls.map((c) => c.region))].map((region) => offlineProvider(region, snake(region))) },
      module: Object.fromEntries(
        calls.map(({ call, source, region }) => [call, { source: `../${source}`, providers: { aws: `aws.${snake(region)}` } }]),
      ),
      output: Object.fromEntries(
        calls.flatMap(({ call, source, dir }) =>
          Object.keys(JSON.parse(stackJson(dir, stackOf(source))).output).map((name) => [
            `${call}__${name}`,
            { value: `\${module.${call}.${name}}` },
          ]),
        ),
      ),
    };
    const workspace = await Workspace.create({
      files: { ...files, "root/main.tf.json": JSON.stringify(root, null, 2) },
      workdir: "root",
      offline: false,
    });
    workspaces.push(workspace);
    const consumers = async () => {
      const ws = await Workspace.create({ files: { "cdk.tf.json": consumerStack() } });
      workspaces.push(ws);
      graph = parseGraph(await ws.terraform(["graph"]));
    };
    const [combined] = await Promise.all([workspace.plan("us-east-1", {}, "partitions"), asWritten(), existing(), consumers()]);
    for (const { call, label } of calls) plans[label] = moduleView(combined, call);
  });

  afterAll(() => workspaces.forEach((w) => w.remove()));

  test.each([
    ["aws_batch_compute_environment.ec2", ["batch_service_role", "batch_instance_role"]],
    ["aws_batch_compute_environment.fargate", ["batch_service_role"]],
    ["aws_batch_job_definition.hello", ["batch_execution_role"]],
    ["aws_ecs_task_definition.web_task", ["web_execution_role"]],
    ["aws_ecs_task_definition.shared_task_task", ["shared_execution_role"]],
  ])(
    "a consumer of the setups' attributes, %s, comes after every policy and attachment of its roles (terraform graph)",
    (consumer, roles) => {
      const after = dependenciesOf(graph, consumer);
      for (const role of roles) {
        const permissions = permissionsOf(graph, "", role);
        expect(permissions.length).toBeGreaterThan(0);
        expect(permissions.filter((p) => !after.has(p))).toEqual([]);
      }
    },
  );

  test("the app writes both stacks, each with the local backend and no literal arn:aws:", () => {
    for (const stack of ["batch", "ecs-fargate"]) {
      const tf = JSON.parse(stackJson(outdir, stack));
      expect(Object.keys(tf.terraform.backend)).toEqual(["local"]);
      expect(JSON.stringify(tf)).not.toContain("arn:aws:");
    }
  });

  describe.each(PARTITIONS)("in $region", ({ region, partition, ec2 }) => {
    const managed = (pathAndName: string) => `arn:${partition}:iam::aws:policy/${pathAndName}`;

    test("batch plans the seed roles, trusts, managed policies and instance profile", () => {
      const { resources: r, outputs } = plans[`batch ${region}`];
      const role = (id: string) => r[`aws_iam_role.${id}`].values;
      expect(role("service_role").name).toBe("AWSBatchServiceRole");
      expect(JSON.parse(role("service_role").assume_role_policy)).toEqual(BATCH_TRUST);
      expect(role("instance_role").name).toBe("ecsInstanceRole");
      expect(JSON.parse(role("instance_role").assume_role_policy)).toEqual(ec2Trust(ec2));
      expect(role("execution_role").name).toBe("batchTaskExecutionRole");
      expect(JSON.parse(role("execution_role").assume_role_policy)).toEqual(ECS_TASKS_TRUST);

      const attached = Object.values(r)
        .filter((x) => x.type === "aws_iam_role_policy_attachment")
        .map((x) => [x.values.role, x.values.policy_arn])
        .sort();
      expect(attached).toEqual([
        ["AWSBatchServiceRole", managed(MANAGED_POLICIES.batchService)],
        ["batchTaskExecutionRole", managed(MANAGED_POLICIES.taskExecution)],
        ["ecsInstanceRole", managed(MANAGED_POLICIES.ecsInstance)],
      ]);
      expect(r["aws_iam_instance_profile.instance_role_instance_profile"].values).toMatchObject({
        name: "ecsInstanceRole",
        role: "ecsInstanceRole",
        path: "/",
      });
      expect(outputs).toMatchObject({
        service_role_name: "AWSBatchServiceRole",
        instance_role_name: "ecsInstanceRole",
        instance_profile_name: "ecsInstanceRole",
        execution_role_name: "batchTaskExecutionRole",
      });
    });

    test("ecs-fargate plans ecsTaskExecutionRole with its trust and managed policy only, and owns exactly these", () => {
      const { resources: r, outputs } = plans[`ecs-fargate ${region}`];
      expect(Object.keys(r).sort()).toEqual([
        "aws_iam_role.execution_role",
        "aws_iam_role_policies_exclusive.execution_role_policies_exclusive",
        "aws_iam_role_policy_attachment.execution_role_aws_managed_policy",
        "aws_iam_role_policy_attachments_exclusive.execution_role_policy_attachments_exclusive",
      ]);
      expect(r["aws_iam_role_policies_exclusive.execution_role_policies_exclusive"].values).toEqual({
        role_name: "ecsTaskExecutionRole",
        policy_names: [],
      });
      expect(r["aws_iam_role_policy_attachments_exclusive.execution_role_policy_attachments_exclusive"].values).toEqual({
        role_name: "ecsTaskExecutionRole",
        policy_arns: [managed(MANAGED_POLICIES.taskExecution)],
      });
      const role = r["aws_iam_role.execution_role"].values;
      expect(role).toMatchObject({ name: "ecsTaskExecutionRole", path: "/", force_detach_policies: true });
      expect(JSON.parse(role.assume_role_policy)).toEqual(ECS_TASKS_TRUST);
      expect(r["aws_iam_role_policy_attachment.execution_role_aws_managed_policy"].values).toEqual({
        role: "ecsTaskExecutionRole",
        policy_arn: managed(MANAGED_POLICIES.taskExecution),
      });
      expect(outputs.execution_role_name).toBe("ecsTaskExecutionRole");
    });
  });

  test("every option of the configuration file reaches the batch plan", () => {
    const { resources: r } = plans["batch full"];
    for (const id of ["service_role", "instance_role", "execution_role", "spot_fleet_role"]) {
      expect(r[`aws_iam_role.${id}`].values).toMatchObject({
        path: "/platform/",
        permissions_boundary: BOUNDARY,
        tags: { team: "platform" },
      });
    }
    expect(r["aws_iam_role.instance_role"].values).toMatchObject({ max_session_duration: 7200, description: "Batch hosts" });
    expect(r["aws_iam_role.execution_role"].values).toMatchObject({ name_prefix: "batch-exec-" });
    expect(r["aws_iam_role.execution_role"].values.name).toBeUndefined();
    expect(r["aws_iam_instance_profile.instance_role_instance_profile"].values).toMatchObject({
      name: "batch-instances",
      role: "ecsInstanceRole",
      path: "/platform/",
    });
    const trust = (id: string) => JSON.parse(r[`aws_iam_role.${id}`].values.assume_role_policy).Statement;
    expect(trust("service_role")).toEqual([
      { ...BATCH_TRUST.Statement[0], Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } },
    ]);
    expect(trust("instance_role")[0].Condition).toBeUndefined();
    // The Spot Fleet role's trust is the AWS Batch guide's: Spot Fleet sends no confused-deputy keys.
    expect(trust("spot_fleet_role")).toEqual(SPOT_FLEET_TRUST.Statement);
    expect(r["aws_iam_role.spot_fleet_role"].values).toMatchObject({
      name: "AmazonEC2SpotFleetTaggingRole",
      description: "Spot compute environments",
    });
    expect(r["aws_iam_role_policy_attachment.spot_fleet_role_aws_managed_policy"].values.policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole",
    );
  });

  test("every option of the configuration file reaches the ecs-fargate plan", () => {
    const { resources: r } = plans["ecs-fargate full"];
    const role = r["aws_iam_role.execution_role"].values;
    expect(role.name).toBe("web-execution");
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        ...ECS_TASKS_TRUST.Statement[0],
        Condition: {
          StringEquals: { "aws:SourceAccount": "111122223333" },
          ArnLike: { "aws:SourceArn": "arn:aws:ecs:*:111122223333:*" },
        },
      },
    ]);
    // The VPC-endpoint restriction replaces the managed policy: nothing is attached to the execution role.
    expect(Object.values(r).filter((x) => x.type === "aws_iam_role_policy_attachment" && x.name.startsWith("execution_role"))).toEqual([]);
    // The infrastructure role, as the Amazon ECS guide creates it, under the name given.
    expect(r["aws_iam_role.infrastructure_role"].values).toMatchObject({ name: "web-infrastructure" });
    expect(JSON.parse(r["aws_iam_role.infrastructure_role"].values.assume_role_policy)).toEqual(ECS_INFRASTRUCTURE_TRUST);
    expect(r["aws_iam_role_policy_attachment.infrastructure_role_aws_managed_policy"].values.policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForVolumes",
    );
    const inline = (id: string) => JSON.parse(r[`aws_iam_role_policy.execution_role_${id}`].values.policy);
    expect(inline("private_registry_policy").Statement.map((s: any) => [s.Action, s.Resource])).toEqual([
      // An ARN that ends like a complete one may also be a name that ends so: granted both ways.
      ["secretsmanager:GetSecretValue", [SECRET, `${SECRET}-??????`]],
      ["kms:Decrypt", [KEY]],
    ]);
    expect(inline("secrets_policy").Statement.map((s: any) => [s.Action, s.Resource])).toEqual([
      ["ssm:GetParameters", [PARAMETER]],
      // The secret given by name is completed, as AWS recommends, to match its real ARN.
      ["secretsmanager:GetSecretValue", [APP_SECRET, `${SECRET_BY_NAME}-??????`]],
      ["kms:Decrypt", [KEY]],
    ]);
    expect(inline("create_log_groups_policy").Statement).toEqual([
      { Sid: "CreateLogGroups", Effect: "Allow", Action: "logs:CreateLogGroup", Resource: [LOG_GROUP] },
    ]);
    const [open, pulls] = inline("ecr_pull_policy").Statement;
    expect(open).toEqual({
      Sid: "GetAuthorizationTokenAndWriteLogs",
      Effect: "Allow",
      Action: ["ecr:GetAuthorizationToken", "logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: "*",
    });
    expect(pulls.Condition).toEqual({ StringEquals: { "aws:SourceVpce": [VPCE] } });
  });

  test("an existing instance role of another account or partition is refused at plan: a profile holds a role of its own account", () => {
    expect(existingRole).toMatch(/Success! 3 passed, 0 failed\./);
  });

  describe("effective permissions, simulated over the plans", () => {
    test("batch: each role is assumed by its service only; PassRole only as AWSBatchServiceRole allows it", async () => {
      const roles = rolesFromPlan(plans["batch us-east-1"]);
      await proveTrust(roles.AWSBatchServiceRole, "batch.amazonaws.com");
      await proveTrust(roles.ecsInstanceRole, "ec2.amazonaws.com");
      await proveTrust(roles.batchTaskExecutionRole, "ecs-tasks.amazonaws.com");
      await proveNoRolePassing(roles.ecsInstanceRole);
      await proveExecutionRole(roles.batchTaskExecutionRole, {});
      const pass = (service: string) =>
        simulateRequest(roles.AWSBatchServiceRole, "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/any`, { "iam:PassedToService": service });
      expect(await pass("ecs-tasks.amazonaws.com")).toBe("Allowed");
      expect(await pass("ec2.amazonaws.com")).toBe("Allowed");
      expect(await pass("lambda.amazonaws.com")).toBe("ImplicitlyDenied");
    });

    test("the Batch service-linked role, as IAM creates it: assumed by Batch only; BatchServiceRolePolicy's grants on Batch's own clusters and groups; passes roles to EC2 and ECS only; reads no secret", async () => {
      const roles = rolesFromPlan(plans["batch linked"]);
      expect(Object.keys(roles).sort()).toEqual(["AWSServiceRoleForBatch", "batchTaskExecutionRole", "ecsInstanceRole"]);
      const role = roles.AWSServiceRoleForBatch;
      await proveTrust(role, "batch.amazonaws.com");
      const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
        simulateRequest(role, action, resource, context);
      expect(await decide("ecs:DeleteCluster", `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/AWSBatch-ce-1`)).toBe("Allowed");
      expect(await decide("ecs:DeleteCluster", `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/web`)).toBe("ImplicitlyDenied");
      const group = (name: string) => `arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:1a2b:autoScalingGroupName/${name}`;
      expect(await decide("autoscaling:DeleteAutoScalingGroup", group("AWSBatch-ce-1"))).toBe("Allowed");
      expect(await decide("autoscaling:DeleteAutoScalingGroup", group("web"))).toBe("ImplicitlyDenied");
      const pass = (service: string) =>
        decide("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole`, { "iam:PassedToService": service });
      expect(await pass("ec2.amazonaws.com")).toBe("Allowed");
      expect(await pass("ecs-tasks.amazonaws.com")).toBe("Allowed");
      expect(await pass("lambda.amazonaws.com")).toBe("ImplicitlyDenied");
      expect(await decide("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`)).toBe(
        "ImplicitlyDenied",
      );
      expect(await decide("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/any`)).toBe("ImplicitlyDenied");
    });

    test("the Spot Fleet role: assumed by Spot Fleet only; requests, tags and ends Spot Instances; passes roles to EC2 only; nothing else", async () => {
      const role = rolesFromPlan(plans["batch full"]).AmazonEC2SpotFleetTaggingRole;
      await proveTrust(role, "spotfleet.amazonaws.com");
      const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
        simulateRequest(role, action, resource, context);
      expect(await decide("ec2:RequestSpotInstances", "*")).toBe("Allowed");
      expect(await decide("ec2:TerminateInstances", `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`)).toBe("Allowed");
      const pass = (service: string) =>
        decide("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole`, { "iam:PassedToService": service });
      expect(await pass("ec2.amazonaws.com")).toBe("Allowed");
      expect(await pass("ecs-tasks.amazonaws.com")).toBe("ImplicitlyDenied");
      expect(await pass("lambda.amazonaws.com")).toBe("ImplicitlyDenied");
      expect(await decide("s3:GetObject", "arn:aws:s3:::any-bucket/key")).toBe("ImplicitlyDenied");
      expect(await decide("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf`)).toBe(
        "ImplicitlyDenied",
      );
      expect(await decide("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/any`)).toBe("ImplicitlyDenied");
    });

    test("the ECS infrastructure role: assumed by ECS only; creates and tags only the volumes it marks as its own; passes no role; nothing else", async () => {
      const role = rolesFromPlan(plans["ecs-fargate full"])["web-infrastructure"];
      await proveTrust(role, "ecs.amazonaws.com");
      const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
        simulateRequest(role, action, resource, context);
      const volume = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0123456789abcdef0`;
      const ecsCreated = {
        "aws:RequestTag/AmazonECSCreated": `arn:aws:ecs:us-east-1:${ACCOUNT}:task/web/0123456789abcdef`,
        "aws:RequestTag/AmazonECSManaged": "true",
      };
      expect(await decide("ec2:CreateVolume", volume, ecsCreated)).toBe("Allowed");
      expect(await decide("ec2:CreateVolume", volume)).toBe("ImplicitlyDenied");
      expect(await decide("ec2:DeleteVolume", volume)).toBe("ImplicitlyDenied");
      await proveNoRolePassing(role);
      expect(await decide("s3:GetObject", "arn:aws:s3:::any-bucket/key")).toBe("ImplicitlyDenied");
      expect(await decide("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/any`)).toBe("ImplicitlyDenied");
    });

    test("the task role: assumed by ECS tasks of the account only; ECS Exec's four channel actions; the application's statements, no more; passes no role", async () => {
      const role = rolesFromPlan(plans["ecs-fargate full"])["web-task"];
      await proveTrust(role, "ecs-tasks.amazonaws.com", "111122223333");
      const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
        simulateRequest(role, action, resource, context);
      for (const action of ["CreateControlChannel", "CreateDataChannel", "OpenControlChannel", "OpenDataChannel"]) {
        expect(await decide(`ssmmessages:${action}`, "*")).toBe("Allowed");
      }
      expect(await decide("ssm:StartSession", "*")).toBe("ImplicitlyDenied");
      expect(await decide("s3:GetObject", "arn:aws:s3:::reports/daily/1.csv")).toBe("Allowed");
      expect(await decide("s3:GetObject", "arn:aws:s3:::other/daily/1.csv")).toBe("ImplicitlyDenied");
      expect(await decide("s3:PutObject", "arn:aws:s3:::reports/daily/1.csv")).toBe("ImplicitlyDenied");
      expect(await decide("s3:ListBucket", "arn:aws:s3:::reports", { "s3:prefix": "daily/2026" })).toBe("Allowed");
      expect(await decide("s3:ListBucket", "arn:aws:s3:::reports", { "s3:prefix": "monthly/2026" })).toBe("ImplicitlyDenied");
      await proveNoRolePassing(role);
      expect(await decide("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/any`)).toBe("ImplicitlyDenied");
    });

    test("batch with a source account: the guarded trusts refuse other accounts", async () => {
      const roles = rolesFromPlan(plans["batch full"]);
      await proveTrust(roles.AWSBatchServiceRole, "batch.amazonaws.com", "111122223333");
      await proveTrust(roles["batch-exec-*"], "ecs-tasks.amazonaws.com", "111122223333");
      await proveExecutionRole(roles["batch-exec-*"], {});
      await proveTrust(roles.ecsInstanceRole, "ec2.amazonaws.com");
    });

    test("ecs-fargate defaults: the managed policy's grants, no secrets, no PassRole", async () => {
      const roles = rolesFromPlan(plans["ecs-fargate us-east-1"]);
      await proveTrust(roles.ecsTaskExecutionRole, "ecs-tasks.amazonaws.com");
      await proveExecutionRole(roles.ecsTaskExecutionRole, {});
    });

    test("ecs-fargate with every option: listed secrets only, pulls only through the endpoint, guarded trust", async () => {
      const role = rolesFromPlan(plans["ecs-fargate full"])["web-execution"];
      await proveTrust(role, "ecs-tasks.amazonaws.com", "111122223333");
      await proveExecutionRole(role, {
        secrets: [SECRET, APP_SECRET],
        parameters: [PARAMETER],
        keys: [KEY],
        vpcEndpointIds: [VPCE],
        logGroups: [LOG_GROUP],
      });
    });

    test("a cached pull through the endpoint stays restricted: import and create only through it, only under the rule's prefix", async () => {
      const role = rolesFromPlan(plans["ecs-fargate full"])["web-execution"];
      const cached = "arn:aws:ecr:us-east-1:111122223333:repository/docker-hub/library/nginx";
      const other = "arn:aws:ecr:us-east-1:111122223333:repository/quay/app";
      for (const action of ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]) {
        expect([action, await simulateRequest(role, action, cached, { "aws:SourceVpce": VPCE })]).toEqual([action, "Allowed"]);
        expect([action, "no network", await simulateRequest(role, action, cached)]).toEqual([action, "no network", "ImplicitlyDenied"]);
        expect([
          action,
          "other endpoint",
          await simulateRequest(role, action, cached, { "aws:SourceVpce": "vpce-0fffffffffffffff0" }),
        ]).toEqual([action, "other endpoint", "ImplicitlyDenied"]);
        expect([action, "other prefix", await simulateRequest(role, action, other, { "aws:SourceVpce": VPCE })]).toEqual([
          action,
          "other prefix",
          "ImplicitlyDenied",
        ]);
      }
    });

    test("a secret given by name, as the AWS documents write it, is readable under its real ARN, and no other", async () => {
      const role = rolesFromPlan(plans["ecs-fargate full"])["web-execution"];
      // Secrets Manager's ARN of the secret named app/config ends in 6 random characters.
      expect(await simulateRequest(role, "secretsmanager:GetSecretValue", `${SECRET_BY_NAME}-Xy12Ab`)).toBe("Allowed");
      expect(await simulateRequest(role, "secretsmanager:GetSecretValue", `${SECRET_BY_NAME}/other-Xy12Ab`)).toBe("ImplicitlyDenied");
      expect(await simulateRequest(role, "secretsmanager:GetSecretValue", `${SECRET_BY_NAME}-longer-Xy12Ab`)).toBe("ImplicitlyDenied");
    });

    test.each([
      ["cn-north-1", "aws-cn"],
      ["us-gov-west-1", "aws-us-gov"],
    ])("the full configuration with the ARNs of %s plans there, each ARN in its partition", (region, partition) => {
      const role = plans[`ecs-fargate full ${region}`].resources["aws_iam_role_policy.execution_role_secrets_policy"].values;
      const resources = JSON.parse(role.policy).Statement.flatMap((s: any) => s.Resource);
      expect(resources.every((arn: string) => arn.startsWith(`arn:${partition}:`))).toBe(true);
      expect(plans[`batch full ${region}`].resources["aws_iam_role.service_role"].values.permissions_boundary).toBe(
        `arn:${partition}:iam::111122223333:policy/PlatformBoundary`,
      );
    });

    test("the proofs catch a broken role: the managed policy left attached beside the endpoint restriction", async () => {
      const role = rolesFromPlan(plans["ecs-fargate full"])["web-execution"];
      const managed = publishedPolicy("service-role/AmazonECSTaskExecutionRolePolicy")!;
      const broken = {
        ...role,
        policies: [...role.policies, { name: "service-role/AmazonECSTaskExecutionRolePolicy", policy: managed.document }],
      };
      await expect(proveExecutionRole(broken, { vpcEndpointIds: [VPCE] })).rejects.toThrow(
        /"no network",\s+-\s+"ImplicitlyDenied",\s+\+\s+"Allowed"/,
      );
    });

    test("every concrete can / cannot line of the permissions reports holds on the plan", async () => {
      const checked: string[] = [];
      for (const [config, label] of [
        [loadConfig(join(ROOT, "iam.config.json")), "us-east-1"],
        [parseConfig(FULL_CONFIG, "full"), "full"],
        [parseConfig(LINKED_CONFIG, "linked"), "linked"],
      ] as const) {
        const app = testApp();
        // The service-linked role's configuration is planned for its batch stack only.
        const stacks = [
          new BatchStack(app, "batch", config.batch),
          ...(label === "linked" ? [] : [new EcsFargateStack(app, "ecs-fargate", config.ecsFargate)]),
        ];
        for (const stack of stacks) {
          const planned = rolesFromPlan(plans[`${stack.node.id} ${label}`]);
          for (const { address, claims } of reportedRoles(stack)) {
            const name = Object.keys(planned).find((n) => planned[n].address === address) ?? "";
            for (const { can, text, request } of claims.filter((c) => c.request)) {
              const role = planned[name];
              const decision =
                request!.action === "sts:AssumeRole"
                  ? await simulateAssume(role, request!.principal!)
                  : await simulateRequest(role, request!.action, request!.resource);
              expect([name, text, decision]).toEqual([name, text, can ? "Allowed" : "ImplicitlyDenied"]);
              checked.push(text);
            }
          }
        }
      }
      expect(checked.length).toBeGreaterThan(20);
    });
  });
});
