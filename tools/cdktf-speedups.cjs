// What this project's own processes (the app's launcher, ts-register.js, and the jest setup)
// change in cdktf to synthesize faster, without changing what it writes. The library itself
// changes nothing in the processes that import it. Every path into cdktf's internals is here.
//
// Archiver. cdktf's index loads `archiver` (for TerraformAsset, which nothing here uses) and with
// it some hundred files: a quarter of a synth's start-up. cdktf gets a function that loads it on
// its first call instead (lazy-archiver.cjs, which jest maps `archiver` to as well).
//
// Token creation stacks. cdktf records where every token was created, for the message it gives
// when that token cannot be resolved: it captures the whole call stack and formats it into lines
// at once, for each reference, lazy value and list attribute (three per role). That was a tenth of
// the synth of a thousand roles, and more under jest, whose source-map support rewrites every
// frame. Here no stack is captured: such a message says how to get it, `CDKTF_TOKEN_TRACES=full`,
// which keeps cdktf's own. (The AWS CDK's CDK_DISABLE_STACK_TRACE does the same.)
//
// Writing the stack. cdktf writes cdk.tf.json with json-stable-stringify (keys sorted), which
// builds and joins an array of strings for every object: a tenth of the synth of a thousand
// roles. Here the same text (the same key order, indentation and empty `{` `}` on two lines) is
// built in one pass; options other than `space` go to the package itself.
//
// Loaded on first use. cdktf loads `semver` (for its check of Terraform's version, below, which
// only import and moved blocks need) and json-stable-stringify's own code (which the one-pass
// equivalent replaces) at start-up, with a dozen small packages: a tenth of a synth's start-up.
//
// Terraform's version. cdktf checks that Terraform is recent enough for import blocks by running
// `terraform version` once for every resource that imports (and once more for moved blocks, which
// every synth of these stacks has): a process start each, a fifth of a synth. Here the answer is
// kept per command and requirement, for the life of the process and, in a file under
// node_modules/.cache (IAM_SPEEDUPS_CACHE names another), between processes for as long as the
// executable the command starts (found on PATH) is the same file, of the same size and time; a
// Terraform too old still fails the check, with cdktf's message.
//
// Preparing an app of one stack. Before writing any stack, cdktf resolves every element of every
// stack once, only to find references from one stack to another (for which it adds outputs and
// remote state). An app of one stack has none: that stack only gets its backend, as cdktf's pass
// gives it. That pass was a quarter of the synth of a thousand roles. (This project's library
// once skipped it itself; a library must not, as CDK Terrain adds checks to that pass.)
//
// Each of these was written against cdktf 0.21.0, whose private modules and fields it reaches. In
// any other framework (another cdktf, or CDK Terrain installed under cdktf's name) none is
// installed: a renamed field would otherwise go unnoticed. CDK Terrain has its own switch for
// the token creation stacks, CDKTN_DISABLE_CREATION_STACK, which is set instead (unless
// CDKTF_TOKEN_TRACES=full or the variable is set already). IAM_SPEEDUPS=off turns everything
// here off, in any framework: the processes then run the framework exactly as installed.
"use strict";
const path = require("path");

/** The framework, and its version, that every speed-up here was written against. */
const WRITTEN_FOR = Object.freeze({ name: "cdktf", version: "0.21.0" });

/** The package installed as `cdktf` (cdktf, or CDK Terrain under its alias): its name and version, or undefined. */
function installedFramework(paths) {
  try {
    const { name, version } = require(require.resolve("cdktf/package.json", paths ? { paths } : undefined));
    return { name, version };
  } catch {
    return undefined;
  }
}

/**
 * Why the speed-ups are off in this process (one line), or undefined when they are on: they are
 * on only for the framework they were written for, and unless IAM_SPEEDUPS=off.
 */
function offBecause(framework, env = process.env) {
  if (env.IAM_SPEEDUPS === "off") return "IAM_SPEEDUPS=off";
  if (framework === undefined) return "no cdktf is installed";
  if (framework.name !== WRITTEN_FOR.name || framework.version !== WRITTEN_FOR.version) {
    return `written for ${WRITTEN_FOR.name} ${WRITTEN_FOR.version}, and ${framework.name} ${framework.version} is installed`;
  }
  return undefined;
}

