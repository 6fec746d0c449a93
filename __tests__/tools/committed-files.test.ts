import { execFileSync } from "child_process";
import { mkdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { checkoutFingerprint, staleFiles } from "../../tools/committed-files";
import { tempDir } from "../helpers/terraform";

// `npm test` checks that the committed generated files are current (`npm run generate -- --check`,
// beside the type check and the lint), and CI again after regenerating them: this is what it reports.
describe("the staleness check of the generated files", () => {
  const committed: Record<string, string> = { "docs/a.md": "a\n", "modules/batch/README.md": "old\n", "modules/batch/old.tf.json": "{}" };
  const read = (path: string) => committed[path];
  const present = ["modules/batch/README.md", "modules/batch/old.tf.json"];

  test("current files pass", () => {
    expect(
      staleFiles({ "docs/a.md": "a\n", "modules/batch/README.md": "old\n", "modules/batch/old.tf.json": "{}" }, read, present),
    ).toEqual([]);
  });

  test("a changed, a missing and a left-over file are each named", () => {
    const generated = { "docs/a.md": "a\n", "modules/batch/README.md": "new\n", "docs/b.md": "b\n" };
    expect(staleFiles(generated, read, present)).toEqual([
      "modules/batch/README.md is stale",
      "docs/b.md is missing",
      "modules/batch/old.tf.json is no longer generated",
    ]);
  });
});

// The check skips generating when the checkout is the one it last found current: any change to a
// file git tracks or would track, or to what is installed, must change the fingerprint.
describe("the fingerprint of a checkout", () => {
  test("changes with a tracked file, a new file and the installed versions; not with an ignored file", () => {
    const root = tempDir("checkout-");
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
    git("init", "-q");
    writeFileSync(join(root, ".gitignore"), "node_modules/\nscratch/\n");
    writeFileSync(join(root, "main.ts"), "a");
    mkdirSync(join(root, "node_modules"));
    writeFileSync(join(root, "node_modules", ".package-lock.json"), "v1");
    git("add", ".");
    const seen = [checkoutFingerprint(root)];
    expect(seen[0]).toMatch(/^[0-9a-f]{40}$/);
    const changes = [
      () => writeFileSync(join(root, "main.ts"), "b"), // a tracked file edited
      () => writeFileSync(join(root, "new.ts"), "c"), // a file not yet added
      () => writeFileSync(join(root, "node_modules", ".package-lock.json"), "v2"), // another install
      () => rmSync(join(root, "main.ts")), // a tracked file deleted
    ];
    for (const change of changes) {
      change();
      const next = checkoutFingerprint(root);
      expect(seen).not.toContain(next);
      seen.push(next);
    }
    mkdirSync(join(root, "scratch"));
    writeFileSync(join(root, "scratch", "out.json"), "{}");
    expect(checkoutFingerprint(root)).toBe(seen[seen.length - 1]);
    expect(checkoutFingerprint(tempDir("not-a-checkout-"))).toBeUndefined();
  });
});
