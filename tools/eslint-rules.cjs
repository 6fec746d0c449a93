// The project's own lint rules, shared by eslint.config.mjs and the test that proves them.
"use strict";

/**
 * `project/documented-props`: every member of an exported `*Props` interface (and of the interfaces
 * those props are made of) carries a JSDoc comment with `@default`, as the AWS CDK documents props.
 */
const documentedProps = {
  meta: {
    type: "suggestion",
    docs: { description: "Every exported *Props member documents its @default." },
    messages: {
      missing: "'{{interface}}.{{member}}' has no JSDoc comment with @default: say what happens when it is left out.",
    },
    schema: [{ type: "object", properties: { interfaces: { type: "string" } }, additionalProperties: false }],
  },
  create(context) {
    const pattern = new RegExp(context.options[0]?.interfaces ?? "Props$");
    const source = context.sourceCode;
    return {
      "ExportNamedDeclaration > TSInterfaceDeclaration"(node) {
        if (!pattern.test(node.id.name)) return;
        for (const member of node.body.body) {
          if (member.type !== "TSPropertySignature") continue;
          const documented = source
            .getCommentsBefore(member)
            .some((c) => c.type === "Block" && c.value.startsWith("*") && /@default\b/.test(c.value));
          if (!documented)
            context.report({ node: member, messageId: "missing", data: { interface: node.id.name, member: source.getText(member.key) } });
        }
      },
    };
  },
};

// The package root loads every AWS resource class: about 3 s and 550 MB in each process.
const PROVIDER_ROOT = {
  name: "@cdktf/provider-aws",
  message:
    "Import provider classes by their deep path, e.g. '@cdktf/provider-aws/lib/iam-role': the package root loads every resource class.",
};

// The library rides on the framework's public API: no module of cdktf (or of CDK Terrain, which
// users install under cdktf's name) by a deep path, and none of its private symbols.
const FRAMEWORK_DEEP_PATHS = {
  group: ["cdktf/*", "cdktn/*", "constructs/*"],
  message:
    "Import cdktf and constructs from their package root: a deep path reaches the framework's internals, which change without notice.",
};
const PRIVATE_SYMBOLS = [
  {
    selector: "Literal[value=/TfToken|\\$\\{Token\\[/]",
    message: "cdktf's token encoding is private: use Token.isUnresolved, Tokenization.reverseString or Tokenization.resolve.",
  },
  {
    selector: "MemberExpression[property.name=/^_/]",
    message: "'_'-prefixed members are the framework's private state: use its public API.",
  },
];

// The library's folders in src/, lowest first (src/private/, the leaf, has its own rule below). Data
// flows one way: a folder imports from the folders before it in this list and from none after
// it, so that no import runs back up (the role model is the checks' input, in src/checks/: the
// roles that build it import it from below). The files at the root of src/ (index, config, cli:
// the package's exports and the app) may import any.
const LAYERS = ["private", "rules", "inputs", "policies", "data", "checks", "roles", "setups", "stacks", "report", "module", "audit"];

/** For each folder above src/private/: its `no-restricted-imports`, refusing the folders above it. */
function layerConfigs() {
  return LAYERS.slice(1).map((layer, index) => {
    const below = LAYERS.slice(0, index + 1);
    const above = LAYERS.slice(index + 2);
    const upward = {
      group: above.flatMap((folder) => [`../${folder}`, `../${folder}/*`]),
      message: `src/${layer}/ imports only from the folders below it (${below.join(", ")}): no import runs back up the layers.`,
    };
    return {
      files: [`src/${layer}/**/*.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          { paths: [PROVIDER_ROOT], patterns: [FRAMEWORK_DEEP_PATHS, ...(above.length > 0 ? [upward] : [])] },
        ],
      },
    };
  });
}

module.exports = {
  plugin: { rules: { "documented-props": documentedProps } },
  LAYERS,
  // Each folder of src/ above src/private/: the src/ rules, and no import from a folder above it.
  layerConfigs: layerConfigs(),
  // The library (src/): the framework's public API only.
  srcRules: {
    "no-restricted-imports": ["error", { paths: [PROVIDER_ROOT], patterns: [FRAMEWORK_DEEP_PATHS] }],
    "no-restricted-syntax": ["error", ...PRIVATE_SYMBOLS],
  },
  // src/private/ holds leaf helpers: they import nothing of this project from outside their folder.
  privateRules: {
    "no-restricted-imports": [
      "error",
      {
        paths: [PROVIDER_ROOT],
        patterns: [
          FRAMEWORK_DEEP_PATHS,
          { group: ["../*"], message: "src/private/ is a leaf: it imports nothing of this project outside src/private/." },
        ],
      },
    ],
  },
  rules: {
    "no-restricted-imports": ["error", { paths: [PROVIDER_ROOT] }],
    // `_`-prefixed names and the siblings of a rest pattern are unused on purpose.
    "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    // `import x = require("…")` is TypeScript's typed CommonJS import (of JSON data, for one).
    "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
    // Props are the public contract of a construct: each says what happens when it is left out.
    "project/documented-props": ["error", { interfaces: "(?:Props|Access|Restriction|Settings)$" }],
  },
};
