import { IAMClient } from "@aws-sdk/client-iam";
import { writeFileSync } from "fs";
import { join } from "path";
import { auditAccount, exitCodeOf } from "../../src/audit";
import { iamClient, Ran, runCommand } from "./account";
import { projectCopy } from "./app";
import { FaultProxy, faultProxy } from "./fault-proxy";
import { Moto, startMoto } from "./moto";
import { withTerraformSlot } from "./slots";
import { mirrorCliConfig, sharedProvider, tempDir, terraformBinary } from "./terraform";

/** The stacks of the app, in the order `cdktf deploy batch ecs-fargate` deploys them. */
export const STACKS = ["batch", "ecs-fargate"] as const;

/**
 * A copy of the project deployed into an account on moto, as a user deploys it: commands run in the
 * checkout with the account's environment; Terraform's commands, the CLI's too, attach to one shared
 * provider process. With `proxy`, every AWS call (Terraform's and the audit's) passes through a
 * {@link FaultProxy}, which injects no fault unless told.
 */
export interface Deployment {
  readonly checkout: string;
  readonly moto: Moto;
  /** The proxy in front of the account, when asked for. */
  readonly proxy?: FaultProxy;
  /** An IAM client on the account, past the proxy. */
  readonly iam: IAMClient;
  /** The environment of the commands: the account's, the provider mirror's CLI configuration, the shared provider. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs a command line (split on spaces) in the checkout. */
  sh(line: string, extra?: NodeJS.ProcessEnv): Promise<Ran>;
  /** Runs Terraform in a stack's folder of cdktf.out/ (`-input=false -no-color` added). */
  terraform(stack: string, ...args: string[]): Promise<Ran>;
  /** `terraform plan -detailed-exitcode` in a stack's folder: exit code 0 when it has nothing to do. */
  plan(stack: string): Promise<Ran>;
  /** Writes the checkout's iam.config.json. */
  configure(config: object): void;
  /** The app's synth, as `npm run synth` (and `cdktf deploy` before it deploys) runs it. */
  synth(): Promise<Ran>;
  /**
   * What `cdktf deploy batch ecs-fargate` runs once the stacks' folders are initialised: synth, then
   * `terraform apply` of each stack. Without the CLI's start-up and its progress output, so that
   * the output read is Terraform's. With `-destroy`, what `cdktf destroy` runs.
   */
  deploy(...args: string[]): Promise<Ran>;
  /**
   * Nothing lost: both plans empty ("ok" each), and the audit of the configuration in the checkout
   * calls every role ok ("ok", or its findings).
   */
  converged(): Promise<string[]>;
  stop(): Promise<void>;
}

/** "ok", or the exit code and the end of the output. */
export const succeeded = (r: Ran) => (r.code === 0 ? "ok" : `exit ${r.code}: ${r.stderr}${r.stdout}`.slice(-3000));

/** A command's output without colours. */
export const plain = (r: Ran) => `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");

/**
 * Copies the project into a new folder and starts an account for it (moto, a provider process, a
 * proxy if asked); `env` is added to the commands' environment.
 */
export async function startDeployment(prefix: string, options: { proxy?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Deployment> {
  const checkout = projectCopy(tempDir(prefix));
  const moto = await startMoto();
  const proxy = options.proxy ? await faultProxy(moto.url) : undefined;
  const environment = moto.environment("us-east-1", proxy?.url);
  const iam = iamClient(environment);
  // One provider process for every Terraform command, the CLI's too (see sharedProvider).
  const provider = await sharedProvider(environment);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...environment,
    TF_CLI_CONFIG_FILE: mirrorCliConfig(),
    TF_REATTACH_PROVIDERS: provider.reattach,
    CHECKPOINT_DISABLE: "1",
    CI: "1",
    ...options.env,
  };
  const configFile = join(checkout, "iam.config.json");
  const sh = (line: string, extra: NodeJS.ProcessEnv = {}) => {
    const [command, ...args] = line.split(" ");
    return runCommand(command, args, checkout, { ...env, ...extra });
  };
  const terraform = (stack: string, ...args: string[]) =>
    withTerraformSlot(() =>
      runCommand(terraformBinary(), [...args, "-input=false", "-no-color"], join(checkout, "cdktf.out", "stacks", stack), env),
    );
  const plan = (stack: string) => terraform(stack, "plan", "-detailed-exitcode");
  // `npm run synth` is `node tools/synth.cjs`: run without npm's own start-up.
  const synth = () => runCommand(process.execPath, [join(checkout, "tools", "synth.cjs")], checkout, env);
  const deploy = async (...args: string[]) => {
    const synthesized = await synth();
    if (synthesized.code !== 0) return synthesized;
    const applies = await Promise.all(STACKS.map((stack) => terraform(stack, "apply", "-auto-approve", ...args)));
    return applies.find((r) => r.code !== 0) ?? applies[0];
  };
  const converged = async () => {
    const [plans, audit] = await Promise.all([Promise.all(STACKS.map(plan)), auditAccount({ config: configFile, client: iam })]);
    const roles = audit.roles.filter((r) => r.status !== "ok").map((r) => `${r.name}: ${r.status} ${r.findings.join("; ")}`);
    return [...plans.map(succeeded), exitCodeOf(audit) === 0 ? "ok" : `${audit.error ?? ""} ${roles.join(" | ")}`];
  };
  return {
    checkout,
    moto,
    proxy,
    iam,
    env,
    sh,
    terraform,
    plan,
    configure: (config) => writeFileSync(configFile, JSON.stringify(config, null, 2)),
    synth,
    deploy,
    converged,
    stop: async () => {
      provider.stop();
      await proxy?.close();
      moto.stop();
    },
  };
}
