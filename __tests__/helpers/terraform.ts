import { execFile, spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { homedir, tmpdir } from "os";
import { basename, join, resolve } from "path";
import { promisify } from "util";
import { locateMoto } from "./moto";
import { ProviderProcess, providerProxy } from "./provider-proxy";
import { withTerraformSlot } from "./slots";

const run = promisify(execFile);

/**
 * Environment variables of the end-to-end tests:
 * - `TERRAFORM_BINARY`: the Terraform executable (default: `terraform` on PATH);
 * - `TF_PLUGIN_MIRROR`: the root of an unpacked filesystem mirror holding hashicorp/aws
 *   (default: searched for, as `find / -xdev -name 'terraform-provider-aws_*'` would);
 * - `SKIP_TERRAFORM_TESTS=1`: skip them, for machines without Terraform. CI never sets it;
 * - `E2E_TIMING=<file>`: append each Terraform command's wall time to the file;
 * - `GOGC`: the Go garbage collector setting of Terraform and the provider (default 400);
 * - `E2E_TERRAFORM_SLOTS`: how many Terraform commands run at once over all jest workers (default:
 *   the cores + 2; helpers/slots.ts);
 * - `E2E_PROVIDER_SCHEMA=full`: give Terraform the provider's whole schema (helpers/provider-proxy.ts).
 *
 * The workspaces of a test file start AWS provider processes and attach Terraform to them
 * (`TF_REATTACH_PROVIDERS`, as provider developers run Terraform against a provider in a debugger)
 * instead of letting every command start its own: a plan otherwise starts the 700 MB provider three
 * times (its schema, the validate walk, the plan walk), `show` once more, and `terraform test`
 * twice per run block. The binary, Terraform and the calls between them are the same; only the
 * processes are shared, one for each provider configuration. Terraform reaches them through a
 * proxy that tells it the schema of the services the tests use only, not of the provider's 1,500
 * types: reading the whole schema is most of what a short Terraform command costs.
 */
export const SKIP_TERRAFORM = process.env.SKIP_TERRAFORM_TESTS === "1";

/** The provider version the bindings (@cdktf/provider-aws 20.x) were generated from. */
export const AWS_PROVIDER_VERSION = "5.100.0";

// Set by the global setup (one `terraform init` shared by every test) and read by the workers.
const SHARED_ENV = "E2E_TERRAFORM_SHARED";

export interface TerraformSetup {
  readonly binary: string;
  readonly pluginDir: string;
  /** A folder with an initialised `.terraform` and lock file that workspaces copy. */
  readonly sharedDir: string;
  /** An empty CLI configuration file, so that Terraform does not warn about a missing one. */
  readonly cliConfig: string;
}

/** Finds Terraform and the provider mirror, or says precisely what is missing. */
export function locateTerraform(): { binary: string; pluginDir: string } {
  const binary = process.env.TERRAFORM_BINARY ?? "terraform";
  const version = spawnSync(binary, ["version", "-json"], { encoding: "utf8" });
  if (version.error || version.status !== 0) {
    throw new Error(
      `Terraform was not found (tried '${binary}'): install Terraform >= 1.7 on PATH or set TERRAFORM_BINARY. ` +
        "To skip the end-to-end tests instead, set SKIP_TERRAFORM_TESTS=1.",
    );
  }
  const pluginDir = process.env.TF_PLUGIN_MIRROR ?? findMirror();
  if (pluginDir === undefined || !hasAwsProvider(pluginDir)) {
    throw new Error(
      `The hashicorp/aws ${AWS_PROVIDER_VERSION} provider mirror was not found` +
        (pluginDir ? ` in TF_PLUGIN_MIRROR='${pluginDir}'` : "") +
        ": set TF_PLUGIN_MIRROR to the folder that holds registry.terraform.io/hashicorp/aws/. " +
        "To skip the end-to-end tests instead, set SKIP_TERRAFORM_TESTS=1.",
    );
  }
  return { binary, pluginDir };
}

/**
 * Whether `root` holds hashicorp/aws in a layout `terraform init -plugin-dir` reads: unpacked
 * (`<version>/<os_arch>/`, as a plugin cache or an unpacked mirror holds it) or packed (the zip
 * archives `terraform providers mirror` writes).
 */
export function hasAwsProvider(root: string): boolean {
  const provider = join(root, "registry.terraform.io", "hashicorp", "aws");
  if (existsSync(join(provider, AWS_PROVIDER_VERSION))) return true;
  return (
    existsSync(provider) &&
    readdirSync(provider).some((f) => f.startsWith(`terraform-provider-aws_${AWS_PROVIDER_VERSION}_`) && f.endsWith(".zip"))
  );
}

function findMirror(): string | undefined {
  const likely = [
    "/opt/tf-plugins",
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
    join(homedir(), ".terraform.d", "plugins"),
    join(homedir(), ".terraform.d", "plugin-cache"),
    join(homedir(), ".local", "share", "terraform", "plugins"),
  ];
  const known = likely.find(hasAwsProvider);
  if (known) return known;
  const found = spawnSync("find", ["/", "-xdev", "-name", "terraform-provider-aws_*", "-path", "*/hashicorp/aws/*"], {
    encoding: "utf8",
  });
  for (const line of found.stdout.split("\n")) {
    // Unpacked: <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_…
    if (line.includes(`/aws/${AWS_PROVIDER_VERSION}/`)) return resolve(line, "..", "..", "..", "..", "..", "..");
    // Packed: <root>/registry.terraform.io/hashicorp/aws/terraform-provider-aws_<version>_<os_arch>.zip
    if (line.includes(`/aws/terraform-provider-aws_${AWS_PROVIDER_VERSION}_`)) return resolve(line, "..", "..", "..", "..");
  }
  return undefined;
}

/**
 * Runs once before all tests (from the global setup): finds Terraform and moto and initialises a shared
 * working directory, unless the run leaves the end-to-end tests out (`npm run test:unit`).
 */
export async function setUpTerraform(_: unknown, project?: { testPathIgnorePatterns?: string[] }): Promise<void> {
  if (SKIP_TERRAFORM || project?.testPathIgnorePatterns?.some((p) => p.includes("e2e"))) return;
  const { binary, pluginDir } = locateTerraform();
  // The tests that apply for real need moto as their account: say now, in one line, if it is missing.
  locateMoto();
  const sharedDir = mkdtempSync(join(tmpdir(), "tf-shared-"));
  const cliConfig = join(sharedDir, "empty.tfrc");
  writeFileSync(cliConfig, "");
  writeFileSync(
    join(sharedDir, "main.tf.json"),
    JSON.stringify({
      terraform: {
        required_providers: { aws: { source: "hashicorp/aws", version: AWS_PROVIDER_VERSION } },
        backend: { local: { path: "terraform.tfstate" } },
      },
    }),
  );
  const setup: TerraformSetup = { binary, pluginDir, sharedDir, cliConfig };
  await terraform(setup, sharedDir, ["init", "-input=false", `-plugin-dir=${pluginDir}`]);
  process.env[SHARED_ENV] = JSON.stringify(setup);
}

function sharedSetup(): TerraformSetup {
  const shared = process.env[SHARED_ENV];
  if (!shared) throw new Error("The Terraform global setup did not run (see jest.config.js globalSetup)");
  return JSON.parse(shared);
}

function env(setup: TerraformSetup, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_CLI_CONFIG_FILE: setup.cliConfig,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    AWS_EC2_METADATA_DISABLED: "true",
    // Terraform's and the provider's temporary files (the provider's socket) go under the run's folder.
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    // The provider and Terraform collect garbage less often: a fifth less CPU per command, on
    // a machine where the tests wait on that CPU.
    GOGC: process.env.GOGC ?? "400",
    ...extra,
  };
}

