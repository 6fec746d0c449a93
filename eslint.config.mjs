// Lint rules that keep the project fast and tidy (`npm run lint`, part of `npm test`).
import tseslint from "typescript-eslint";
import rules from "./tools/eslint-rules.cjs";

export default [
  { ignores: ["node_modules/", "cdktf.out/", "lib/", "bench/.baseline/", "modules/", "**/*.d.ts"] },
  { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser }, rules },
];
