import { execFile } from "child_process";
import { createHash } from "crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join, relative } from "path";
import { promisify } from "util";
import { projectCopy } from "../helpers/app";
import { tempDir } from "../helpers/terraform";

const run = promisify(execFile);

/** Every file below `dir` (but `node_modules/` and `cdktf.out/`) with a hash of its content. */
function snapshot(dir: string, below = dir): Record<string, string> {
  return Object.fromEntries(
    readdirSync(below).flatMap((name) => {
      const path = join(below, name);
      if (name === "node_modules" || name === "cdktf.out") return [];
      if (statSync(path).isDirectory()) return Object.entries(snapshot(dir, path));
      return [[relative(dir, path), createHash("sha1").update(readFileSync(path)).digest("hex")]];
    }),
  );
}

/** Every file of a checkout's cdktf.out/, with its content. */
function outputOf(checkout: string): Record<string, string> {
  const out = join(checkout, "cdktf.out");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return Object.fromEntries(walk(out).map((path) => [relative(out, path), readFileSync(path, "utf8")]));
}

/**
 * The command as the README prints it, in a checkout of its own: with any valid configuration,
 * `cdktf synth` writes into cdktf.out/ and nowhere else.
 */
describe("cdktf synth with another configuration", () => {
  const checkout = tempDir("checkout-");
  let before: Record<string, string> = {};
  let after: Record<string, string> = {};

  beforeAll(async () => {
    projectCopy(checkout);
    const config = {
      batch: { path: "/other/", instanceRole: { create: false }, executionRole: { roleName: "other-batch-execution" } },
      ecsFargate: {
        executionRole: {
          roleName: "other-execution",
          secrets: { ssmParameterArns: ["arn:aws:ssm:eu-west-1:111122223333:parameter/other"] },
        },
      },
    };
    writeFileSync(join(checkout, "other.config.json"), JSON.stringify(config));
    before = snapshot(checkout);
    await run(join(checkout, "node_modules", ".bin", "cdktf"), ["synth"], {
      cwd: checkout,
      env: { ...process.env, IAM_CONFIG: "other.config.json", CHECKPOINT_DISABLE: "1", CI: "1" },
    });
    after = snapshot(checkout);
    cdktfOut = outputOf(checkout);
    // The command the README gives, after a synth that left a stack this app no longer has.
    mkdirSync(join(checkout, "cdktf.out", "stacks", "removed"), { recursive: true });
    npmSynth = await run("npm", ["run", "synth"], { cwd: checkout, env: { ...process.env, IAM_CONFIG: "other.config.json" } });
  });

  let cdktfOut: Record<string, string> = {};
  let npmSynth: { stdout: string } = { stdout: "" };

  test("npm run synth writes what cdktf synth writes, removes the folders of stacks the app no longer has, and names the stacks", () => {
    expect(outputOf(checkout)).toEqual(cdktfOut);
    expect(Object.keys(cdktfOut)).toEqual(
      expect.arrayContaining(["manifest.json", "stacks/batch/cdk.tf.json", "stacks/ecs-fargate/cdk.tf.json"]),
    );
    expect(npmSynth.stdout).toContain("Generated Terraform code for the stacks: batch, ecs-fargate");
  });

  test("bad input: every finding once, one line each, no stack trace, and a failing exit code", async () => {
    const bad = {
      batch: { path: "batch", serviceRole: { roleNme: "x" } },
      ecsFargate: { executionRole: { secrets: { secretArns: ["arn:aws:ssm:us-east-1:111122223333:parameter/x"] } } },
    };
    writeFileSync(join(checkout, "bad.config.json"), JSON.stringify(bad));
    const failed = await run("npm", ["run", "--silent", "synth"], {
      cwd: checkout,
      env: { ...process.env, IAM_CONFIG: "bad.config.json" },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^\[IN4\] bad\.config\.json: 'batch\.path' is "batch"; must be/),
      expect.stringMatching(/^\[IN21\] bad\.config\.json: 'batch\.serviceRole\.roleNme' is "x"; must be left out/),
      expect.stringMatching(/^\[IN10\] bad\.config\.json: 'ecsFargate\.executionRole\.secrets\.secretArns\[0\]' is "arn:aws:ssm:/),
    ]);
  });

  test("writes nothing outside cdktf.out/", () => {
    expect(after).toEqual(before);
  });

  test("writes each stack and its permissions report, for the configuration it was given", () => {
    const out = join(checkout, "cdktf.out", "stacks");
    expect(readdirSync(out).sort()).toEqual(["batch", "ecs-fargate"]);
    for (const stack of ["batch", "ecs-fargate"]) {
      expect(readdirSync(join(out, stack))).toEqual(expect.arrayContaining(["cdk.tf.json", "PERMISSIONS.md"]));
      expect(readFileSync(join(out, stack, "PERMISSIONS.md"), "utf8")).toContain(`# Permissions: the ${stack} stack (other.config.json)`);
    }
    const roles = JSON.parse(readFileSync(join(out, "ecs-fargate", "cdk.tf.json"), "utf8")).resource.aws_iam_role;
    expect(Object.values(roles).map((r: any) => r.name)).toEqual(["other-execution"]);
  });
});
