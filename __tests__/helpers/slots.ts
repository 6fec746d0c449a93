import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { availableParallelism } from "os";
import { join } from "path";

/**
 * How many Terraform commands the whole test run has going at once, over every jest worker: two
 * more than the machine's cores, as a Terraform command that applies spends part of its time
 * waiting on the account (the AWS provider's waiters, moto) rather than on a core. Jest runs more
 * workers than there are cores (jest.config.js), since the end-to-end files mostly wait on their
 * child processes; this keeps the work those processes do sized to the cores.
 * `E2E_TERRAFORM_SLOTS` overrides it.
 */
export const TERRAFORM_SLOTS = Number(process.env.E2E_TERRAFORM_SLOTS) || availableParallelism() + 2;

/** How often a command waiting for a slot looks again: a pause between looks, not a deadline. */
const LOOK_AGAIN_MS = 100;

/**
 * Runs `work` once one of the run's {@link TERRAFORM_SLOTS} is free, holding it meanwhile. A slot is
 * a file in the run's temporary folder, created exclusively and naming the worker's process; one
 * whose process is gone (a worker that crashed) is taken over. Outside a jest run (no run folder),
 * `work` runs at once. A holder must not wait for a command that needs a slot of its own unless
 * other slots free themselves meanwhile (they do: no other holder waits so).
 */
export async function withTerraformSlot<T>(work: () => Promise<T>): Promise<T> {
  const root = process.env.TESTS_TMPDIR;
  if (!root) return work();
  const dir = join(root, "terraform-slots");
  mkdirSync(dir, { recursive: true });
  for (;;) {
    for (let slot = 0; slot < TERRAFORM_SLOTS; slot++) {
      const file = join(dir, String(slot));
      if (!take(file)) continue;
      try {
        return await work();
      } finally {
        rmSync(file, { force: true });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, LOOK_AGAIN_MS));
  }
}

/** Creates the slot's file, or takes it over from a process that is gone; false when it is held. */
function take(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let owner = NaN;
  try {
    owner = Number(readFileSync(file, "utf8"));
  } catch {
    return false; // freed meanwhile: looked at again next time
  }
  if (!Number.isInteger(owner) || owner <= 0 || alive(owner)) return false;
  rmSync(file, { force: true });
  return take(file);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
