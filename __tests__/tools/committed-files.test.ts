import { staleFiles } from "../../tools/committed-files";

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
