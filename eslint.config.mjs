// Lint rules (`npm run lint`, part of `npm test`): typescript-eslint's recommended rules, and the
// project's own (tools/eslint-rules.cjs): deep provider imports, the framework's public API only in
// src/, documented props, the layers of src/ (no import back up).
import tseslint from "typescript-eslint";
import project from "./tools/eslint-rules.cjs";

export default tseslint.config(
  {
    ignores: ["node_modules/", "cdktf.out/", "lib/", "bench/.baseline/", "modules/", "**/*.d.ts", "**/*.generated.ts", "**/*.generated.js"],
  },
  { files: ["**/*.ts"], extends: [tseslint.configs.recommended], plugins: { project: project.plugin }, rules: project.rules },
  { files: ["src/**/*.ts"], rules: project.srcRules },
  { files: ["src/private/**/*.ts"], rules: project.privateRules },
  ...project.layerConfigs,
  {
    // Tests read Terraform's plan JSON and IAM documents, which have no types of their own.
    files: ["__tests__/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // CommonJS files of the tool chain (jest setup, the require hook, the bench's preload).
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly" },
    },
  },
);
