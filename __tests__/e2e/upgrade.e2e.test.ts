import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { Move, movesOf, stateFromPlan } from "../helpers/upgrade";
import { Plan, SKIP_TERRAFORM, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeTerraform = SKIP_TERRAFORM ? describe.skip : describe;

/** The releases users may upgrade from, as they were published (their modules are kept in fixtures/). */
const RELEASES = ["0.1.0", "0.2.0", "0.3.0"] as const;
type Release = (typeof RELEASES)[number];
const call = (name: string, release: Release) => `${name}_${release.replace(/\./g, "_")}`;

/**
 * For each release, module calls that between them hold every address the modules renamed since;
 * `source` gives the folder of a release's modules (the release's own, or these).
 */
const root = (source: (release: Release) => string) =>
  ['provider "aws" {}', ...RELEASES.map((release) => calls(release, source(release)))].join("\n");

const calls = (release: Release, modules: string) => `
module "${call("batch", release)}" {
  source = "../${modules}/batch"
}

module "${call("web", release)}" {
  source                       = "../${modules}/ecs-fargate"
  execution_role_name          = "web-execution"
  policy_style                 = "managed"
  private_registry_secret_arns = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry-AbCdEf"]
  secret_arns                  = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:web-AbCdEf"]
  ecr_pull_vpce_ids            = ["vpce-0123456789abcdef0"]
}

module "${call("plain", release)}" {
  source              = "../${modules}/ecs-fargate"
  execution_role_name = "plain-execution"
}
`;

/**
 * Upgrading from each previous release: the state that release's modules leave, planned with these
 * modules, moves every renamed object and replaces nothing (terraform-aws-modules' migrations.tf
 * convention, proven by Terraform itself). The module calls of every release share one root, so
 * one pair of plans proves them all.
 */
describeTerraform("upgrading the modules from a previous release", () => {
  let workspace: Workspace;
  let before: Plan;
  let after: Plan;

  beforeAll(async () => {
    workspace = await Workspace.create({
      copies: {
        modules: join(ROOT, "modules"),
        ...Object.fromEntries(RELEASES.map((release) => [`release-${release}`, join(__dirname, "fixtures", `release-${release}`)])),
      },
      files: { "root/main.tf": root((release) => `release-${release}`) },
      workdir: "root",
    });
    before = await workspace.plan("eu-west-1", {}, "previous");
    writeFileSync(join(workspace.dir, "terraform.tfstate"), JSON.stringify(stateFromPlan(before), null, 2));
    writeFileSync(
      join(workspace.dir, "main.tf"),
      root(() => "modules"),
    );
    await workspace.terraform(["get"]);
    after = await workspace.plan("eu-west-1", {}, "current", ["-refresh=false"]);
  });

  afterAll(() => workspace?.remove());

  test.each(RELEASES)("the state of release %s holds what each of its module calls creates, at the addresses it had", (release) => {
    const former = Object.keys(before.resources).map((a) => a.replace(/\[\d+\]$/, ""));
    for (const name of ["batch", "web", "plain"]) expect(former.some((a) => a.startsWith(`module.${call(name, release)}.`))).toBe(true);
    for (const { call, move } of renamed(release)) expect(former).toContain(`module.${call}.${move.from}`);
  });

  test("release 0.1.0 had addresses that are renamed since; releases 0.2.0 and 0.3.0 have the current ones", () => {
    expect(renamed("0.1.0")).not.toEqual([]);
    expect(renamed("0.2.0")).toEqual([]);
    expect(renamed("0.3.0")).toEqual([]);
  });

  test.each(RELEASES)(
    "from release %s, every renamed object is moved to its new address, nothing is destroyed or changed, and each role gains only what makes it own its policies",
    (release) => {
      const changes: any[] = after.json.resource_changes.filter((c: any) => releaseOf(c.address) === release);
      expect(changes).not.toEqual([]);
      for (const { call, move } of renamed(release)) {
        const change = changes.find((c) => c.address === `module.${call}.${move.to}[0]`);
        expect([move.to, change?.previous_address]).toEqual([move.to, `module.${call}.${move.from}[0]`]);
      }
      const changed = changes.filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === "no-op"));
      // Release 0.4.0 adds, per role, the two resources through which it owns its policies exclusively.
      const roles = changes.filter((c) => c.type === "aws_iam_role").map((c) => c.address.replace(/\[0\]$/, ""));
      const owning = roles.flatMap((role) =>
        ["policies_exclusive", "policy_attachments_exclusive"].map((kind) => {
          const [, module, name] = /^(module\.[^.]+)\.aws_iam_role\.(.+)$/.exec(role)!;
          const type = kind === "policies_exclusive" ? "aws_iam_role_policies_exclusive" : "aws_iam_role_policy_attachments_exclusive";
          return `${module}.${type}.${name}_${kind}[0]: create`;
        }),
      );
      // Release 0.4.0 grants a secret ARN that ends in "-" and 6 letters or digits both as given and
      // completed with -?????? (it may name a secret whose name ends so): a policy holding one is
      // updated in place, and that is all that changes in it.
      const widened = changed.filter((c) => c.type === "aws_iam_policy" || c.type === "aws_iam_role_policy");
      for (const c of widened) {
        expect([c.address, c.change.actions]).toEqual([c.address, ["update"]]);
        const completed = (policy: string) =>
          JSON.parse(policy).Statement.map((st: any) => {
            const resources: string[] = [st.Resource].flat();
            return { ...st, Resource: resources.flatMap((r) => (/-[A-Za-z0-9]{6}$/.test(r) ? [r, `${r}-??????`] : [r])) };
          });
        expect(JSON.parse(c.change.after.policy).Statement).toEqual(completed(c.change.before.policy));
      }
      expect(roles).toHaveLength(5);
      expect(changed.map((c) => `${c.address}: ${c.change.actions}`).sort()).toEqual(
        [...owning, ...widened.map((c) => `${c.address}: update`)].sort(),
      );
    },
  );
});

/** The release whose module call holds an address. */
function releaseOf(address: string): Release | undefined {
  return RELEASES.find((release) => /^module\.([^.]+)\./.exec(address)?.[1].endsWith(call("", release)));
}

/**
 * Each module call of a release with each move these modules declare that applies to what it
 * creates and that release did not already have.
 */
function renamed(release: Release): { call: string; move: Move }[] {
  const moves = (module: string) => {
    const had = addressesOf(join(__dirname, "fixtures", `release-${release}`, module));
    return movesOf(join(ROOT, "modules", module)).filter((move) => had.has(move.from));
  };
  const ecs = moves("ecs-fargate");
  return [
    ...moves("batch").map((move) => ({ call: call("batch", release), move })),
    // The restricted, managed-style call has the customer managed policies; the plain one, the AWS managed attachment.
    ...ecs.filter((m) => m.to.includes("customer_managed")).map((move) => ({ call: call("web", release), move })),
    ...ecs.filter((m) => !m.to.includes("customer_managed")).map((move) => ({ call: call("plain", release), move })),
  ];
}

/** The `<type>.<name>` of every resource a module declares. */
function addressesOf(moduleDir: string): Set<string> {
  const resources: Record<string, Record<string, unknown>> = JSON.parse(readFileSync(join(moduleDir, "main.tf.json"), "utf8")).resource;
  return new Set(Object.entries(resources).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)));
}
