import { execFile } from "child_process";
import { readFileSync } from "fs";
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
