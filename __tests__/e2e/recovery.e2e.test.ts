import { IAMClient } from "@aws-sdk/client-iam";
import { spawn } from "child_process";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { accountContents, iamClient, Ran, runCommand, seedRoles } from "../helpers/account";
import { projectCopy } from "../helpers/app";
import { Moto, startMoto } from "../helpers/moto";
import { mirrorCliConfig, sharedProvider, SKIP_TERRAFORM, tempDir, terraformBinary } from "../helpers/terraform";
import { CONSOLE_ROLES, EC2_CONSOLE_DESCRIPTION } from "./console-roles";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

const DEPLOY = "npx cdktf deploy batch ecs-fargate --auto-approve --skip-provider-lock";
const IMPORTS = "npm run --silent audit-account -- --imports iam.imports.json";

/**
 * What goes wrong at deploy time, and the README's way out of it, against an account (moto): a
 * deploy that meets the console-created roles, an apply killed half-way, two deploys at once, and an
 * import set left in the configuration after a destroy. Each ends with nothing lost: an empty plan
 * and an audit that calls every role ok, or an empty account.
 */
describeMoto("deploys that fail, and how they are recovered", () => {
  const checkout = projectCopy(tempDir("recovery-"));
  const configFile = join(checkout, "iam.config.json");
  let moto: Moto;
  let iam: IAMClient;
  let env: NodeJS.ProcessEnv;
  let provider: { reattach: string; stop(): void } | undefined;

  const sh = (line: string) => {
    const [command, ...args] = line.split(" ");
    return runCommand(command, args, checkout, env);
  };
  const stackDir = (stack: string) => join(checkout, "cdktf.out", "stacks", stack);
  const terraform = (stack: string, ...args: string[]) =>
    runCommand(terraformBinary(), [...args, "-input=false", "-no-color"], stackDir(stack), env);
  const plan = (stack: string) => terraform(stack, "plan", "-detailed-exitcode");
  /**
   * What `cdktf deploy batch ecs-fargate` runs once the stacks' folders are initialised (which the
   * first deploy below does through the CLI): synth, then `terraform apply` of each stack.
   * Without the CLI's start-up and its progress output, so that the output read is Terraform's.
   */
  const deploy = async (...args: string[]) => {
    const synth = await sh("npm run --silent synth");
    if (synth.code !== 0) return synth;
    const applies = await Promise.all(["batch", "ecs-fargate"].map((stack) => terraform(stack, "apply", "-auto-approve", ...args)));
    return applies.find((r) => r.code !== 0) ?? applies[0];
  };
  const destroy = () => deploy("-destroy");
  const succeeded = (r: Ran) => (r.code === 0 ? "ok" : `exit ${r.code}: ${r.stderr}${r.stdout}`.slice(-3000));
  const plain = (r: Ran) => `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  const configure = (config: object) => writeFileSync(configFile, JSON.stringify(config, null, 2));
  /** Nothing lost: both plans empty, and the audit calls every role ok. */
  const converged = async () => {
    const plans = await Promise.all(["batch", "ecs-fargate"].map(plan));
    const audit = await sh("npm run --silent audit-account");
    return [...plans.map(succeeded), audit.code === 0 ? "ok" : audit.stdout];
  };

  beforeAll(async () => {
    moto = await startMoto();
    iam = iamClient(moto.environment());
    provider = await sharedProvider(moto.environment());
    env = {
      ...process.env,
      ...moto.environment(),
      TF_CLI_CONFIG_FILE: mirrorCliConfig(),
      TF_REATTACH_PROVIDERS: provider.reattach,
      CHECKPOINT_DISABLE: "1",
      CI: "1",
    };
  });

  afterAll(() => {
    provider?.stop();
    moto?.stop();
  });

  test("the README prints each command this test runs", () => {
    for (const line of [DEPLOY, IMPORTS]) expect(README).toContain(line);
  });

  test("a deploy into an account that holds the console-created roles stops at EntityAlreadyExists; the audit's import set, then deploy, adopt them", async () => {
    await seedRoles(iam, CONSOLE_ROLES);
    const failed = await sh(DEPLOY);
    expect(failed.code).not.toBe(0);
    expect(plain(failed)).toMatch(
      /EntityAlreadyExists: Role with name (AWSBatchServiceRole|ecsInstanceRole|ecsTaskExecutionRole) already exists/,
    );
    // What the failed deploy left: the role the account did not hold, created and in the state; the others untouched.
    expect((await accountContents(iam)).roles).toContain("batchTaskExecutionRole");

    const audit = await sh(IMPORTS);
    expect(audit.code).toBe(1);
    expect(audit.stderr).toMatch(/^wrote iam\.imports\.json: \d+ objects to import/);
    configure({ importSet: "iam.imports.json", batch: { instanceRole: { description: EC2_CONSOLE_DESCRIPTION } } });
    expect(succeeded(await deploy())).toBe("ok");
    expect(await converged()).toEqual(["ok", "ok", "ok"]);
    // Once deployed, the import set has done its work: it stays in the configuration until the test below.
  });

  test("an import set left in the configuration after a destroy fails the next deploy at import; removed, the deploy succeeds", async () => {
    expect(succeeded(await destroy())).toBe("ok");
    expect(await accountContents(iam)).toEqual({ roles: [], profiles: [], policies: [] });
    const stale = await deploy();
    expect(stale.code).not.toBe(0);
    expect(plain(stale)).toMatch(/Cannot import non-existent remote object/);
    configure({});
    expect(succeeded(await deploy())).toBe("ok");
    expect(await converged()).toEqual(["ok", "ok", "ok"]);
  });

  test("two deploys at once: the second is refused by the state lock, naming it; the first completes and nothing is lost", async () => {
    // Renaming the instance profile replaces it, which takes the provider seconds: the first holds the lock meanwhile.
    configure({ batch: { instanceRole: { instanceProfileName: "ecsInstanceProfile" } } });
    expect(succeeded(await sh("npm run --silent synth"))).toBe("ok");
    const first = terraform("batch", "apply", "-auto-approve");
    const lock = join(checkout, ".terraform.batch.tfstate.lock.info");
    while (!existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await terraform("batch", "apply", "-auto-approve");
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Error acquiring the state lock/);
    expect(second.stderr).toContain("terraform.batch.tfstate");
    expect(succeeded(await first)).toBe("ok");
    expect((await accountContents(iam)).profiles).toEqual(["ecsInstanceProfile"]);
    expect(await converged()).toEqual(["ok", "ok", "ok"]);
  });

  test("an apply killed half-way: deploying again (importing what it made, should that deploy stop at EntityAlreadyExists) converges", async () => {
    configure({});
    expect(succeeded(await destroy())).toBe("ok");
    await killedApply(stackDir("batch"), env);
    const roles = (await accountContents(iam)).roles;
    expect(roles.length).toBeGreaterThan(0);

    const again = await deploy();
    if (again.code !== 0) {
      // The killed run created an object it had not yet written to the state.
      expect(plain(again)).toMatch(/EntityAlreadyExists/);
      expect((await sh(IMPORTS)).code).toBe(1);
      configure({ importSet: "iam.imports.json" });
      expect(succeeded(await deploy())).toBe("ok");
    }
    expect(await converged()).toEqual(["ok", "ok", "ok"]);
    configure({});
    expect(succeeded(await destroy())).toBe("ok");
    expect(await accountContents(iam)).toEqual({ roles: [], profiles: [], policies: [] });
  });
});

/** Starts `terraform apply` and kills it (SIGKILL, as a runner that loses its machine) once it has created something. */
async function killedApply(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(terraformBinary(), ["apply", "-auto-approve", "-input=false", "-no-color"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/Creation complete/.test(output)) {
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.on("exit", () => resolve());
  });
}