async function terraform(setup: TerraformSetup, cwd: string, args: string[], extra: Record<string, string> = {}): Promise<string> {
  return (await terraformExit(setup, cwd, args, extra)).stdout;
}

/**
 * Runs a Terraform command and returns its exit code and standard output; throws with its errors
 * when it exits with a code not in `ok` (`plan -detailed-exitcode` exits 2 for a plan with changes).
 */
async function terraformExit(
  setup: TerraformSetup,
  cwd: string,
  args: string[],
  extra: Record<string, string> = {},
  ok: readonly number[] = [0],
): Promise<{ code: number; stdout: string }> {
  return withTerraformSlot(async () => {
    const started = Date.now();
    try {
      const { stdout } = await run(setup.binary, [...args, "-no-color"], { cwd, env: env(setup, extra), maxBuffer: 64 * 1024 * 1024 });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
      if (typeof e.code === "number" && e.code !== 0 && ok.includes(e.code)) return { code: e.code, stdout: e.stdout ?? "" };
      throw new Error(`terraform ${args[0]} failed in ${cwd}:\n${e.stderr || e.stdout || e.message}`);
    } finally {
      logDuration(started, args, cwd);
    }
  });
}

/** With `E2E_TIMING=<file>`, appends each Terraform command's wall time to the file: where the tests spend theirs. */
function logDuration(started: number, args: string[], cwd: string): void {
  const file = process.env.E2E_TIMING;
  if (!file) return;
  const test = typeof expect === "undefined" ? "global setup" : basename(expect.getState().testPath ?? "");
  appendFileSync(file, `${((Date.now() - started) / 1000).toFixed(1)} s  ${test}  terraform ${args[0]}  ${cwd}\n`);
}

