import { readdirSync } from "fs";
import { join } from "path";
import { committed, generatedFiles, GENERATED_MODULE_FILES, ROOT } from "../../tools/generated-files";

// Generation is deterministic: `npm run generate` wrote the committed copies in another process,
// and this one must give the same bytes.
describe("the committed generated files", () => {
  const files = generatedFiles();

  test.each(Object.keys(files).map((path) => [path]))("%s is current (npm run generate rewrites it)", (path) => {
    expect(committed(path)).toBe(files[path]);
  });

  test("no stale generated file is left in modules/", () => {
    const present = readdirSync(join(ROOT, "modules")).flatMap((name) =>
      readdirSync(join(ROOT, "modules", name))
        .filter((file) => GENERATED_MODULE_FILES.test(file))
        .map((file) => `modules/${name}/${file}`),
    );
    expect(present.sort()).toEqual(
      Object.keys(files)
        .filter((p) => p.startsWith("modules/"))
        .sort(),
    );
  });
});
