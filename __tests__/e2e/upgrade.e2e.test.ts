import { writeFileSync } from "fs";
import { join } from "path";
import { Move, movesOf, stateFromPlan } from "../helpers/upgrade";
import { Plan, SKIP_TERRAFORM, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeTerraform = SKIP_TERRAFORM ? describe.skip : describe;

/** Module calls that between them hold every address the modules renamed. */
const root = (modules: string) => `
provider "aws" {}

module "batch" {
  source = "../${modules}/batch"
}

module "web" {
  source                       = "../${modules}/ecs-fargate"
  execution_role_name          = "web-execution"
  policy_style                 = "managed"
  private_registry_secret_arns = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:registry-AbCdEf"]
  secret_arns                  = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:web-AbCdEf"]
  ecr_pull_vpce_ids            = ["vpce-0123456789abcdef0"]
}

module "plain" {
  source              = "../${modules}/ecs-fargate"
  execution_role_name = "plain-execution"
}
`;

/**
 * Upgrading from release 0.1.0 (its modules are kept in fixtures/, as they were published): the
 * state those modules leave, planned with these modules, moves every renamed object and replaces
 * nothing (terraform-aws-modules' migrations.tf convention, proven by Terraform itself).
 */
describeTerraform("upgrading the modules from the previous release", () => {
  let workspace: Workspace;
  let before: Plan;
  let after: Plan;

  beforeAll(async () => {
    workspace = await Workspace.create({
      copies: { modules: join(ROOT, "modules"), previous: join(__dirname, "fixtures", "release-0.1.0") },
      files: { "root/main.tf": root("previous") },
      workdir: "root",
    });
    before = await workspace.plan("eu-west-1", {}, "previous");
    writeFileSync(join(workspace.dir, "terraform.tfstate"), JSON.stringify(stateFromPlan(before), null, 2));
    writeFileSync(join(workspace.dir, "main.tf"), root("modules"));
    await workspace.terraform(["get"]);
    after = await workspace.plan("eu-west-1", {}, "current", ["-refresh=false"]);
  });

  afterAll(() => workspace?.remove());

  test("the previous release's state holds every former address", () => {
    const former = Object.keys(before.resources).map((a) => a.replace(/\[\d+\]$/, ""));
    for (const { call, move } of renamed()) expect(former).toContain(`module.${call}.${move.from}`);
  });

  test("every renamed object is moved to its new address, and nothing is created or destroyed", () => {
    const changes: any[] = after.json.resource_changes;
    for (const { call, move } of renamed()) {
      const change = changes.find((c) => c.address === `module.${call}.${move.to}[0]`);
      expect([move.to, change?.previous_address]).toEqual([move.to, `module.${call}.${move.from}[0]`]);
    }
    const replaced = changes.filter((c) => c.change.actions.includes("create") || c.change.actions.includes("delete"));
    expect(replaced.map((c) => `${c.address}: ${c.change.actions}`)).toEqual([]);
  });
});

/** Each module call of the root with each move its module declares that applies to what it creates. */
function renamed(): { call: string; move: Move }[] {
  const batch = movesOf(join(ROOT, "modules", "batch"));
  const ecs = movesOf(join(ROOT, "modules", "ecs-fargate"));
  return [
    ...batch.map((move) => ({ call: "batch", move })),
    // The restricted, managed-style call has the customer managed policies; the plain one, the AWS managed attachment.
    ...ecs.filter((m) => m.to.includes("customer_managed")).map((move) => ({ call: "web", move })),
    ...ecs.filter((m) => !m.to.includes("customer_managed")).map((move) => ({ call: "plain", move })),
  ];
}
