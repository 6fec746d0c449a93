import { readFileSync } from "fs";
import { join } from "path";
import { accountContents, roleOf, seedRoles } from "../helpers/account";
import { Deployment, plain, startDeployment, succeeded } from "../helpers/deployment";
import { SKIP_TERRAFORM } from "../helpers/terraform";
import { CONSOLE_ROLES, EC2_CONSOLE_DESCRIPTION } from "./console-roles";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;

const DEPLOY = "npx cdktf deploy batch ecs-fargate --auto-approve --skip-provider-lock";
const IMPORTS = "npm run --silent audit-account -- --imports iam.imports.json";

/**
 * What goes wrong at deploy time, and the README's way out of it, against an account (moto): a
 * deploy that meets the console-created roles, an import set left in the configuration after a
 * destroy, and two deploys at once. Each ends with nothing lost: an empty plan and an audit that
 * calls every role ok, or an empty account. (An apply killed half-way: interrupted.e2e.test.ts.)
 */
describeMoto("deploys that fail, and how they are recovered", () => {
  let account: Deployment;

  beforeAll(async () => {
    // Behind a proxy: the test of two deploys at once holds a call of the first.
    account = await startDeployment("recovery-", { proxy: true });
  });

  afterAll(() => account?.stop());

  test("the README prints each command this test runs", () => {
    for (const line of [DEPLOY, IMPORTS]) expect(README).toContain(line);
  });

  test("a deploy into an account that holds the console-created roles stops at EntityAlreadyExists; the audit's import set, then deploy, adopt them; the import set removed, as the README says, the plans stay empty (AWSBatchServiceRole keeps its /service-role/ path)", async () => {
    await seedRoles(account.iam, CONSOLE_ROLES);
    const failed = await account.sh(DEPLOY);
    expect(failed.code).not.toBe(0);
    expect(plain(failed)).toMatch(
      /EntityAlreadyExists: Role with name (AWSBatchServiceRole|ecsInstanceRole|ecsTaskExecutionRole) already exists/,
    );
    // What the failed deploy left: the role the account did not hold, created and in the state; the others untouched.
    expect((await accountContents(account.iam)).roles).toContain("batchTaskExecutionRole");

    const audit = await account.sh(IMPORTS);
    expect(audit.code).toBe(1);
    expect(audit.stderr).toMatch(/^wrote iam\.imports\.json: \d+ objects to import/);
    const kept = { batch: { instanceRole: { description: EC2_CONSOLE_DESCRIPTION } } };
    account.configure({ importSet: "iam.imports.json", ...kept });
    expect(succeeded(await account.deploy())).toBe("ok");
    expect(await account.converged()).toEqual(["ok", "ok", "ok"]);
    // Once deployed, the import set has done its work: removed, nothing changes.
    account.configure(kept);
    expect(succeeded(await account.synth())).toBe("ok");
    expect(await account.converged()).toEqual(["ok", "ok", "ok"]);
    expect((await roleOf(account.iam, "AWSBatchServiceRole")).path).toBe("/service-role/");
  });

  test("an import set left in the configuration after a destroy fails the next deploy at import; removed, the deploy succeeds", async () => {
    account.configure({ importSet: "iam.imports.json", batch: { instanceRole: { description: EC2_CONSOLE_DESCRIPTION } } });
    expect(succeeded(await account.deploy("-destroy"))).toBe("ok");
    expect(await accountContents(account.iam)).toEqual({ roles: [], profiles: [], policies: [] });
    const stale = await account.deploy();
    expect(stale.code).not.toBe(0);
    expect(plain(stale)).toMatch(/Cannot import non-existent remote object/);
    account.configure({});
    expect(succeeded(await account.deploy())).toBe("ok");
    expect(await account.converged()).toEqual(["ok", "ok", "ok"]);
  });

  test("two deploys at once: the second is refused by the state lock, naming it; the first completes and nothing is lost", async () => {
    // Renaming the instance profile replaces it. The account holds the first apply's call that
    // creates the new one until the second apply has run: the first holds the state lock meanwhile,
    // however fast or slow the machine is.
    account.configure({ batch: { instanceRole: { instanceProfileName: "ecsInstanceProfile" } } });
    expect(succeeded(await account.synth())).toBe("ok");
    const held = account.proxy!.hold("CreateInstanceProfile");
    const first = account.terraform("batch", "apply", "-auto-approve");
    const finishedFirst = first.then((r) => `the first apply ended before it created the instance profile: ${succeeded(r)}`);
    expect(await Promise.race([held.reached.then(() => "holding"), finishedFirst])).toBe("holding");
    const second = await account.terraform("batch", "apply", "-auto-approve");
    held.release();
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/Error acquiring the state lock/);
    expect(second.stderr).toContain("terraform.batch.tfstate");
    expect(succeeded(await first)).toBe("ok");
    expect((await accountContents(account.iam)).profiles).toEqual(["ecsInstanceProfile"]);
    expect(await account.converged()).toEqual(["ok", "ok", "ok"]);
  });
});
