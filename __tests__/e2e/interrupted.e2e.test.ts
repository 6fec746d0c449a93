import { spawn } from "child_process";
import { readFileSync } from "fs";
import { join } from "path";
import { accountContents, runCommand } from "../helpers/account";
import { Deployment, plain, startDeployment, STACKS, succeeded } from "../helpers/deployment";
import { SKIP_TERRAFORM, terraformBinary } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

const IMPORTS = "npm run --silent audit-account -- --imports iam.imports.json";

/**
 * An apply killed half-way (SIGKILL, as a runner that loses its machine), against an account
 * (moto) of its own, and the README's way out of it: deploying again converges, and a destroy
 * then leaves the account empty, so that nothing the killed apply made was lost to the state.
 */
describeMoto("an interrupted deploy, and how it is recovered", () => {
  let account: Deployment;

  beforeAll(async () => {
    account = await startDeployment("interrupted-");
    // The stacks' folders initialised as `cdktf deploy` initialises them, with the provider mirror.
    expect(succeeded(await account.synth())).toBe("ok");
    const dirs = STACKS.map((stack) => join(account.checkout, "cdktf.out", "stacks", stack));
    const inits = await Promise.all(
      dirs.map((dir) => runCommand(terraformBinary(), ["init", "-input=false", "-no-color"], dir, account.env)),
    );
    expect(inits.map(succeeded)).toEqual(["ok", "ok"]);
  });

  afterAll(() => account?.stop());

  test("the README prints each command this test runs", () => {
    expect(README).toContain(IMPORTS);
  });

  test("an apply killed half-way: deploying again (importing what it made, should that deploy stop at EntityAlreadyExists) converges; destroyed, the account is empty", async () => {
    await killedApply(join(account.checkout, "cdktf.out", "stacks", "batch"), account.env);
    const roles = (await accountContents(account.iam)).roles;
    expect(roles.length).toBeGreaterThan(0);

    const again = await account.deploy();
    if (again.code !== 0) {
      // The killed run created an object it had not yet written to the state.
      expect(plain(again)).toMatch(/EntityAlreadyExists/);
      expect((await account.sh(IMPORTS)).code).toBe(1);
      account.configure({ importSet: "iam.imports.json" });
      expect(succeeded(await account.deploy())).toBe("ok");
    }
    expect(await account.converged()).toEqual(["ok", "ok", "ok"]);
    account.configure({});
    expect(succeeded(await account.deploy("-destroy"))).toBe("ok");
    expect(await accountContents(account.iam)).toEqual({ roles: [], profiles: [], policies: [] });
  });
});

/** Starts `terraform apply` and kills it (SIGKILL) once it has created something. */
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
