// `npm run generate`: rewrites every committed generated file from the constructs and the
// committed defaults (never from IAM_CONFIG): the managed-policy extract in src/data/, the
// modules (JSON, README, PERMISSIONS.md), the stacks' permission reports, docs/ and the generated
// sources (`*.generated.ts`, `.js`, `.d.ts`). Files of modules/ and generated sources that are no longer generated
// are removed. CI runs it and fails on any difference.
//
// `npm run generate -- --check` (part of `npm test`) writes nothing: it lists every generated
// file that is stale, missing or left over, and fails if there is one. It remembers the checkout it
// last found current (node_modules/.cache/generate-check) and does not generate again for it.
import { spawnSync } from "child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { isDeepStrictEqual } from "util";
import { dirname, join } from "path";
import { checkoutFingerprint, presentGeneratedFiles, ROOT, staleFiles } from "./committed-files";

// Generating loads the constructs, cdktf, TypeScript and the 77 MB managed-policy package: each is
// loaded only when something is generated or checked, not when the check's answer is known.
/* eslint-disable @typescript-eslint/no-require-imports */
const generation = () => ({
  ...(require("./generated-files") as typeof import("./generated-files")),
  ...(require("./managed-policy-extract") as typeof import("./managed-policy-extract")),
  ...(require("../src/data/aws-managed-policies") as typeof import("../src/data/aws-managed-policies")),
});
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Where the check keeps the fingerprint of the checkout it last found current, as ESLint and
 * Prettier keep their caches: a fresh clone has none and checks everything.
 */
const CHECKED = join(ROOT, "node_modules", ".cache", "generate-check");

function check(): void {
  const key = checkoutFingerprint(ROOT);
  if (key !== undefined && readOrUndefined(CHECKED) === key) return; // nothing changed since it was found current
  const { extractFromPackage, EXTRACT_FILE, MANAGED_POLICY_EXTRACT, generatedFiles } = generation();
  const extract = isDeepStrictEqual(extractFromPackage(), MANAGED_POLICY_EXTRACT)
    ? []
    : [`${EXTRACT_FILE.slice(ROOT.length + 1)} is stale`];
  const stale = [...extract, ...staleFiles(generatedFiles())];
  for (const line of stale) console.log(line);
  if (stale.length > 0) {
    console.log("run 'npm run generate' and commit the result");
    process.exitCode = 1;
  } else if (key !== undefined) {
    mkdirSync(dirname(CHECKED), { recursive: true });
    writeFileSync(CHECKED, key);
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function main(): void {
  const { extractFromPackage, EXTRACT_FILE, MANAGED_POLICY_EXTRACT, renderExtract, generatedFiles } = generation();
  // The extract first: everything else reads it, as a module loaded once per process, so a new
  // extract is read by a fresh process.
  const extract = extractFromPackage();
  if (!isDeepStrictEqual(extract, MANAGED_POLICY_EXTRACT)) {
    writeFileSync(EXTRACT_FILE, renderExtract(extract));
    console.log(`wrote ${EXTRACT_FILE} (${extract.source}); generating the rest with it`);
    const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
    process.exit(again.status ?? 1);
  }

  const files = generatedFiles();
  for (const path of presentGeneratedFiles().filter((p) => files[p] === undefined)) rmSync(join(ROOT, path));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), content);
  }
  console.log(`generated ${Object.keys(files).length} files and ${EXTRACT_FILE.slice(ROOT.length + 1)}`);
}

if (process.argv.includes("--check")) check();
else main();
