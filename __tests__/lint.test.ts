import { Linter } from "eslint";
import { readdirSync } from "fs";
import { join } from "path";

// The project's own lint rules (tools/eslint-rules.cjs, used by eslint.config.mjs), run on small
// sources with TypeScript's parser; the settings it gives typescript-eslint's rules are not ours to test.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file of the lint configuration, without types
const project = require("../tools/eslint-rules.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- its types need the node16 resolution, which this project does not use
const parser = require("@typescript-eslint/parser");

function lint(code: string, file = "src/probe.ts"): string[] {
  const linter = new Linter({ configType: "flat" });
  const config = [
    {
      files: ["**/*.ts"],
      languageOptions: { parser },
      plugins: { project: project.plugin },
      rules: Object.fromEntries(
        Object.entries(project.rules).filter(([rule]) => !rule.startsWith("@typescript-eslint/")),
      ) as Linter.RulesRecord,
    },
    { files: ["src/**/*.ts"], rules: project.srcRules },
    { files: ["src/private/**/*.ts"], rules: project.privateRules },
    ...project.layerConfigs,
  ];
  return linter.verify(code, config, file).map((m) => m.message);
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

  test("src/private/ imports nothing of this project outside itself", () => {
    const source = 'import { rules } from "../rules";\nimport { isToken } from "./expr";\nexport const r = [rules, isToken];\n';
    expect(lint(source, "src/private/probe.ts")).toEqual([expect.stringContaining("src/private/ is a leaf")]);
    expect(lint(source, "src/roles/probe.ts")).toEqual([]);
    expect(lint('import { iamRole } from "@cdktf/provider-aws";\nexport const r = iamRole;\n', "src/private/probe.ts")).toHaveLength(1);
  });

  test("no import runs back up the layers of src/: the checks read the role model from below the roles", () => {
    const model = 'import type { RoleModel } from "../checks/role-model";\nexport type M = RoleModel;\n';
    const roles = 'import { RoleBase } from "../roles/role-base";\nexport const r = RoleBase;\n';
    expect(lint(model, "src/roles/probe.ts")).toEqual([]);
    expect(lint(roles, "src/checks/probe.ts")).toEqual([expect.stringContaining("src/checks/ imports only from the folders below it")]);
    expect(lint('import { checkRole } from "../checks";\nexport const c = checkRole;\n', "src/policies/probe.ts")).toEqual([
      expect.stringContaining("src/policies/ imports only from the folders below it"),
    ]);
    expect(lint('import { synthModules } from "../module";\nexport const s = synthModules;\n', "src/stacks/probe.ts")).toHaveLength(1);
    expect(lint(roles, "src/report/probe.ts")).toEqual([]);
    // The layers' configurations keep the rules every file of src/ has.
    expect(lint('import { iamRole } from "@cdktf/provider-aws";\nexport const r = iamRole;\n', "src/roles/probe.ts")).toHaveLength(1);
  });

  test("every folder of src/ has its place in the layers", () => {
    const folders = readdirSync(join(__dirname, "..", "src"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !project.LAYERS.includes(folder))).toEqual([]);
  });

  test("src/ reaches cdktf through its package root and public API only: no deep path, no token marker, no private member", () => {
    const deep = 'import { stackTrace } from "cdktf/lib/tokens/private/stack-trace";\nexport const s = stackTrace;\n';
    expect(lint(deep)).toEqual([expect.stringContaining("from their package root")]);
    expect(lint(deep, "src/private/probe.ts")).toEqual([expect.stringContaining("from their package root")]);
    expect(lint('import { Node } from "constructs/lib/construct";\nexport const n = Node;\n')).toHaveLength(1);
    expect(lint('export const isToken = (s: string) => s.includes("{TfToken[");\n')).toEqual([
      expect.stringContaining("token encoding is private"),
    ]);
    expect(lint("export const moved = (r: { _movedById?: unknown }) => r._movedById;\n")).toEqual([
      expect.stringContaining("private state"),
    ]);
    expect(lint('import { Token } from "cdktf";\nexport const isToken = (s: string) => Token.isUnresolved(s);\n')).toEqual([]);
    expect(lint(deep, "tools/probe.ts")).toEqual([]);
  });

  test("every member of an exported *Props interface documents its @default", () => {
    const source = [
      "export interface WidgetProps {",
      "  /**",
      "   * Documented.",
      "   *",
      "   * @default 1",
      "   */",
      "  readonly good?: number;",
      "  /** No default given. */",
      "  readonly vague?: number;",
      "  readonly bare?: number;",
      "}",
      "interface InternalProps {",
      "  readonly free?: number;",
      "}",
      "export const x: InternalProps = {};",
    ].join("\n");
    expect(lint(source)).toEqual([
      "'WidgetProps.vague' has no JSDoc comment with @default: say what happens when it is left out.",
      "'WidgetProps.bare' has no JSDoc comment with @default: say what happens when it is left out.",
    ]);
  });
});