/** The offline provider settings: dummy credentials and every check that would call AWS skipped. */
function offlineOverride() {
  return {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    provider: {
      aws: [
        {
          access_key: "AKIAIOSFODNN7EXAMPLE",
          secret_key: "offline-plan-only",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
        },
      ],
    },
  };
}

/**
 * The offline provider settings as an override file of a child module that configures its own
 * provider (an example root planned as a module of another root): no backend there.
 */
export function offlineProviderOverride(): string {
  return JSON.stringify({ provider: offlineOverride().provider }, null, 2);
}

/** A resource as `terraform show -json` plans it. */
export interface PlannedResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly values: Record<string, any>;
}

/** What a plan says, reduced to what the tests read. */
export interface Plan {
  readonly json: any;
  /** Every planned resource, in modules too, by address. */
  readonly resources: Record<string, PlannedResource>;
  /** Planned outputs of the root module (`undefined` value when unknown until apply). */
  readonly outputs: Record<string, unknown>;
}

/** What a workspace holds: files written and folders copied (paths relative to its root). */
export interface WorkspaceLayout {
  /** Files to write: relative path → content. */
  readonly files?: Record<string, string>;
  /** Folders to copy: relative destination → source folder. */
  readonly copies?: Record<string, string>;
  /** Where Terraform runs, relative to the root. @default the root */
  readonly workdir?: string;
  /** Whether to add the offline provider settings (not needed under `mock_provider`). @default true */
  readonly offline?: boolean;
  /**
   * Whether Terraform attaches to the provider processes of this workspace (per environment: a
   * plan's region is the provider's `AWS_REGION`), one for each provider configuration (see
   * helpers/provider-proxy.ts), or starts its own for every command, as it does for users.
   * @default true
   */
  readonly attachProvider?: boolean;
  /**
   * The environment of every Terraform command (and of the provider): for an account on moto, its
   * endpoints, credentials and region. Implies `offline: false`.
   */
  readonly environment?: Record<string, string>;
}

/** The commands that load the provider; `get`, `fmt` and `version` do not. */
const PROVIDER_COMMANDS = new Set(["plan", "show", "test", "graph", "validate", "apply", "console"]);

