import { Lazy } from "cdktf";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";

// The app's launcher and the jest setup make cdktf cheaper (tools/cdktf-speedups.cjs): a token
// still says where it was created, once something reads it; Terraform's version is still checked.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cdktfDependency, lazyTrace, stableStringify } = require("../../tools/cdktf-speedups.cjs");

/** The json-stable-stringify that cdktf itself loads. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStableStringify = () => require(require.resolve("json-stable-stringify", { paths: [dirname(require.resolve("cdktf"))] }));

describe("what the app and the tests change in cdktf", () => {
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

  test.each<[string, unknown]>([
    ["nested maps and lists, keys out of order", { b: [1, { d: "x", c: null }], a: { z: true, y: [] }, é: 1, B: 2, _: 3 }],
    ["empty maps and lists, at the top and inside", { a: {}, b: [], c: [{}, []] }],
    ["undefined, in a map and in a list", { a: undefined, b: [undefined, 1] }],
    ["toJSON", { when: new Date(0), custom: { toJSON: () => ({ y: 1, x: 2 }) } }],
    ["scalars", 'text with "quotes" and \u2028'],
    ["a list at the top", [3, "two", { one: 1 }]],
  ])("the JSON cdktf writes is json-stable-stringify's, byte for byte: %s", (_, value) => {
    const original = cdktfStableStringify();
    const fast = stableStringify(original);
    for (const options of [{ space: 2 }, undefined, { space: "\t" }]) expect(fast(value, options)).toBe(original(value, options));
  });

  test("a circular structure is refused, as json-stable-stringify refuses it", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => stableStringify(cdktfStableStringify())(cycle, { space: 2 })).toThrow("Converting circular structure to JSON");
  });

  test("cdktf's own archiver is loaded on its first call; only cdktf's requires are changed", () => {
    const fromCdktf = join(dirname(require.resolve("cdktf")), "private", "fs.js");
    const original = () => "original";
    const archiver = cdktfDependency("archiver", fromCdktf, original);
    expect(typeof archiver("zip").append).toBe("function");
    expect(cdktfDependency("archiver", join(__dirname, "x.js"), original)).toBeUndefined();
    expect(cdktfDependency("constructs", fromCdktf, original)).toBeUndefined();
  });
});
