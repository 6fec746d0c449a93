import { execFile } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { AUDIT_ACTIONS } from "../../src/audit";
import { tempDir } from "../helpers/terraform";
import { consoleRoles, FakeAccount, usualStates } from "./fake-account";
import { Faults, fakeIamEndpoint, userEnvironment } from "./fake-iam-endpoint";

const ROOT = join(__dirname, "..", "..");

const AUDIT_SCRIPT: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts["audit-account"];

/**
 * Runs the audit: exit code, stdout, stderr. By default the command line `npm run audit-account`
 * runs (package.json's script, without npm's start-up in front of each of a dozen runs); `viaNpm`
 * runs it as the README prints it, `npm run --silent audit-account -- <args>`.
 */
function run(args: string[], env: NodeJS.ProcessEnv, viaNpm = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, ...scriptArgs] = viaNpm ? ["npm", "run", "--silent", "audit-account", "--"] : AUDIT_SCRIPT.split(" ");
  return new Promise((resolve) => {
    execFile(command === "node" ? process.execPath : command, [...scriptArgs, ...args], { cwd: ROOT, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The audit against a fake account served over IAM's own protocol, with credentials, a region and the endpoint set as users set them. */
async function audit(account: FakeAccount, args: string[] = [], faults: Faults = {}, config: object = {}, viaNpm = false) {
  const endpoint = await fakeIamEndpoint(account, faults);
  const file = join(tempDir("audit-config-"), "iam.config.json");
  writeFileSync(file, JSON.stringify(config));
  try {
    const env = userEnvironment({ ...endpoint.environment, AWS_MAX_ATTEMPTS: "2", IAM_CONFIG: file });
    return { ...(await run(args, env, viaNpm)), requests: endpoint.requests };
  } finally {
    await endpoint.close();
  }
}

const profile = { ecsInstanceRole: { roles: ["ecsInstanceRole"] } };

describe("the audit command, run as users run it against an IAM endpoint", () => {
  test.concurrent(
    "an account holding the roles as the documents want them: a table of ok, exit code 0, read calls only, all signed",
    async () => {
      // As the README prints it: through npm.
      const { code, stdout, stderr, requests } = await audit({ roles: consoleRoles(), profiles: profile }, [], {}, {}, true);
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(stdout.split("\n")).toEqual([
        expect.stringMatching(/^ROLE\s+STATUS\s+FINDINGS$/),
        expect.stringMatching(/^batch\/AWSBatchServiceRole\s+ok$/),
        expect.stringMatching(/^batch\/ecsInstanceRole\s+ok$/),
        expect.stringMatching(/^batch\/batchTaskExecutionRole\s+ok$/),
        expect.stringMatching(/^ecs-fargate\/ecsTaskExecutionRole\s+ok$/),
        "",
        "4 roles: 4 ok",
        "",
      ]);
      expect(new Set(requests.map((r) => r.action))).toEqual(
        new Set(["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:GetInstanceProfile"]),
      );
      expect(requests.every((r) => r.signed)).toBe(true);
    },
  );

  test.concurrent(
    "the usual states, missing, correct, missing its managed policy, an extra trust principal, an extra wildcard policy: --json, exit code 1",
    async () => {
      const account = usualStates();
      account.roles.ecsTaskExecutionRole.managed!.push("arn:aws:iam::aws:policy/AdministratorAccess");
      const { code, stdout, stderr, requests } = await audit(account, ["--json"]);
      expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
      const { roles: found } = JSON.parse(stdout);
      expect(found.map((r: { stack: string; name: string; status: string }) => [r.stack, r.name, r.status])).toEqual([
        ["batch", "AWSBatchServiceRole", "drift"],
        ["batch", "ecsInstanceRole", "drift"],
        ["batch", "batchTaskExecutionRole", "missing"],
        ["ecs-fargate", "ecsTaskExecutionRole", "drift"],
      ]);
      expect(found[0].findings).toEqual([
        expect.stringMatching(/^trust policy lacks the statement/),
        expect.stringMatching(/^trust policy has a statement the documents do not: .*lambda\.amazonaws\.com/),
      ]);
      expect(found[1].findings).toEqual([expect.stringMatching(/AmazonEC2ContainerServiceforEC2Role is not attached$/)]);
      expect(found[3].findings).toEqual([
        expect.stringMatching(/^AWS managed policy arn:aws:iam::aws:policy\/AdministratorAccess is attached beside the documents'/),
        expect.stringMatching(/^inline policy Admin is not in the documents, and grants more than they do: \[IAM1\]/),
      ]);
      expect(requests.map((r) => r.action).every((a) => (AUDIT_ACTIONS as readonly string[]).includes(a))).toBe(true);
    },
  );

  test.concurrent("--stack batch audits the batch stack's roles only", async () => {
    const { code, stdout } = await audit({ roles: consoleRoles(), profiles: profile }, ["--stack", "batch", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).roles.map((r: { name: string }) => r.name)).toEqual([
      "AWSBatchServiceRole",
      "ecsInstanceRole",
      "batchTaskExecutionRole",
    ]);
  });

  test.concurrent("throttled after the SDK's retries: exit code 2 and one line that says so", async () => {
    const { code, stdout, stderr, requests } = await audit({ roles: consoleRoles() }, [], { throttle: true });
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe("could not check the account: IAM throttled iam:GetRole after 2 attempts: try again later\n");
    expect(requests.map((r) => r.action)).toEqual(["iam:GetRole", "iam:GetRole"]);
  });

  test.concurrent("access denied: exit code 2 and one line naming the call and every action the audit needs", async () => {
    const { code, stderr } = await audit({ roles: consoleRoles(), profiles: profile }, [], { deny: ["ListRolePolicies"] });
    expect(code).toBe(2);
    expect(stderr.split("\n")).toEqual([
      expect.stringMatching(
        /^could not check the account: access denied to iam:ListRolePolicies: the audit needs iam:GetRole, .*iam:GetInstanceProfile \(User: .* is not authorized/,
      ),
      "",
    ]);
  });

  test.concurrent("no credentials: exit code 2 and one line that says which (iam.config.json read from the working folder)", async () => {
    const { code, stdout, stderr } = await run(
      [],
      userEnvironment({ AWS_REGION: "eu-west-1", AWS_ENDPOINT_URL_IAM: "http://127.0.0.1:9" }),
    );
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr.split("\n")).toEqual([
      expect.stringMatching(
        /^could not check the account: no AWS credentials: .*\(set AWS_PROFILE or AWS_ACCESS_KEY_ID, as for the AWS CLI\)$/,
      ),
      "",
    ]);
  });

  test.concurrent("bad usage and bad configuration: exit code 2, saying what is wrong", async () => {
    const env = userEnvironment({});
    const [option, stack, help, imports] = await Promise.all([
      run(["--tables"], env),
      run(["--stack", "lambda"], env),
      run(["--help"], env),
      run(["--imports"], env),
    ]);
    expect(imports).toMatchObject({ code: 2, stderr: expect.stringMatching(/^a file is needed after '--imports'\n/) });
    expect(option).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^unknown option '--tables'\nUsage: cdktf-batch-ecs-iam audit/),
    });
    expect(stack).toMatchObject({ code: 2, stderr: expect.stringMatching(/^unknown option '--stack lambda'\n/) });
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: cdktf-batch-ecs-iam audit .*Exit codes: 0 /s) });
    const bad = await audit({ roles: {} }, [], {}, { batch: { serviceRole: { roleName: "has space" } } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^\[IN\d+\] .*iam\.config\.json: 'batch\.serviceRole\.roleName' is "has space"; must be /);
    expect(bad.requests).toEqual([]);
  });
});
