import { Lazy } from "cdktf";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

// The app's launcher and the jest setup make cdktf cheaper (tools/cdktf-speedups.cjs): a token
// still says where it was created, once something reads it; Terraform's version is still checked.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lazyTrace } = require("../../tools/cdktf-speedups.cjs");

describe("token creation stacks, formatted when read", () => {
  test("cdktf captures them with the lazy trace here, as in the app", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require("cdktf/lib/tokens/private/stack-trace").captureStackTrace).toBe(lazyTrace);
  });

  test("a token's creation stack names the function that created it, as cdktf's messages print it", () => {
    function createdHere() {
      return Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
    }
    const { creationStack } = createdHere();
    expect(creationStack.length).toBeGreaterThan(0);
    expect(creationStack.join("\n  at ")).toContain("createdHere (");
    expect([...creationStack].every((line) => !line.startsWith("at "))).toBe(true);
  });

  test("cdktf's check of Terraform's version runs its command once per process, and still refuses an old Terraform", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ValidateBinaryVersion } = require("cdktf/lib/validations/validate-binary-version");
    const runs = join(mkdtempSync(join(tmpdir(), "versions-")), "runs");
    const command = `node -e "require('fs').appendFileSync(process.argv[1], 'x'); console.log('Terraform v1.4.0')" ${runs}`;
    const check = () => new ValidateBinaryVersion("terraform", ">=1.5", command, "Upgrade it.").validate();
    const refused = ["terraform version 1.4.0 is lower than the required version >=1.5 for this construct. Upgrade it."];
    expect(check()).toEqual(refused);
    expect(check()).toEqual(refused);
    expect(readFileSync(runs, "utf8")).toBe("x");
  });
});
