import { spawn, spawnSync } from "child_process";

/**
 * moto, the AWS emulator, as the account of the end-to-end tests that apply for real: a
 * `moto_server` on 127.0.0.1, on a port it picks itself, to which Terraform and the AWS SDK talk
 * through the standard endpoint variables. It knows the AWS managed policies
 * (`MOTO_IAM_LOAD_MANAGED_POLICIES=true`), not the public AMIs (`MOTO_EC2_LOAD_DEFAULT_AMIS=false`).
 * It is a test double, laxer than IAM in places (it compares role names by case, for one): the
 * project keeps its own checks of those, and the tests that rely on IAM's stricter behaviour say so.
 *
 * - `MOTO_SERVER`: the moto_server executable (default: `moto_server` on PATH).
 */
export const MOTO_SERVER = process.env.MOTO_SERVER ?? "moto_server";

/** The account moto serves to the credentials below. */
export const MOTO_ACCOUNT = "123456789012";

/** The services the tests reach, by the suffix of their standard endpoint variable (`AWS_ENDPOINT_URL_<SERVICE>`). */
const SERVICES = ["IAM", "STS", "S3", "KMS", "SECRETS_MANAGER", "SSM", "EC2", "ECS", "BATCH", "CLOUDWATCH_LOGS"];

/**
 * Set by the run's global setup once it has found moto_server, for the workers: asking it for its
 * `--help` starts Python and imports moto, a second of CPU for every account a test starts.
 */
const LOCATED = "E2E_MOTO_LOCATED";

/** Finds moto_server, or says in one line how to install it. */
export function locateMoto(): string {
  if (process.env[LOCATED] === MOTO_SERVER) return MOTO_SERVER;
  const found = spawnSync(MOTO_SERVER, ["--help"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    throw new Error(
      `moto was not found (tried '${MOTO_SERVER}'): install it with pip install "moto[server]" (5.x) or set MOTO_SERVER. ` +
        "To skip the end-to-end tests instead, set SKIP_TERRAFORM_TESTS=1.",
    );
  }
  process.env[LOCATED] = MOTO_SERVER;
  return MOTO_SERVER;
}

/** A running moto server. */
export interface Moto {
  readonly url: string;
  /**
   * The environment that points Terraform, its AWS provider and the AWS SDK at this server, as a
   * user would: every service's endpoint variable, test credentials, and the region.
   */
  environment(region?: string, url?: string): Record<string, string>;
  /** Forgets everything the account holds. */
  reset(): Promise<void>;
  /** Stops the server by its PID. */
  stop(): void;
}

/**
 * Starts moto_server on a free port and waits until it answers. A shell (bash) holds it and stops it when
 * its standard input closes: when `stop()` closes it, or when this process exits however it exits,
 * so that no server outlives the tests.
 */
export function startMoto(): Promise<Moto> {
  // moto's output passes through a reader in the shell that forwards it up to the line that names
  // the port and drops the rest (a line per request): a parent that stops reading its pipe, as a
  // benchmark blocked in spawnSync does, never blocks the server.
  const script = [
    '"$0" -H 127.0.0.1 -p 0 </dev/null > >(while IFS= read -r line; do [ -z "$served" ] && echo "$line";',
    'case "$line" in *"Running on"*) served=1;; esac; done) 2>&1 & echo "pid $!"; read -r _; kill $! 2>/dev/null',
  ].join(" ");
  const child = spawn("/bin/bash", ["-c", script, locateMoto()], {
    // It knows the AWS managed policies, which the roles attach; not the public AMIs, which no
    // test launches and which make moto's first EC2 call cost it two seconds of CPU.
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true", MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
    stdio: ["pipe", "pipe", "ignore"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    let pid: number | undefined;
    const onExit = (code: number | null) => reject(new Error(`moto_server stopped before it served (exit ${code}):\n${output}`));
    child.on("exit", onExit);
    child.stdout.on("data", (chunk: Buffer) => {
      if (pid !== undefined && output.includes("Running on")) return; // its request log is read and dropped
      output += chunk.toString();
      pid ??= Number(/^pid (\d+)$/m.exec(output)?.[1]) || undefined;
      const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (pid === undefined || port === undefined) return;
      child.off("exit", onExit);
      child.unref();
      for (const stream of [child.stdin, child.stdout]) (stream as unknown as { unref(): void }).unref();
      const url = `http://127.0.0.1:${port}`;
      const server = pid;
      resolve({
        url,
        environment: (region = "us-east-1", endpoint = url) => ({
          ...Object.fromEntries(SERVICES.map((service) => [`AWS_ENDPOINT_URL_${service}`, endpoint])),
          AWS_ACCESS_KEY_ID: "testing",
          AWS_SECRET_ACCESS_KEY: "testing",
          AWS_REGION: region,
          AWS_DEFAULT_REGION: region,
          AWS_EC2_METADATA_DISABLED: "true",
        }),
        reset: async () => {
          const response = await fetch(`${url}/moto-api/reset`, { method: "POST" });
          if (!response.ok) throw new Error(`moto did not reset: HTTP ${response.status}`);
        },
        stop: () => {
          try {
            process.kill(server);
          } catch {
            // already stopped
          }
          child.stdin.end();
        },
      });
    });
  });
}
