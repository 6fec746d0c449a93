import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { actionReference } from "../../src/data/iam-reference";
import { readFileSync, writeFileSync } from "fs";
import childProcess = require("child_process");
import { join } from "path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { AUDIT_ACTIONS, auditAccount, auditorPolicy, auditJson, AuditReport, auditTable, exitCodeOf } from "../../src/audit";
import { canonicalStatement, compareDocuments } from "../../src/audit/documents";
import { AuditTarget, auditAccounts } from "../../src/audit/organization";
import { tempDir } from "../helpers/terraform";
import { ACCOUNT, batchServiceLinkedRole, consoleRoles, FakeAccount, fakeIam, FakeRole, managed, trust, usualStates } from "./fake-account";

const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:app/db`;

/** Writes a configuration file and audits the account against it. */
async function audit(account: FakeAccount, config: object = {}, stacks?: ("batch" | "ecs-fargate")[]) {
  const iam = fakeIam(account);
  const file = join(tempDir("audit-"), "iam.config.json");
  writeFileSync(file, JSON.stringify(config));
  try {
    const report = await auditAccount({ config: file, stacks, client: new IAMClient({ region: "us-east-1" }) });
    return {
      report,
      calls: iam.calls().map((c) => c.args[0].constructor.name),
      requests: iam.calls().map((c) => ({ command: c.args[0].constructor.name, input: c.args[0].input as Record<string, string> })),
    };
  } finally {
    iam.restore();
  }
}

const byName = (report: AuditReport) => Object.fromEntries(report.roles.map((r) => [r.name, r]));

describe("the account audit", () => {
  test("the roles as the consoles create them, with the profile, are ok: exit code 0", async () => {
    const { report } = await audit({ roles: consoleRoles(), profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } });
    expect(report.roles.map((r) => [r.stack, r.name, r.status, r.findings])).toEqual([
      ["batch", "AWSBatchServiceRole", "ok", []],
      ["batch", "ecsInstanceRole", "ok", []],
      ["batch", "batchTaskExecutionRole", "ok", []],
      ["ecs-fargate", "ecsTaskExecutionRole", "ok", []],
    ]);
    expect(exitCodeOf(report)).toBe(0);
  });

  test("the usual states of console-created roles: missing, correct, missing its managed policy, an extra trust principal, an extra wildcard policy", async () => {
    const { report } = await audit(usualStates());
    const found = byName(report);
    expect(found.batchTaskExecutionRole).toMatchObject({
      status: "missing",
      findings: ["no role named batchTaskExecutionRole in the account"],
    });
    expect(found.ecsInstanceRole).toMatchObject({
      status: "drift",
      findings: ["AWS managed policy arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role is not attached"],
    });
    expect(found.AWSBatchServiceRole.status).toBe("drift");
    expect(found.AWSBatchServiceRole.findings).toEqual([
      'trust policy, in the statement "Allow sts:AssumeRole to Service batch.amazonaws.com": Principal Service also has lambda.amazonaws.com',
    ]);
    expect(found.ecsTaskExecutionRole.status).toBe("drift");
    expect(found.ecsTaskExecutionRole.findings).toEqual([
      expect.stringMatching(
        /^inline policy Admin is not one the stack writes \(adopting deletes it\), and grants more than it would: \[IAM1\] statement #1: action '\*' is a wildcard/,
      ),
    ]);
    expect(exitCodeOf(report)).toBe(1);

    // The same, for people and for machines.
    const table = auditTable(report);
    expect(table.split("\n")[0]).toMatch(/^ROLE\s+STATUS\s+FINDINGS$/);
    expect(table).toMatch(/batch\/batchTaskExecutionRole\s+missing\s+no role named batchTaskExecutionRole/);
    expect(table).toMatch(/ecs-fargate\/ecsTaskExecutionRole\s+drift\s+inline policy Admin/);
    expect(table).toContain("4 roles: 1 missing, 3 drift");
    const json = JSON.parse(auditJson(report));
    expect(json.roles[2]).toEqual({
      stack: "batch",
      name: "batchTaskExecutionRole",
      status: "missing",
      findings: ["no role named batchTaskExecutionRole in the account"],
      notes: [],
    });
    expect(Object.keys(json)).toEqual(["roles"]);
  });

  test("a trust policy is compared as IAM compares it: any statement order, a value or a one-element list, URL-encoded", async () => {
    const roles = consoleRoles();
    roles.AWSBatchServiceRole.trust = {
      Statement: { Action: ["sts:AssumeRole"], Principal: { Service: ["batch.amazonaws.com"] }, Effect: "Allow" },
      Version: "2012-10-17",
    };
    const { report } = await audit({ roles, profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } }, {}, ["batch"]);
    expect(byName(report).AWSBatchServiceRole).toMatchObject({ status: "ok", findings: [] });
    const a = { Effect: "Allow", Action: ["b", "a"], Resource: "x", Condition: { StringEquals: { k: ["2", "1"] } } };
    const b = { Condition: { StringEquals: { k: ["1", "2"] } }, Resource: ["x"], Action: ["a", "b"], Effect: "Allow" };
    expect(canonicalStatement(a)).toBe(canonicalStatement(b));
    expect(
      compareDocuments({ Statement: [a, { Effect: "Deny", Action: "c" }] }, { Statement: [{ Effect: "Deny", Action: ["c"] }, b] }),
    ).toEqual({ missing: [], extra: [] });
  });

  test("path, permissions boundary, extra AWS managed policies, the instance profile", async () => {
    const roles = consoleRoles();
    roles.AWSBatchServiceRole = { ...roles.AWSBatchServiceRole, path: "/service-role/", boundary: `arn:aws:iam::${ACCOUNT}:policy/Old` };
    roles.ecsInstanceRole.managed = [managed("AmazonEC2ContainerServiceforEC2Role"), "arn:aws:iam::aws:policy/AdministratorAccess"];
    const config = { batch: { permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Platform` } };
    const { report } = await audit({ roles, profiles: { ecsInstanceRole: { path: "/x/", roles: [] } } }, config, ["batch"]);
    const found = byName(report);
    expect(found.AWSBatchServiceRole.findings).toEqual([
      `permissions boundary is arn:aws:iam::${ACCOUNT}:policy/Old; the stack sets arn:aws:iam::${ACCOUNT}:policy/Platform`,
    ]);
    // Adopting keeps a path (IAM cannot move a role or profile): a note, not a finding.
    expect(found.AWSBatchServiceRole.notes).toEqual([
      "path is /service-role/; the stack sets /: adopting keeps /service-role/, as IAM cannot move a role",
    ]);
    expect(found.ecsInstanceRole.findings).toEqual([
      `no permissions boundary; the stack sets arn:aws:iam::${ACCOUNT}:policy/Platform`,
      "AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess is attached, which the stack does not attach (adopting detaches it): it grants what AWS puts in it",
      "instance profile ecsInstanceRole does not hold the role (it holds none)",
    ]);
    expect(found.ecsInstanceRole.notes).toEqual([
      "instance profile ecsInstanceRole has path /x/; the stack sets /: adopting keeps /x/, as IAM cannot move a profile",
    ]);
    const without = await audit({ roles: consoleRoles() }, {}, ["batch"]);
    expect(byName(without.report).ecsInstanceRole.findings).toEqual(["instance profile ecsInstanceRole is missing"]);
  });

  test("inline policies: missing, different, extra", async () => {
    const roles = consoleRoles();
    const config = {
      ecsFargate: {
        executionRole: { secrets: { secretArns: [SECRET] }, ecrPullRestriction: { vpcEndpointIds: ["vpce-0123456789abcdef0"] } },
      },
    };
    roles.ecsTaskExecutionRole.managed = [];
    roles.ecsTaskExecutionRole.inline = {
      EcsSecrets: {
        Version: "2012-10-17",
        Statement: [{ Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `${SECRET}-??????` }],
      },
      Legacy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }] },
    };
    const { report } = await audit({ roles }, config, ["ecs-fargate"]);
    expect(byName(report).ecsTaskExecutionRole.findings).toEqual([
      "inline policy EcrPullThroughVpc is missing",
      "inline policy Legacy is not one the stack writes (adopting deletes it)",
    ]);
    roles.ecsTaskExecutionRole.inline.EcsSecrets = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }],
    };
    const changed = await audit({ roles }, config, ["ecs-fargate"]);
    expect(byName(changed.report).ecsTaskExecutionRole.findings.slice(0, 1)).toEqual([
      `inline policy EcsSecrets, in the statement "Allow secretsmanager:GetSecretValue on ${SECRET}-??????" (Sid ReadSecrets): Sid is none; the stack writes "ReadSecrets"; Resource also has *; Resource lacks ${SECRET}-??????`,
    ]);
    // The import set: the inline policy that exists as <role>:<policy>, as the AWS provider documents it; the missing one not.
    expect(byName(changed.report).ecsTaskExecutionRole.imports).toEqual({
      "aws_iam_role.execution_role": "ecsTaskExecutionRole",
      "aws_iam_role_policies_exclusive.execution_role_policies_exclusive": "ecsTaskExecutionRole",
      "aws_iam_role_policy_attachments_exclusive.execution_role_policy_attachments_exclusive": "ecsTaskExecutionRole",
      "aws_iam_role_policy.execution_role_secrets_policy": "ecsTaskExecutionRole:EcsSecrets",
    });
  });

  test("customer managed policies: missing, different, not attached, extra", async () => {
    const config = { ecsFargate: { executionRole: { policyStyle: "managed", secrets: { secretArns: [SECRET] } } } };
    const arn = `arn:aws:iam::${ACCOUNT}:policy/ecsTaskExecutionRole-EcsSecrets`;
    const document = {
      Version: "2012-10-17",
      Statement: [{ Sid: "ReadSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: [`${SECRET}-??????`] }],
    };
    const roles = consoleRoles();
    const missing = await audit({ roles }, config, ["ecs-fargate"]);
    expect(byName(missing.report).ecsTaskExecutionRole.findings).toEqual([
      "customer managed policy ecsTaskExecutionRole-EcsSecrets is missing",
    ]);
    const unattached = await audit({ roles, policies: { [arn]: { document } } }, config, ["ecs-fargate"]);
    expect(byName(unattached.report).ecsTaskExecutionRole.findings).toEqual([
      "customer managed policy ecsTaskExecutionRole-EcsSecrets is not attached to the role",
    ]);
    roles.ecsTaskExecutionRole.managed!.push(arn, `arn:aws:iam::${ACCOUNT}:policy/Everything`);
    const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] };
    const changed = { ...document, Statement: [{ ...document.Statement[0], Resource: [`${SECRET}-*`] }] };
    const { report } = await audit(
      { roles, policies: { [arn]: { document: changed }, [`arn:aws:iam::${ACCOUNT}:policy/Everything`]: { document: everything } } },
      config,
      ["ecs-fargate"],
    );
    expect(byName(report).ecsTaskExecutionRole.findings).toEqual([
      `customer managed policy ecsTaskExecutionRole-EcsSecrets, in the statement "Allow secretsmanager:GetSecretValue on ${SECRET}-??????" (Sid ReadSecrets): Resource also has ${SECRET}-*; Resource lacks ${SECRET}-??????`,
      expect.stringMatching(
        /^customer managed policy arn:aws:iam::111122223333:policy\/Everything is attached, which the stack does not attach \(adopting detaches it\), and grants more than it would: .*\[IAM6\] statement #1: action 'iam:PassRole' grants iam:PassRole/,
      ),
    ]);
    // The import set: the policy by ARN, its attachment as <role>/<policy ARN>, as the AWS provider documents them.
    expect(byName(report).ecsTaskExecutionRole.imports).toEqual({
      "aws_iam_role.execution_role": "ecsTaskExecutionRole",
      "aws_iam_role_policies_exclusive.execution_role_policies_exclusive": "ecsTaskExecutionRole",
      "aws_iam_role_policy_attachments_exclusive.execution_role_policy_attachments_exclusive": "ecsTaskExecutionRole",
      "aws_iam_role_policy_attachment.execution_role_aws_managed_policy": `ecsTaskExecutionRole/${managed("AmazonECSTaskExecutionRolePolicy")}`,
      "aws_iam_policy.execution_role_customer_managed_secrets_policy": arn,
      "aws_iam_role_policy_attachment.execution_role_customer_managed_secrets_policy_attachment": `ecsTaskExecutionRole/${arn}`,
    });
  });

  test("what adopting would change, in words: description, tags, session duration, the trust policy's Version; an empty Sid is no Sid", async () => {
    const roles = consoleRoles();
    // The consoles' ecsInstanceRole: a description, Version 2008-10-17 and an empty Sid.
    roles.ecsInstanceRole.description = "Allows EC2 instances to call AWS services on your behalf.";
    roles.ecsInstanceRole.trust = { ...trust("ec2.amazonaws.com", { Sid: "" }), Version: "2008-10-17" };
    // An empty Sid where the documents write none reads the same.
    roles.AWSBatchServiceRole.trust = trust("batch.amazonaws.com", { Sid: "" });
    roles.batchTaskExecutionRole = { ...roles.batchTaskExecutionRole, maxSessionDuration: 7200, tags: { Team: "hpc", Env: "prod" } };
    const config = { batch: { executionRole: { tags: { Env: "dev", Owner: "platform" } } } };
    const { report } = await audit({ roles, profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"], tags: { Old: "x" } } } }, config, [
      "batch",
    ]);
    const found = byName(report);
    expect(found.AWSBatchServiceRole).toMatchObject({ status: "ok", findings: [], notes: [] });
    expect(found.ecsInstanceRole.findings).toEqual([
      `description is "Allows EC2 instances to call AWS services on your behalf."; the stack sets none (give 'description' to keep it)`,
      "trust policy Version is 2008-10-17; the stack writes 2012-10-17",
      // Alone no change; with the Version, the whole document is written, without it.
      'trust policy, in the statement "Allow sts:AssumeRole to Service ec2.amazonaws.com": "Sid" is ""; the stack writes none',
      "instance profile ecsInstanceRole: tag Old is \"x\"; the stack sets none (give it in 'tags' to keep it)",
    ]);
    expect(found.batchTaskExecutionRole.findings).toEqual([
      "maximum session duration is 7200 s; the stack sets 3600 s (give 'maxSessionDuration' to keep it)",
      'tag Env is "prod"; the stack sets "dev"',
      'no tag Owner; the stack sets "platform"',
      `tag Team is "hpc"; the stack sets none (give it in 'tags' to keep it)`,
    ]);
    const kept = await audit(
      { roles, profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } },
      {
        batch: {
          instanceRole: { description: "Allows EC2 instances to call AWS services on your behalf." },
          executionRole: { maxSessionDuration: 7200, tags: { Team: "hpc", Env: "prod" } },
        },
      },
      ["batch"],
    );
    expect(byName(kept.report).batchTaskExecutionRole).toMatchObject({ status: "ok", findings: [] });
    expect(byName(kept.report).ecsInstanceRole.findings).toEqual([
      "trust policy Version is 2008-10-17; the stack writes 2012-10-17",
      'trust policy, in the statement "Allow sts:AssumeRole to Service ec2.amazonaws.com": "Sid" is ""; the stack writes none',
    ]);
  });

  test("a role that is gone but left its instance profile: missing, the profile named, and the import set adopts it (a deploy would stop at EntityAlreadyExists)", async () => {
    const roles = consoleRoles();
    delete (roles as Record<string, unknown>).ecsInstanceRole;
    const { report } = await audit({ roles, profiles: { ecsInstanceRole: { roles: [] } } }, {}, ["batch"]);
    expect(byName(report).ecsInstanceRole).toMatchObject({
      status: "missing",
      findings: [
        "no role named ecsInstanceRole in the account",
        "instance profile ecsInstanceRole exists: a deploy would stop at EntityAlreadyExists creating it, so the import set adopts it",
        "instance profile ecsInstanceRole does not hold the role (it holds none)",
      ],
      imports: { "aws_iam_instance_profile.instance_role_instance_profile": "ecsInstanceRole" },
    });
    // Gone with its profile: missing, and nothing to import.
    const { report: clean } = await audit({ roles }, {}, ["batch"]);
    expect(byName(clean).ecsInstanceRole).toMatchObject({
      status: "missing",
      findings: ["no role named ecsInstanceRole in the account"],
      imports: {},
    });
  });

  test("once a trust policy is rewritten, an empty Sid that goes or comes with it is named, in a statement otherwise the same or beside its other differences", async () => {
    const roles = consoleRoles();
    // The ECS documents write "Sid": "": a trust without it, rewritten for its Version, gains it.
    const withoutSid = trust("ecs-tasks.amazonaws.com");
    delete (withoutSid.Statement[0] as { Sid?: string }).Sid;
    roles.ecsTaskExecutionRole.trust = { ...withoutSid, Version: "2008-10-17" };
    // EC2's writes none: a console trust with "Sid": "" and another principal loses it.
    const widened = trust("ec2.amazonaws.com", { Sid: "" });
    (widened.Statement[0] as unknown as { Principal: { Service: string[] } }).Principal.Service = [
      "ec2.amazonaws.com",
      "lambda.amazonaws.com",
    ];
    roles.ecsInstanceRole.trust = widened;
    const { report } = await audit({ roles, profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } }, {}, ["batch", "ecs-fargate"]);
    const found = byName(report);
    expect(found.ecsTaskExecutionRole.findings).toEqual([
      "trust policy Version is 2008-10-17; the stack writes 2012-10-17",
      'trust policy, in the statement "Allow sts:AssumeRole to Service ecs-tasks.amazonaws.com": no "Sid"; the stack writes ""',
    ]);
    expect(found.ecsInstanceRole.findings).toEqual([
      'trust policy, in the statement "Allow sts:AssumeRole to Service ec2.amazonaws.com": "Sid" is ""; the stack writes none; Principal Service also has lambda.amazonaws.com',
    ]);
  });

  test("IAM finds a role whatever the case of its name; Terraform would replace it, so the audit says so (moto compares names by case)", async () => {
    const roles = consoleRoles();
    roles.EcsInstanceRole = roles.ecsInstanceRole;
    delete (roles as Record<string, unknown>).ecsInstanceRole;
    const { report } = await audit({ roles, profiles: { ecsInstanceRole: { roles: ["EcsInstanceRole"] } } }, {}, ["batch"]);
    expect(byName(report).ecsInstanceRole.findings).toEqual([
      "the role is named EcsInstanceRole; the stack names it ecsInstanceRole: IAM finds it whatever the case, and adopting replaces it",
      "instance profile ecsInstanceRole does not hold the role (it holds EcsInstanceRole)",
    ]);
  });

  test("exclusivePolicies: false: extra grants are still reported, as notes of ones the stack leaves (adopting changes nothing: ok), and nothing imports the exclusive resources", async () => {
    const roles = consoleRoles();
    roles.ecsTaskExecutionRole.inline = {
      Extra: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }] },
    };
    const { report } = await audit({ roles }, { ecsFargate: { exclusivePolicies: false } }, ["ecs-fargate"]);
    expect(byName(report).ecsTaskExecutionRole).toMatchObject({
      status: "ok",
      findings: [],
      notes: ["inline policy Extra is not one the stack writes (the stack leaves it: exclusivePolicies is false)"],
    });
    expect(Object.keys(byName(report).ecsTaskExecutionRole.imports).filter((a) => a.includes("exclusive"))).toEqual([]);
  });

  test("an error it does not expect stops the audit with one line naming the call and the role; what it read is kept; exit code 2", async () => {
    const iam = fakeIam({ roles: consoleRoles(), profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } });
    iam.on(ListRolePoliciesCommand, { RoleName: "batchTaskExecutionRole" }).rejects(
      Object.assign(new Error("We encountered an internal error.\nPlease try again."), {
        name: "InternalFailure",
        $metadata: { attempts: 25, httpStatusCode: 500 },
      }),
    );
    try {
      const report = await auditAccount({ client: new IAMClient({ region: "us-east-1" }) });
      expect(report.roles.map((r) => [r.name, r.status])).toEqual([
        ["AWSBatchServiceRole", "ok"],
        ["ecsInstanceRole", "ok"],
      ]);
      expect(report.error).toBe(
        "iam:ListRolePolicies on role batchTaskExecutionRole failed after 25 attempts: InternalFailure (HTTP 500): We encountered an internal error. Please try again.",
      );
      expect(exitCodeOf(report)).toBe(2);
      expect(JSON.parse(auditJson(report))).toMatchObject({ roles: [{ status: "ok" }, { status: "ok" }], error: report.error });
      expect(auditTable(report)).toMatch(/\n2 roles read before the audit stopped: 2 ok$/);
    } finally {
      iam.restore();
    }
  });

  test("eventual consistency: an inline policy listed but not yet readable is read again until it is, or until the role no longer lists it", async () => {
    const roles = consoleRoles();
    roles.ecsTaskExecutionRole.inline = { Late: { Version: "2012-10-17", Statement: [] } };
    const iam = fakeIam({ roles });
    const notYet = Object.assign(new Error("The role policy with name Late cannot be found."), {
      name: "NoSuchEntityException",
      $metadata: {},
    });
    const waited: number[] = [];
    const sleep = async (ms: number) => void waited.push(ms);
    try {
      iam
        .on(GetRolePolicyCommand)
        .rejectsOnce(notYet)
        .rejectsOnce(notYet)
        .resolves({ PolicyDocument: encodeURIComponent('{"Statement":[]}') });
      const read = await auditAccount({ client: new IAMClient({ region: "us-east-1" }), stacks: ["ecs-fargate"], account: { sleep } });
      expect(read.roles[0].findings).toEqual(["inline policy Late is not one the stack writes (adopting deletes it)"]);
      expect(waited).toEqual([250, 500]);

      iam.on(GetRolePolicyCommand).rejects(notYet);
      const never = await auditAccount({
        client: new IAMClient({ region: "us-east-1" }),
        stacks: ["ecs-fargate"],
        account: { sleep, consistencyWaitSeconds: 0 },
      });
      expect(never.error).toBe(
        "iam:GetRolePolicy on inline policy Late of role ecsTaskExecutionRole: the role lists it but IAM has not returned it for 0 s (NoSuchEntity)",
      );

      iam
        .on(ListRolePoliciesCommand)
        .resolvesOnce({ PolicyNames: ["Late"] })
        .resolves({ PolicyNames: [] });
      const gone = await auditAccount({ client: new IAMClient({ region: "us-east-1" }), stacks: ["ecs-fargate"], account: { sleep } });
      expect(gone.roles[0]).toMatchObject({ status: "ok", findings: [] });
    } finally {
      iam.restore();
    }
  });

  test("a configuration that adopts its roles is audited alike, and without running Terraform", async () => {
    // cdktf checks `terraform version` for every import block it validates; the audit declares none.
    const execSync = jest.spyOn(childProcess, "execSync").mockImplementation(() => {
      throw new Error("the audit ran a command");
    });
    try {
      const adopt = { serviceRole: { adopt: true }, instanceRole: { adopt: true }, executionRole: { adopt: true } };
      const { report } = await audit(
        { roles: consoleRoles(), profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } },
        { batch: adopt },
        ["batch"],
      );
      expect(report.roles.map((r) => r.status)).toEqual(["ok", "ok", "ok"]);
      expect(execSync).not.toHaveBeenCalled();
    } finally {
      execSync.mockRestore();
    }
  });

  test("the Batch service-linked role: found under its service's path whatever its name, imported by its ARN; only its description and tags compared, as IAM lets no one change the rest", async () => {
    const config = { batch: { serviceRole: { serviceLinked: true }, tags: { team: "hpc" } } };
    const linked = async (role?: FakeRole) => {
      const roles: Record<string, FakeRole> = { ...consoleRoles(), ...(role && { AWSServiceRoleForbatch: role }) };
      const { report } = await audit({ roles, profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } }, config, ["batch"]);
      return report.roles[0];
    };
    // moto names the role AWSServiceRoleForbatch, IAM AWSServiceRoleForBatch: the path finds either.
    expect(await linked(batchServiceLinkedRole({ tags: { team: "hpc" } }))).toEqual({
      stack: "batch",
      name: "AWSServiceRoleForBatch",
      status: "ok",
      findings: [],
      notes: [],
      imports: {
        "aws_iam_service_linked_role.service_role_service_linked": `arn:aws:iam::${ACCOUNT}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForbatch`,
      },
    });
    expect(await linked()).toMatchObject({
      status: "missing",
      findings: ["no service-linked role for batch.amazonaws.com in the account (a deploy creates AWSServiceRoleForBatch)"],
      imports: {},
    });
    // Another trust or attachment is not a finding: IAM refuses to change either on a service-linked role.
    const drifted = await linked(batchServiceLinkedRole({ description: "Made by Batch", managed: [], trust: {} }));
    expect(drifted).toMatchObject({ status: "drift" });
    expect(drifted.findings).toEqual([
      `description is "Made by Batch"; the stack sets none (give 'description' to keep it)`,
      `no tag team; the stack sets "hpc"`,
    ]);
  });

  test("the organization audit reads an account of another partition that names no Region through its partition's endpoints", async () => {
    const iam = fakeIam({ roles: consoleRoles(), profiles: { ecsInstanceRole: { roles: ["ecsInstanceRole"] } } });
    const file = join(tempDir("audit-"), "iam.config.json");
    const accounts = [
      { id: "111111111111", partition: "aws-cn" },
      { id: "222222222222", partition: "aws-us-gov", region: "us-gov-east-1" },
      { id: "333333333333" },
    ];
    writeFileSync(file, JSON.stringify({ accounts }));
    const targets: AuditTarget[] = [];
    try {
      const report = await auditAccounts({
        config: file,
        stacks: ["ecs-fargate"],
        clientFor: async (target) => {
          targets.push(target);
          return new IAMClient({ region: "us-east-1" });
        },
      });
      expect(report.accounts.map((a) => a.error)).toEqual([undefined, undefined, undefined]);
    } finally {
      iam.restore();
    }
    // The commercial account's Region is the SDK's own chain (AWS_REGION, the profile).
    expect(targets.map((t) => [t.id, t.region]).sort()).toEqual([
      ["111111111111", "cn-north-1"],
      ["222222222222", "us-gov-east-1"],
      ["333333333333", undefined],
    ]);
  });

  test("a role named by a prefix cannot be looked up: unchecked, exit code 2", async () => {
    const { report } = await audit({ roles: consoleRoles() }, { ecsFargate: { executionRole: { roleNamePrefix: "web-" } } }, [
      "ecs-fargate",
    ]);
    expect(report.roles).toEqual([expect.objectContaining({ name: "web-*", status: "unchecked" })]);
    expect(exitCodeOf(report)).toBe(2);
  });

  test("pagination: every page of attached and inline policies is read", async () => {
    const roles = consoleRoles();
    roles.ecsTaskExecutionRole.managed = [
      managed("AmazonECSTaskExecutionRolePolicy"),
      "arn:aws:iam::aws:policy/A",
      "arn:aws:iam::aws:policy/B",
    ];
    roles.ecsTaskExecutionRole.inline = { One: { Statement: [] }, Two: { Statement: [] } };
    const { report, calls } = await audit({ roles }, {}, ["ecs-fargate"]);
    expect(byName(report).ecsTaskExecutionRole.findings).toEqual([
      expect.stringContaining("AWS managed policy arn:aws:iam::aws:policy/A is attached"),
      expect.stringContaining("AWS managed policy arn:aws:iam::aws:policy/B is attached"),
      "inline policy One is not one the stack writes (adopting deletes it)",
      "inline policy Two is not one the stack writes (adopting deletes it)",
    ]);
    expect(calls.filter((c) => c === "ListAttachedRolePoliciesCommand")).toHaveLength(3);
    expect(calls.filter((c) => c === "ListRolePoliciesCommand")).toHaveLength(2);
  });

  test("it makes read calls only, each of them listed", async () => {
    const config = {
      batch: { serviceRole: { serviceLinked: true } },
      ecsFargate: { executionRole: { policyStyle: "managed", secrets: { secretArns: [SECRET] } } },
    };
    const roles: Record<string, FakeRole> = { ...consoleRoles(), AWSServiceRoleForBatch: batchServiceLinkedRole() };
    roles.ecsTaskExecutionRole.inline = { Extra: { Statement: [] } };
    roles.ecsTaskExecutionRole.managed!.push(`arn:aws:iam::${ACCOUNT}:policy/ecsTaskExecutionRole-EcsSecrets`);
    const { calls, requests } = await audit(
      { roles, policies: { [`arn:aws:iam::${ACCOUNT}:policy/ecsTaskExecutionRole-EcsSecrets`]: { document: {} } }, profiles: {} },
      config,
    );
    const actions = [...new Set(calls.map((c) => `iam:${c.replace(/Command$/, "")}`))].sort();
    expect(actions).toEqual([...AUDIT_ACTIONS].sort());
    for (const action of AUDIT_ACTIONS)
      expect([action, actionReference(action)?.accessLevel]).toEqual([action, expect.stringMatching(/^(?:Read|List)$/)]);

    // The auditor's policy allows each call the audit made, on the entity it read, and no write.
    const policy = auditorPolicy();
    const decide = (action: string, resource: string) =>
      runSimulation(
        {
          identityPolicies: [{ name: "auditor", policy }],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          request: {
            action,
            principal: `arn:aws:iam::${ACCOUNT}:user/auditor`,
            resource: { accountId: ACCOUNT, resource },
            contextVariables: {},
          },
        },
        {},
      ).then((r) => (r.resultType === "error" ? JSON.stringify(r.errors) : r.overallResult));
    // iam:ListRoles has no resource type: IAM decides it on "*".
    const arnOf = ({ RoleName, PolicyArn, InstanceProfileName, PathPrefix }: Record<string, string>) =>
      (PathPrefix === undefined ? undefined : "*") ??
      PolicyArn ??
      (InstanceProfileName
        ? `arn:aws:iam::${ACCOUNT}:instance-profile/${InstanceProfileName}`
        : `arn:aws:iam::${ACCOUNT}:role/${RoleName}`);
    const decided = await Promise.all(
      requests.map(async ({ command, input }) => {
        const action = `iam:${command.replace(/Command$/, "")}`;
        return `${action} ${arnOf(input)}: ${await decide(action, arnOf(input))}`;
      }),
    );
    expect(decided.filter((d) => !d.endsWith(": Allowed"))).toEqual([]);
    const role = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
    const writes = [
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:PassRole",
      "iam:CreateRole",
      "iam:TagRole",
    ];
    expect(await Promise.all(writes.map((w) => decide(w, role)))).toEqual(writes.map(() => "ImplicitlyDenied"));
    expect(policy.Statement.flatMap((st) => st.Action)).toEqual(expect.arrayContaining([...AUDIT_ACTIONS]));
    expect(policy.Statement.flatMap((st) => st.Action)).toHaveLength(AUDIT_ACTIONS.length);
  });

  test("progress is told before each role is read, for the line a terminal shows", async () => {
    const iam = fakeIam({ roles: consoleRoles() });
    const told: string[] = [];
    try {
      await auditAccount({
        client: new IAMClient({ region: "us-east-1" }),
        progress: (done, total, name) => told.push(`${done}/${total} ${name}`),
      });
    } finally {
      iam.restore();
    }
    expect(told).toEqual(["0/4 AWSBatchServiceRole", "1/4 ecsInstanceRole", "2/4 batchTaskExecutionRole", "3/4 ecsTaskExecutionRole"]);
  });

  test("the README's example table is the audit of the account it describes", async () => {
    // The README's account: the usual states but for the wildcard policy.
    const account = usualStates();
    delete account.roles.ecsTaskExecutionRole.inline;
    const { report } = await audit(account);
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`\n${auditTable(report)}\n\`\`\``);
  });
});