/** What a token records of where it was created: how to get that recorded (see above). */
const NOT_RECORDED = Object.freeze(["(not recorded: run with CDKTF_TOKEN_TRACES=full to record where each token was created)"]);
const noTrace = () => NOT_RECORDED;

/**
 * The file that keeps the answers of the version checks between processes: IAM_SPEEDUPS_CACHE, or
 * beside the transpile cache in node_modules/.cache.
 */
const versionsFile = () =>
  process.env.IAM_SPEEDUPS_CACHE ?? path.join(__dirname, "..", "node_modules", ".cache", "cdktf-speedups", "versions.json");

/**
 * The executable a version command starts, as the shell finds it (its first word, on PATH), with
 * what changes when it is replaced: its path, size and modification time. Undefined when it cannot
 * be told: the answer is then not kept between processes.
 */
function executableOf(command) {
  const fs = require("fs");
  const word = /^\S+/.exec(command)?.[0];
  if (word === undefined) return undefined;
  const candidates = word.includes("/")
    ? [path.resolve(word)]
    : (process.env.PATH ?? "")
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, word));
  for (const candidate of candidates) {
    try {
      const stat = fs.statSync(candidate);
      if (stat.isFile()) return [fs.realpathSync(candidate), stat.size, stat.mtimeMs];
    } catch {
      // not here: the next directory of PATH
    }
  }
  return undefined;
}

/** Reads the kept answers; none when the file is missing or unreadable. */
function keptAnswers() {
  try {
    return JSON.parse(require("fs").readFileSync(versionsFile(), "utf8"));
  } catch {
    return {};
  }
}

