import { readdirSync } from "fs";
import { join } from "path";
import { committed, generatedFiles, GENERATED_MODULE_FILES, ROOT } from "../../tools/generated-files";

describe("the committed generated files", () => {
  const files = generatedFiles();

  test.each(Object.keys(files).map((path) => [path]))("%s is current (npm run generate rewrites it)", (path) => {
    expect(committed(path)).toBe(files[path]);
  });

  test("generating twice gives the same bytes", () => {
    expect(generatedFiles()).toEqual(files);
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
