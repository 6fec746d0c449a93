// The project's lint rules, shared by eslint.config.mjs and the test that proves them.
"use strict";

module.exports = {
  // The package root loads every AWS resource class: about 3 s and 550 MB in each process.
  "no-restricted-imports": [
    "error",
    {
      paths: [
        {
          name: "@cdktf/provider-aws",
          message:
            "Import provider classes by their deep path, e.g. '@cdktf/provider-aws/lib/iam-role': the package root loads every resource class.",
        },
      ],
    },
  ],
};
