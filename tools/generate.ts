// `npm run generate`: rewrites every committed generated file from the constructs and the
// committed defaults (never from IAM_CONFIG): the managed-policy extract in src/data/, the
// modules (JSON, README, PERMISSIONS.md), the stacks' permission reports and docs/. Files that
// are no longer generated are removed. CI runs it and fails on any difference.
//
// `npm run generate -- --check` (part of `npm test`'s first step) writes nothing: it lists every
// generated file that is stale, missing or left over, and fails if there is one.
import { spawnSync } from "child_process";
import { mkdirSync, rmSync, writeFileSync } from "fs";
import { isDeepStrictEqual } from "util";
import { dirname, join } from "path";
import { MANAGED_POLICY_EXTRACT } from "../src/data/aws-managed-policies";
import { presentModuleFiles, ROOT, staleFiles } from "./committed-files";
import { generatedFiles } from "./generated-files";
import { EXTRACT_FILE, extractFromPackage, renderExtract } from "./managed-policy-extract";

function check(): void {
  const extract = isDeepStrictEqual(extractFromPackage(), MANAGED_POLICY_EXTRACT)
    ? []
    : [`${EXTRACT_FILE.slice(ROOT.length + 1)} is stale`];
  const stale = [...extract, ...staleFiles(generatedFiles())];
  for (const line of stale) console.log(line);
  if (stale.length > 0) {
    console.log("run 'npm run generate' and commit the result");
    process.exitCode = 1;
  }
}

function main(): void {
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
  for (const path of presentModuleFiles().filter((p) => files[p] === undefined)) rmSync(join(ROOT, path));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), content);
  }
  console.log(`generated ${Object.keys(files).length} files and ${EXTRACT_FILE.slice(ROOT.length + 1)}`);
}

if (process.argv.includes("--check")) check();
else main();
