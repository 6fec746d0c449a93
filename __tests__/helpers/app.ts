import { execFile, execFileSync } from "child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync } from "fs";
import { join } from "path";
import { promisify } from "util";

const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..");

/** Runs the app exactly as `cdktf synth` does (the `app` command of cdktf.json), writing everything under `outdir`. */
export async function synthApp(outdir: string, config = "iam.config.json"): Promise<void> {
  const app = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).app as string;
  const [command, ...args] = app.split(" ");
  const env = { ...process.env, CDKTF_OUTDIR: outdir, IAM_CONFIG: config };
  await run(command, args, { cwd: ROOT, env });
}

/** A stack's Terraform JSON as the app wrote it under `outdir`. */
export const stackJson = (outdir: string, stack: string) => readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");

/**
 * A copy of the project as a clone of it holds it (the files git tracks or would track), with this
 * checkout's node_modules/ linked: where a test runs the project's commands as a user does.
 */
export function projectCopy(dir: string): string {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}
