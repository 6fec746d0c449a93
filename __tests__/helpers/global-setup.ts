import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { setUpTerraform } from "./terraform";

/**
 * Runs once before all tests. Every temporary folder of the run (ours, cdktf's `Testing.app()`
 * outdirs, npm's and Terraform's) goes under one folder that the teardown removes: workers inherit
 * TMPDIR, which `os.tmpdir()` reads.
 */
export default async function globalSetup(config: unknown, project?: { testPathIgnorePatterns?: string[] }): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "cdktf-batch-ecs-iam-tests-"));
  process.env.TESTS_TMPDIR = process.env.TMPDIR = root;
  // The AWS SDK's notice that its 2027 versions need Node 22 is the SDK's, not a test's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  try {
    await setUpTerraform(config, project);
  } catch (error) {
    // Jest runs no teardown after a failed setup (Terraform or the provider mirror missing).
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
