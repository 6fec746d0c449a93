import { Linter } from "eslint";

// The rules of eslint.config.mjs, run on small sources: the provider's package root is refused.
const rules = require("../tools/eslint-rules.cjs");
const parser = require("typescript-eslint").parser;

function lint(code: string): string[] {
  const linter = new Linter({ configType: "flat" });
  return linter.verify(code, [{ files: ["**/*.ts"], languageOptions: { parser }, rules }], "src/probe.ts").map((m) => m.message);
}

describe("lint rules", () => {
  test("an import of the provider package root is refused", () => {
    expect(lint('import { iamRole } from "@cdktf/provider-aws";\nexport const r = iamRole;\n')).toEqual([
      expect.stringContaining("Import provider classes by their deep path"),
    ]);
  });

  test("a deep import is fine", () => {
    expect(lint('import { IamRole } from "@cdktf/provider-aws/lib/iam-role";\nexport const r = IamRole;\n')).toEqual([]);
  });
});