/** Keeps one more answer, writing the file whole (a process beside this one reads it whole or not at all). */
function keepAnswer(key, answer) {
  const fs = require("fs");
  const file = versionsFile();
  const partial = `${file}.${process.pid}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(partial, JSON.stringify({ ...keptAnswers(), [key]: answer }));
    fs.renameSync(partial, file);
  } catch {
    fs.rmSync(partial, { force: true });
  }
}

/**
 * Keeps each answer of cdktf's binary version checks: for the life of the process, and between
 * processes for as long as the executable the check starts is the same file, unchanged.
 */
function checkVersionsOnce(ValidateBinaryVersion) {
  const validate = ValidateBinaryVersion.prototype.validate;
  if (validate.once) return;
  const answers = new Map();
  ValidateBinaryVersion.prototype.validate = Object.assign(
    function () {
      // Keyed by what the check runs and requires: a check missing one of them is run as it is.
      if ([this.binary, this.versionCommand, this.versionConstraint].some((field) => typeof field !== "string")) return validate.call(this);
      const key = JSON.stringify([this.binary, this.versionCommand, this.versionConstraint, this.hint]);
      if (!answers.has(key)) {
        const executable = executableOf(this.versionCommand);
        const lasting = executable === undefined ? undefined : JSON.stringify([key, executable]);
        const kept = lasting === undefined ? undefined : keptAnswers()[lasting];
        const answer = Array.isArray(kept) ? kept : validate.call(this);
        if (lasting !== undefined && !Array.isArray(kept)) keepAnswer(lasting, answer);
        answers.set(key, answer);
      }
      return [...answers.get(key)];
    },
    { once: true },
  );
}

/** Whether the app holds a stack other than `stack`. Terraform elements hold no stacks: they are not searched. */
function hasOtherStack(construct, stack, TerraformStack, TerraformElement) {
  for (const child of construct.node.children) {
    if (TerraformStack.isStack(child) && child !== stack) return true;
    if (!TerraformElement.isTerraformElement(child) && hasOtherStack(child, stack, TerraformStack, TerraformElement)) return true;
  }
  return false;
}

/** cdktf's preparing pass, skipped in an app of one stack (see above). */
function prepareOneStackAppsFast(TerraformStack, TerraformElement) {
  const prepare = TerraformStack.prototype.prepareStack;
  if (prepare.fast || typeof TerraformStack.prototype.ensureBackendExists !== "function") return;
  TerraformStack.prototype.prepareStack = Object.assign(
    function () {
      if (hasOtherStack(this.node.root, this, TerraformStack, TerraformElement)) return prepare.call(this);
      this.ensureBackendExists();
    },
    { fast: true },
  );
}

/** json-stable-stringify's text for JSON data, built in one pass (see above); `original` for other options. */
function stableStringify(original) {
  return function (value, opts) {
    if (typeof opts === "function" || (opts && (opts.cmp || opts.replacer || opts.cycles || opts.collapseEmpty))) {
      return original(value, opts);
    }
    const space = typeof opts?.space === "number" ? " ".repeat(opts.space) : opts?.space || "";
    const colon = space ? ": " : ":";
    const ancestors = new Set();
    const text = (node, level) => {
      if (node && typeof node.toJSON === "function") node = node.toJSON();
      if (node === undefined) return undefined;
      if (typeof node !== "object" || node === null) return JSON.stringify(node);
      const indent = space ? "\n" + space.repeat(level) : "";
      const item = indent + space;
      let out = "";
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) out += (i === 0 ? "" : ",") + item + (text(node[i], level + 1) || "null");
        return "[" + out + indent + "]";
      }
      if (ancestors.has(node)) throw new TypeError("Converting circular structure to JSON");
      ancestors.add(node);
      for (const key of Object.keys(node).sort()) {
        const member = text(node[key], level + 1);
        if (member) out += (out === "" ? "" : ",") + item + JSON.stringify(key) + colon + member;
      }
      ancestors.delete(node);
      return "{" + out + indent + "}";
    };
    return text(value, 0);
  };
}

const CDKTF_LIB = path.join("node_modules", "cdktf", "lib");

/**
 * What cdktf's own `require` of one of its dependencies gets in this project's processes (the app
 * launcher hooks Node's loader with it), or undefined for cdktf's own: `original` loads that.
 */
function cdktfDependency(request, requiredFrom, original) {
  if (!requiredFrom?.includes(CDKTF_LIB) || !speedupsOn()) return undefined;
  if (request === "archiver") return require("./lazy-archiver.cjs");
  if (request === "json-stable-stringify") {
    const own = onFirstUse(original);
    return stableStringify((...args) => own()(...args));
  }
  if (request === "semver") {
    const semver = onFirstUse(original);
    return new Proxy({}, { get: (_, key) => semver()[key] });
  }
  return undefined;
}

/** A function that gives what `load` loads, loaded on its first call. */
function onFirstUse(load) {
  let loaded;
  return () => (loaded ??= { value: load() }).value;
}

/** Whether the speed-ups are on in this process (decided once: the installed framework does not change). */
let on;
const speedupsOn = () => (on ??= offBecause(installedFramework()) === undefined);

/**
 * Installs the token traces' switch and the version check once in the cdktf that `load` (a
 * module's require) loads: by default, this project's. Under CDK Terrain, sets its own switch.
 * Nothing when the speed-ups are off (see above), or when a private module is not where it was.
 */
function installCdktfSpeedups(load = require, framework = installedFramework()) {
  const traces = process.env.CDKTF_TOKEN_TRACES !== "full";
  if (framework?.name === "cdktn" && traces && process.env.IAM_SPEEDUPS !== "off") process.env.CDKTN_DISABLE_CREATION_STACK ??= "1";
  if (offBecause(framework) !== undefined) return false;
  try {
    const stackTrace = load("cdktf/lib/tokens/private/stack-trace");
    const { ValidateBinaryVersion } = load("cdktf/lib/validations/validate-binary-version");
    const { TerraformStack, TerraformElement } = load("cdktf");
    const found = [stackTrace.captureStackTrace, ValidateBinaryVersion?.prototype?.validate, TerraformStack?.prototype?.prepareStack];
    if (!found.every((f) => typeof f === "function") || typeof TerraformElement?.isTerraformElement !== "function") return false;
    if (traces) stackTrace.captureStackTrace = noTrace;
    checkVersionsOnce(ValidateBinaryVersion);
    prepareOneStackAppsFast(TerraformStack, TerraformElement);
    return true;
  } catch {
    return false; // no cdktf to load (a tool that does not synthesize): nothing to change
  }
}

module.exports = {
  WRITTEN_FOR,
  cdktfDependency,
  installCdktfSpeedups,
  installedFramework,
  noTrace,
  offBecause,
  stableStringify,
  speedupsOn,
};
