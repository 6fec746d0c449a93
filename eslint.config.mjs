// Lint rules that keep the project fast and tidy (`npm run lint`, part of `npm test`).
import tseslint from "typescript-eslint";

export default [
  { ignores: ["node_modules/", "cdktf.out/", "lib/", "bench/.baseline/", "modules/", "**/*.d.ts"] },
  {
    files: ["**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    rules: {
      // The package root loads every AWS resource class: about 3 s and 550 MB in each process.
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message: "Import provider classes by their deep path, e.g. '@cdktf/provider-aws/lib/iam-role': the package root loads every resource class.",
            },
          ],
        },
      ],
    },
  },
];
