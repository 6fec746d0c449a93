import { Lazy, TerraformOutput, TerraformStack } from "cdktf";
import { execFileSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { delimiter, dirname, join } from "path";
import { testApp } from "../helpers/synth";

// The app's launcher and the jest setup make cdktf cheaper (tools/cdktf-speedups.cjs): a token
// does not record where it was created unless asked to; Terraform's version is still checked.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const speedups = require("../../tools/cdktf-speedups.cjs");
const { cdktfDependency, installCdktfSpeedups, noTrace, offBecause, stableStringify, WRITTEN_FOR } = speedups;

/** The json-stable-stringify that cdktf itself loads. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfStableStringify = () => require(require.resolve("json-stable-stringify", { paths: [dirname(require.resolve("cdktf"))] }));

// What the speed-ups change is tested where they are on: with the cdktf they were written for, and
// without IAM_SPEEDUPS=off. Elsewhere (CDK Terrain's check runs these tests too) they are off, as
// the tests at the end prove.
const whereOn = speedups.speedupsOn() ? describe : describe.skip;

/** Fake private modules of cdktf, as `installCdktfSpeedups` loads them. */
function fakeInternals(captureStackTrace: () => string[]): Record<string, object> {
  return {
    "cdktf/lib/tokens/private/stack-trace": { captureStackTrace },
    "cdktf/lib/validations/validate-binary-version": {
      ValidateBinaryVersion: class {
        validate() {}
      },
    },
    cdktf: {
      TerraformStack: class {
        prepareStack() {}
        ensureBackendExists() {}
      },
      TerraformElement: { isTerraformElement: () => false },
    },
  };
}

/** Runs `f` with the environment variables `vars` set (undefined: unset), then restores them. */
function withEnv<T>(vars: Record<string, string | undefined>, f: () => T): T {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  try {
    set(vars);
    return f();
  } finally {
    set(before);
  }
}

whereOn("what the app and the tests change in cdktf", () => {
  test("tokens record no creation stack here, as in the app: cdktf's message says how to get one", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require("cdktf/lib/tokens/private/stack-trace").captureStackTrace).toBe(noTrace);
    const token = Lazy.anyValue({
      produce: () => {
        throw new Error("no value");
      },
    });
    const app = testApp();
    const stack = new TerraformStack(app, "traces");
    new TerraformOutput(stack, "out", { value: token });
    expect(() => app.synth()).toThrow(/no value[\s\S]*Object creation stack:\n {2}at \(not recorded: run with CDKTF_TOKEN_TRACES=full/);
  });

  test.each<[string | undefined, string]>([
    [undefined, "records none"],
    ["full", "keeps cdktf's own"],
  ])("with CDKTF_TOKEN_TRACES=%p, what the launcher installs %s", (setting) => {
    const captureStackTrace = () => ["cdktf's"];
    const internals = fakeInternals(captureStackTrace);
    const installed = withEnv({ CDKTF_TOKEN_TRACES: setting, IAM_SPEEDUPS: undefined }, () =>
      installCdktfSpeedups((name: string) => internals[name], WRITTEN_FOR),
    );
    expect(installed).toBe(true);
    const now = (internals["cdktf/lib/tokens/private/stack-trace"] as { captureStackTrace: () => string[] }).captureStackTrace;
    expect(now).toBe(setting === "full" ? captureStackTrace : noTrace);
  });

  test("in an app of one stack, cdktf's preparing pass (which looks for references across stacks) is skipped; with two it runs", () => {
    const produced = (stacks: number) => {
      let calls = 0;
      const app = testApp();
      const first = new TerraformStack(app, "first");
      new TerraformOutput(first, "out", { value: Lazy.stringValue({ produce: () => `${++calls}` }) });
      if (stacks === 2) new TerraformOutput(new TerraformStack(app, "second"), "other", { value: "x" });
      app.synth();
      const written = JSON.parse(readFileSync(join(app.outdir, "stacks", "first", "cdk.tf.json"), "utf8"));
      return [calls, written.output.out.value, written.terraform.backend.local.path];
    };
    expect(produced(1)).toEqual([1, "1", expect.stringContaining("terraform.first.tfstate")]);
    expect(produced(2)).toEqual([2, "2", expect.stringContaining("terraform.first.tfstate")]);
  });

  test("cdktf's check of Terraform's version runs its command once per process, and still refuses an old Terraform", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ValidateBinaryVersion } = require("cdktf/lib/validations/validate-binary-version");
    const runs = join(mkdtempSync(join(tmpdir(), "versions-")), "runs");
    const command = `node -e "require('fs').appendFileSync(process.argv[1], 'x'); console.log('Terraform v1.4.0')" ${runs}`;
    const check = () =>
      withEnv({ IAM_SPEEDUPS_CACHE: join(dirname(runs), "versions.json") }, () =>
        new ValidateBinaryVersion("terraform", ">=1.5", command, "Upgrade it.").validate(),
      );
    const refused = ["terraform version 1.4.0 is lower than the required version >=1.5 for this construct. Upgrade it."];
    expect(check()).toEqual(refused);
    expect(check()).toEqual(refused);
    expect(readFileSync(runs, "utf8")).toBe("x");
  });

  test("the answer is kept between processes while the executable is the same file; a replaced one is asked again", () => {
    const dir = mkdtempSync(join(tmpdir(), "versions-"));
    const fake = (version: string) => {
      writeFileSync(join(dir, "fake-terraform"), `#!/bin/sh\necho x >> "${join(dir, "runs")}"\necho "Terraform v${version}"\n`);
      chmodSync(join(dir, "fake-terraform"), 0o755);
    };
    const script =
      `require(${JSON.stringify(require.resolve("../../tools/cdktf-speedups.cjs"))}).installCdktfSpeedups();` +
      `const { ValidateBinaryVersion } = require("cdktf/lib/validations/validate-binary-version");` +
      `console.log(JSON.stringify(new ValidateBinaryVersion("terraform", ">=1.5", "fake-terraform version", "Upgrade it.").validate()));`;
    const env = { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH}`, IAM_SPEEDUPS_CACHE: join(dir, "versions.json") };
    const check = () =>
      JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: join(__dirname, "..", ".."), env, encoding: "utf8" }));
    const runs = () => readFileSync(join(dir, "runs"), "utf8").split("\n").filter(Boolean).length;
    fake("1.4.0");
    const refused = ["terraform version 1.4.0 is lower than the required version >=1.5 for this construct. Upgrade it."];
    expect([check(), check(), runs()]).toEqual([refused, refused, 1]);
    fake("1.11.40");
    expect([check(), check(), runs()]).toEqual([[], [], 2]);
  });

  test.each<[string, unknown]>([
    ["nested maps and lists, keys out of order", { b: [1, { d: "x", c: null }], a: { z: true, y: [] }, é: 1, B: 2, _: 3 }],
    ["empty maps and lists, at the top and inside", { a: {}, b: [], c: [{}, []] }],
    ["undefined, in a map and in a list", { a: undefined, b: [undefined, 1] }],
    ["toJSON", { when: new Date(0), custom: { toJSON: () => ({ y: 1, x: 2 }) } }],
    ["scalars", 'text with "quotes" and \u2028'],
    ["a list at the top", [3, "two", { one: 1 }]],
  ])("the JSON cdktf writes is json-stable-stringify's, byte for byte: %s", (_, value) => {
    const original = cdktfStableStringify();
    const fast = stableStringify(original);
    for (const options of [{ space: 2 }, undefined, { space: "\t" }]) expect(fast(value, options)).toBe(original(value, options));
  });

  test("a circular structure is refused, as json-stable-stringify refuses it", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => stableStringify(cdktfStableStringify())(cycle, { space: 2 })).toThrow("Converting circular structure to JSON");
  });

  test("cdktf's own archiver is loaded on its first call; only cdktf's requires are changed", () => {
    const fromCdktf = join(dirname(require.resolve("cdktf")), "private", "fs.js");
    const original = () => "original";
    const archiver = cdktfDependency("archiver", fromCdktf, original);
    expect(typeof archiver("zip").append).toBe("function");
    expect(cdktfDependency("archiver", join(__dirname, "x.js"), original)).toBeUndefined();
    expect(cdktfDependency("constructs", fromCdktf, original)).toBeUndefined();
  });

  test("cdktf's semver and json-stable-stringify's own code are loaded on their first use, once", () => {
    const fromCdktf = join(dirname(require.resolve("cdktf")), "validations", "validate-binary-version.js");
    const loads: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const semver = cdktfDependency("semver", fromCdktf, () => (loads.push("semver"), require("semver")));
    const stringify = cdktfDependency("json-stable-stringify", fromCdktf, () => (loads.push("stringify"), cdktfStableStringify()));
    expect(stringify({ b: 1, a: 2 }, { space: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}');
    expect(loads).toEqual([]);
    expect(semver.satisfies("1.11.0", ">=1.5")).toBe(true);
    expect(semver.satisfies("1.4.0", ">=1.5")).toBe(false);
    expect(stringify({ b: 1, a: 2 }, { cmp: (x: { key: string }, y: { key: string }) => (x.key < y.key ? 1 : -1) })).toBe('{"b":1,"a":2}');
    expect(loads).toEqual(["semver", "stringify"]);
  });
});

describe("the speed-ups switch themselves off", () => {
  test.each<[string, Record<string, string> | undefined, Record<string, string>, string | undefined]>([
    ["the cdktf they were written for", { name: "cdktf", version: "0.21.0" }, {}, undefined],
    ["another cdktf", { name: "cdktf", version: "0.22.0" }, {}, "written for cdktf 0.21.0, and cdktf 0.22.0 is installed"],
    ["CDK Terrain under cdktf's name", { name: "cdktn", version: "0.24.0" }, {}, "written for cdktf 0.21.0, and cdktn 0.24.0 is installed"],
    ["no framework", undefined, {}, "no cdktf is installed"],
    ["IAM_SPEEDUPS=off", { name: "cdktf", version: "0.21.0" }, { IAM_SPEEDUPS: "off" }, "IAM_SPEEDUPS=off"],
  ])("with %s: %p", (_, framework, env, reason) => {
    expect(offBecause(framework, env)).toBe(reason);
  });

  test("off, they change nothing in the framework; under CDK Terrain its own switch stops the creation stacks instead", () => {
    const captureStackTrace = () => ["cdktn's"];
    const internals = fakeInternals(captureStackTrace);
    const load = (name: string) => internals[name];
    const trace = () => (internals["cdktf/lib/tokens/private/stack-trace"] as { captureStackTrace: unknown }).captureStackTrace;
    const cdktn = { name: "cdktn", version: "0.24.0" };
    const vars = { IAM_SPEEDUPS: undefined, CDKTF_TOKEN_TRACES: undefined, CDKTN_DISABLE_CREATION_STACK: undefined };
    expect(withEnv(vars, () => [installCdktfSpeedups(load, cdktn), process.env.CDKTN_DISABLE_CREATION_STACK])).toEqual([false, "1"]);
    expect(trace()).toBe(captureStackTrace);
    const full = { ...vars, CDKTF_TOKEN_TRACES: "full" };
    expect(withEnv(full, () => [installCdktfSpeedups(load, cdktn), process.env.CDKTN_DISABLE_CREATION_STACK])).toEqual([false, undefined]);
    const off = { ...vars, IAM_SPEEDUPS: "off" };
    expect(withEnv(off, () => [installCdktfSpeedups(load, WRITTEN_FOR), process.env.CDKTN_DISABLE_CREATION_STACK])).toEqual([
      false,
      undefined,
    ]);
    expect(trace()).toBe(captureStackTrace);
  });

  test("a private module that is not where it was, or not what it was, changes nothing and breaks nothing", () => {
    const missing = () => {
      throw new Error("Cannot find module");
    };
    expect(withEnv({ IAM_SPEEDUPS: undefined }, () => installCdktfSpeedups(missing, WRITTEN_FOR))).toBe(false);
    const renamed = { "cdktf/lib/tokens/private/stack-trace": { capture: () => [] }, "cdktf/lib/validations/validate-binary-version": {} };
    expect(
      withEnv({ IAM_SPEEDUPS: undefined }, () => installCdktfSpeedups((n: string) => renamed[n as keyof typeof renamed], WRITTEN_FOR)),
    ).toBe(false);
    expect(renamed["cdktf/lib/tokens/private/stack-trace"]).toEqual({ capture: expect.any(Function) });
  });
});
