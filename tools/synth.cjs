// `npm run synth`: what `cdktf synth` does, without starting the cdktf CLI first (seconds of the
// CLI's own start-up for a synth that takes a third of one). Like the CLI it runs cdktf.json's
// `app` with the output folder (cdktf.json's `output`, default cdktf.out) in CDKTF_OUTDIR and the
// context the CLI gives, then removes the folders of stacks the app no longer has and names the
// stacks it wrote. `npx cdktf synth`, `cdktf diff` and `cdktf deploy` run the same app the same way.
"use strict";
const { spawnSync } = require("child_process");
const { existsSync, readdirSync, readFileSync, rmSync, statSync } = require("fs");
const { basename, join, resolve } = require("path");

const root = resolve(__dirname, "..");
const cdktf = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
const outdir = resolve(root, cdktf.output ?? "cdktf.out");
const stacksDir = join(outdir, "stacks");

const stackDirs = () =>
  existsSync(stacksDir)
    ? readdirSync(stacksDir)
        .map((name) => join(stacksDir, name))
        .filter((path) => statSync(path).isDirectory())
    : [];
const before = stackDirs();

// As the CLI: no TF_VAR_ variables for the app, its context plus the local modules it declares
// (this project declares none), JSON output.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TF_VAR_")));
const context = process.env.CDKTF_CONTEXT_JSON ? JSON.parse(process.env.CDKTF_CONTEXT_JSON) : {};
const result = spawnSync(cdktf.app, {
  cwd: root,
  shell: true,
  stdio: "inherit",
  env: {
    ...env,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...context, cdktfRelativeModules: [] }),
    SYNTH_HCL_OUTPUT: "false",
  },
});
if (result.status !== 0) process.exit(result.status ?? 1);

const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
const stacks = Object.keys(manifest.stacks);
for (const dir of before) if (!stacks.includes(basename(dir))) rmSync(dir, { recursive: true });
process.stdout.write(`Generated Terraform code for the stacks: ${stacks.join(", ")}\n`);