/** The provider executable `terraform init` installed in the shared setup. */
function providerExecutable(setup: TerraformSetup): string {
  const version = join(setup.sharedDir, ".terraform", "providers", "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION);
  for (const platform of readdirSync(version)) {
    const file = readdirSync(join(version, platform)).find((f) => f.startsWith("terraform-provider-aws"));
    if (file) return join(version, platform, file);
  }
  throw new Error(`terraform init installed no hashicorp/aws executable under ${version}`);
}

/**
 * Starts the provider in debug mode and waits for the line that says how to attach to it. A shell
 * holds it and stops it when its standard input closes: when `stop()` closes it, or when this
 * process exits, however it exits, so that no provider outlives the tests.
 */
function launchProvider(setup: TerraformSetup, extra: Record<string, string>): Promise<ProviderProcess> {
  const child = spawn("/bin/sh", ["-c", '"$0" -debug </dev/null & read -r _; kill $! 2>/dev/null', providerExecutable(setup)], {
    env: env(setup, extra),
    stdio: ["pipe", "pipe", "ignore"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    let started = false;
    const onExit = (code: number | null) => reject(new Error(`the AWS provider stopped before it served (exit ${code}):\n${output}`));
    child.on("exit", onExit);
    child.stdout.on("data", (chunk: Buffer) => {
      if (started) return; // what it logs afterwards is read and dropped
      output += chunk.toString();
      const reattach = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(output)?.[1];
      if (!reattach) return;
      started = true;
      child.off("exit", onExit);
      // Neither the process nor its pipes keep this worker alive; its exit closes the shell's input.
      child.unref();
      for (const stream of [child.stdin, child.stdout]) (stream as unknown as { unref(): void }).unref();
      resolve({ reattach, stop: () => child.stdin.end() });
    });
  });
}

/**
 * A provider process for Terraform to attach to, behind the proxy of helpers/provider-proxy.ts:
 * the schema of the services the tests use only, and a process of its own (started with the same
 * environment) for each provider configuration.
 */
async function startProvider(setup: TerraformSetup, extra: Record<string, string>): Promise<ProviderProcess> {
  const first = await launchProvider(setup, extra);
  const executable = providerExecutable(setup);
  const { size, mtimeMs } = statSync(executable);
  const key = createHash("sha256").update(`${executable} ${size} ${mtimeMs}`).digest("hex").slice(0, 16);
  const schemaCache = join(process.env.TESTS_TMPDIR ?? tmpdir(), `provider-schema-${key}.json`);
  try {
    return await providerProxy(first, () => launchProvider(setup, extra), schemaCache);
  } catch (error) {
    first.stop();
    throw error;
  }
}

/**
 * The provider processes Terraform attaches to, by the environment they were started with (an
 * account's, or the offline one with the plan's region), shared by the workspaces of a test file: a
 * provider process holds no state of a workspace's, only its configuration (a process for each,
 * helpers/provider-proxy.ts). Stopped when the last workspace that used them is removed.
 */
const PROVIDERS = new Map<string, { process: Promise<ProviderProcess>; users: number }>();

/** A temporary copy of a Terraform configuration, initialised from the shared setup. */
export class Workspace {
  /** The environments of the provider processes this workspace attached to (keys of {@link PROVIDERS}). */
  private readonly providerKeys = new Set<string>();

  private constructor(
    readonly root: string,
    readonly dir: string,
    private readonly setup: TerraformSetup,
    private readonly attachProvider: boolean,
    private readonly environment: Record<string, string> = {},
  ) {}

  /** Lays out a configuration in a temporary folder and reuses the shared `terraform init`. */
  static async create(layout: WorkspaceLayout): Promise<Workspace> {
    const setup = sharedSetup();
    const root = mkdtempSync(join(tmpdir(), "tf-ws-"));
    for (const [dest, source] of Object.entries(layout.copies ?? {})) copyConfiguration(source, join(root, dest));
    for (const [name, content] of Object.entries(layout.files ?? {})) {
      mkdirSync(join(root, name, ".."), { recursive: true });
      writeFileSync(join(root, name), content);
    }
    const dir = join(root, layout.workdir ?? ".");
    if (layout.environment !== undefined) {
      // An account's workspace: the shared `terraform init`'s local backend, and the provider as configured.
      writeFileSync(join(dir, "backend_override.tf.json"), JSON.stringify({ terraform: offlineOverride().terraform }, null, 2));
    } else if (layout.offline !== false) {
      writeFileSync(join(dir, "offline_override.tf.json"), JSON.stringify(offlineOverride(), null, 2));
    }
    linkInitialised(setup.sharedDir, dir);
    const workspace = new Workspace(root, dir, setup, layout.attachProvider !== false, layout.environment);
    if (usesModules(dir)) await workspace.terraform(["get"]);
    return workspace;
  }

  /** Runs a Terraform command here and returns its standard output; throws with its errors. */
  async terraform(args: string[], more: Record<string, string> = {}): Promise<string> {
    return (await this.terraformExit(args, more)).stdout;
  }

  /** The same, returning the exit code too; an exit code in `ok` is not an error. */
  private async terraformExit(args: string[], more: Record<string, string> = {}, ok: readonly number[] = [0]) {
    const extra = { ...this.environment, ...more };
    if (!this.attachProvider || !PROVIDER_COMMANDS.has(args[0])) return terraformExit(this.setup, this.dir, args, extra, ok);
    const key = JSON.stringify(extra);
    if (!this.providerKeys.has(key)) {
      this.providerKeys.add(key);
      const shared = PROVIDERS.get(key) ?? { process: startProvider(this.setup, extra), users: 0 };
      shared.users++;
      PROVIDERS.set(key, shared);
    }
    const provider = await PROVIDERS.get(key)!.process;
    return terraformExit(this.setup, this.dir, args, { ...extra, TF_REATTACH_PROVIDERS: provider.reattach }, ok);
  }

  async validate(): Promise<void> {
    await this.terraform(["validate"]);
  }

  /** Plans in `region` with the given variables (and extra `plan` options) and reads the plan back as JSON. */
  async plan(region: string, vars: Record<string, unknown> = {}, name = region, options: string[] = []): Promise<Plan> {
    const varFile = join(this.dir, `${name}.tfvars.json`);
    writeFileSync(varFile, JSON.stringify(vars));
    const planFile = `${name}.tfplan`;
    await this.terraform(["plan", "-input=false", "-lock=false", `-var-file=${varFile}`, `-out=${planFile}`, ...options], {
      AWS_REGION: region,
    });
    const json = JSON.parse(await this.terraform(["show", "-json", planFile]));
    return { json, resources: collectResources(json.planned_values?.root_module), outputs: plannedOutputs(json) };
  }

  /**
   * Plans in `region` with the given variables and returns what the plan would change, as
   * {@link changesOf} lists it: an empty list for an empty plan. `-detailed-exitcode` says whether
   * the plan has changes; only a plan that has some is read back (`show -json`), to name them.
   * The plan is kept as `<name>.tfplan`, for {@link applyPlan}.
   */
  async planChanges(region: string, vars: Record<string, unknown> = {}, name = region): Promise<string[]> {
    const varFile = join(this.dir, `${name}.tfvars.json`);
    writeFileSync(varFile, JSON.stringify(vars));
    const planFile = `${name}.tfplan`;
    const { code } = await this.terraformExit(
      ["plan", "-input=false", "-lock=false", "-detailed-exitcode", `-var-file=${varFile}`, `-out=${planFile}`],
      { AWS_REGION: region },
      [2],
    );
    if (code === 0) return [];
    const json = JSON.parse(await this.terraform(["show", "-json", planFile]));
    return changesOf({ json, resources: {}, outputs: {} });
  }

  /** Applies a plan saved by {@link plan} or {@link planChanges} under `name`: exactly what it planned, without planning again. */
  async applyPlan(name: string): Promise<string> {
    return this.terraform(["apply", "-input=false", `${name}.tfplan`]);
  }

  /** Applies (with the given variables), for a workspace on an account (moto). */
  async apply(vars: Record<string, unknown> = {}, name = "apply"): Promise<string> {
    const varFile = join(this.dir, `${name}.tfvars.json`);
    writeFileSync(varFile, JSON.stringify(vars));
    return this.terraform(["apply", "-auto-approve", "-input=false", `-var-file=${varFile}`]);
  }

  /** Destroys everything the workspace's state holds. */
  async destroy(vars: Record<string, unknown> = {}): Promise<string> {
    const varFile = join(this.dir, "destroy.tfvars.json");
    writeFileSync(varFile, JSON.stringify(vars));
    return this.terraform(["apply", "-destroy", "-auto-approve", "-input=false", `-var-file=${varFile}`]);
  }

  /** Plans and returns Terraform's error output; fails when the plan succeeds. */
  async planError(region: string, vars: Record<string, unknown>, name: string): Promise<string> {
    try {
      await this.plan(region, vars, name);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`expected the plan '${name}' to fail, but it succeeded`);
  }

  remove(): void {
    for (const key of this.providerKeys) {
      const shared = PROVIDERS.get(key);
      if (shared === undefined || --shared.users > 0) continue;
      PROVIDERS.delete(key);
      shared.process.then(
        (p) => p.stop(),
        () => undefined,
      );
    }
    this.providerKeys.clear();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Copies a Terraform configuration without what `terraform init` or a run left in it
 * (`.terraform/`, `.terraform.lock.hcl`, state): a module folder in which someone ran its README's
 * `terraform init && terraform test` must copy as cleanly as a fresh one.
 */
export function copyConfiguration(source: string, dest: string): void {
  cpSync(source, dest, { recursive: true, filter: (path) => !/^(?:\.terraform|terraform\.tfstate)/.test(basename(path)) });
}

/**
 * The offline settings of an `aws` provider configuration written into a root (rather than added
 * by the override file): dummy credentials, a region, and every check that would call AWS skipped.
 */
export function offlineProvider(region: string, alias?: string): Record<string, unknown> {
  return { ...(alias ? { alias } : {}), region, ...offlineOverride().provider.aws[0] };
}

/**
 * A synthesized stack as a child module, so that one plan can hold several stacks in several
 * regions: the same configuration without its provider and backend, which the calling root gives.
 */
export function stackAsModule(stackJson: string): string {
  const { provider: _provider, terraform, ...rest } = JSON.parse(stackJson);
  const { backend: _backend, ...settings } = terraform ?? {};
  return JSON.stringify({ ...rest, terraform: settings }, null, 2);
}

/** One module call of a plan, seen as a plan of its own: its resources and configuration, and the root outputs `<call>__<name>`. */
export function moduleView(plan: Plan, call: string): Plan {
  const prefix = `module.${call}.`;
  const resources = Object.fromEntries(
    Object.entries(plan.resources)
      .filter(([address]) => address.startsWith(prefix))
      .map(([address, r]) => [address.slice(prefix.length), { ...r, address: r.address.slice(prefix.length) }]),
  );
  const outputs = Object.fromEntries(
    Object.entries(plan.outputs)
      .filter(([name]) => name.startsWith(`${call}__`))
      .map(([name, value]) => [name.slice(call.length + 2), value]),
  );
  const module = plan.json.configuration?.root_module?.module_calls?.[call]?.module;
  return { json: { ...plan.json, configuration: { root_module: module } }, resources, outputs };
}

/**
 * What a plan would do, one `<address>: <actions>` each (`create`, `update`, `delete+create`, …,
 * and `import` or `import+update` for a resource it imports), leaving out what it leaves as it is.
 */
export function changesOf(plan: Plan): string[] {
  return (plan.json.resource_changes ?? []).flatMap((c: any) => {
    const actions: string[] = c.change.actions;
    const unchanged = actions.length === 1 && (actions[0] === "no-op" || actions[0] === "read");
    if (c.change.importing) return [`${c.address}: ${unchanged ? "import" : `import+${actions.join("+")}`}`];
    return unchanged ? [] : [`${c.address}: ${actions.join("+")}`];
  });
}

/**
 * A Terraform CLI configuration that installs hashicorp/aws from the provider mirror, as a user
 * without the registry writes it (`provider_installation { filesystem_mirror { … } }`): for the
 * commands that run `terraform init` themselves, such as `cdktf deploy`.
 */
export function mirrorCliConfig(): string {
  const setup = sharedSetup();
  const file = join(setup.sharedDir, "mirror.tfrc");
  writeFileSync(
    file,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(setup.pluginDir)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
  return file;
}

/** The Terraform executable the tests run. */
export const terraformBinary = () => sharedSetup().binary;

/**
 * An AWS provider process started with `environment` (an account's endpoints and credentials) that
 * commands which run Terraform themselves (`cdktf deploy`) attach to, through the
 * `TF_REATTACH_PROVIDERS` it gives: they run as users run them, without starting the provider
 * for every step.
 */
export function sharedProvider(environment: Record<string, string>): Promise<{ readonly reattach: string; stop(): void }> {
  return startProvider(sharedSetup(), environment);
}

/** Runs a Terraform command that needs no initialised configuration (`fmt`, `version`) in `dir`. */
export function terraformIn(dir: string, args: string[]): Promise<string> {
  return terraform(sharedSetup(), dir, args);
}

/**
 * Gives `dir` the shared `terraform init`: its lock file and `.terraform/`, whose installed
 * provider (a 700 MB executable) is linked rather than copied, as `terraform init` itself links a
 * provider from a plugin cache.
 */
function linkInitialised(sharedDir: string, dir: string): void {
  const providers = join(".terraform", "providers");
  cpSync(join(sharedDir, ".terraform"), join(dir, ".terraform"), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !source.startsWith(join(sharedDir, providers, "")),
  });
  const version = join(providers, "registry.terraform.io", "hashicorp", "aws", AWS_PROVIDER_VERSION);
  mkdirSync(join(dir, version), { recursive: true });
  for (const platform of readdirSync(join(sharedDir, version)))
    symlinkSync(join(sharedDir, version, platform), join(dir, version, platform));
  cpSync(join(sharedDir, ".terraform.lock.hcl"), join(dir, ".terraform.lock.hcl"));
}

/** Whether the root configuration calls modules, which `terraform get` must then install. */
function usesModules(dir: string): boolean {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".tf") || f.endsWith(".tf.json"))
    .some((f) => /"module"\s*:|^\s*module\s+"/m.test(readFileSync(join(dir, f), "utf8")));
}

function collectResources(module: any, into: Record<string, PlannedResource> = {}): Record<string, PlannedResource> {
  if (!module) return into;
  for (const r of module.resources ?? []) into[r.address] = r;
  for (const child of module.child_modules ?? []) collectResources(child, into);
  return into;
}

function plannedOutputs(json: any): Record<string, unknown> {
  const planned = json.planned_values?.outputs ?? {};
  return Object.fromEntries(Object.entries(planned).map(([k, v]: [string, any]) => [k, v.value]));
}

/** Creates a fresh folder under the system's temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Evaluates one Terraform expression with `terraform console` and parses its JSON. The expression
 * is a local of a configuration of its own: the console reads its input line by line, and drops
 * a line over 64 KiB without a word.
 */
export function evaluateJson(expression: string): unknown {
  const setup = sharedSetup();
  const dir = mkdtempSync(join(tmpdir(), "tf-console-"));
  try {
    writeFileSync(join(dir, "main.tf"), `locals {\n  value = ${expression}\n}\n`);
    const result = spawnSync(setup.binary, ["console", "-no-color"], {
      cwd: dir,
      env: env(setup),
      input: "jsonencode(local.value)\n",
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`terraform console failed:\n${result.stderr}`);
    return JSON.parse(JSON.parse(result.stdout.trim()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
