// `npm run generate`: rewrites every committed generated file from the constructs and the
// committed defaults (never from IAM_CONFIG): the managed-policy extract in src/data/, the
// modules (JSON, README, PERMISSIONS.md), the stacks' permission reports and docs/. Files that
// are no longer generated are removed. CI runs it and fails on any difference.
import { spawnSync } from "child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "fs";
import { isDeepStrictEqual } from "util";
import { dirname, join } from "path";
import { MANAGED_POLICY_EXTRACT } from "../src/data/aws-managed-policies";
import { generatedFiles, GENERATED_MODULE_FILES, ROOT } from "./generated-files";
import { EXTRACT_FILE, extractFromPackage, renderExtract } from "./managed-policy-extract";

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
  for (const name of readdirSync(join(ROOT, "modules"))) {
    for (const file of readdirSync(join(ROOT, "modules", name))) {
      const path = `modules/${name}/${file}`;
      if (GENERATED_MODULE_FILES.test(file) && files[path] === undefined) rmSync(join(ROOT, path));
    }
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), content);
  }
  console.log(`generated ${Object.keys(files).length} files and ${EXTRACT_FILE.slice(ROOT.length + 1)}`);
}

main();
