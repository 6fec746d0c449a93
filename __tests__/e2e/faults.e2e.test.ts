import { join } from "path";
import { accountContents, iamClient, roleOf } from "../helpers/account";
import { FaultProxy, faultProxy } from "../helpers/fault-proxy";
import { Moto, MOTO_ACCOUNT, startMoto } from "../helpers/moto";
import { SKIP_TERRAFORM, Workspace } from "../helpers/terraform";

const ROOT = join(__dirname, "..", "..");
const describeMoto = SKIP_TERRAFORM ? describe.skip : describe;
const SECRET = `arn:aws:secretsmanager:us-east-1:${MOTO_ACCOUNT}:secret:web/db`;

const root = `
provider "aws" {}

module "web" {
  source = "../modules/ecs-fargate"

  execution_role_name          = "slow-web"
  secret_arns                  = ["${SECRET}"]
  private_registry_secret_arns = ["${SECRET}-registry"]
}
`;

/**
 * IAM on a bad day, as Terraform meets it: a proxy in front of the account (moto) throttles 30 %
 * of the IAM calls and hides each new role and inline policy from its first two reads, as IAM's eventual
 * consistency does. The apply, the plan after it and the destroy are slower, and succeed.
 */
describeMoto("a deploy while IAM throttles and is eventually consistent", () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let workspace: Workspace;

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await faultProxy(moto.url, { throttle: 0.3, invisibleReads: 2 });
    workspace = await Workspace.create({
      copies: { modules: join(ROOT, "modules") },
      files: { "root/main.tf": root },
      workdir: "root",
      environment: moto.environment("us-east-1", proxy.url),
    });
  });

  afterAll(async () => {
    workspace?.remove();
    await proxy?.close();
    moto?.stop();
  });

  test("apply, an empty plan and destroy succeed; the throttled and hidden calls were retried", async () => {
    await workspace.apply();
    const iam = iamClient(moto.environment());
    expect(await roleOf(iam, "slow-web")).toMatchObject({ inline: ["EcsSecrets", "PrivateRegistryAuthentication"] });
    expect(await workspace.planChanges("us-east-1", {}, "after")).toEqual([]);
    await workspace.destroy();
    expect(await accountContents(iam)).toEqual({ roles: [], profiles: [], policies: [] });
    expect(proxy.calls.filter((c) => c.endsWith(": Throttling")).length).toBeGreaterThan(5);
    expect(proxy.calls.filter((c) => c.endsWith(": NoSuchEntity")).length).toBeGreaterThan(0);
  });
});
