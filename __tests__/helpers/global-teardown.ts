import { rmSync } from "fs";

/** Runs once after all tests: removes the run's temporary folder, and with it everything the tests left there. */
export default async function globalTeardown(): Promise<void> {
  const root = process.env.TESTS_TMPDIR;
  if (root) rmSync(root, { recursive: true, force: true });
}
