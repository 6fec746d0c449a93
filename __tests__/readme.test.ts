import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";

const ROOT = join(__dirname, "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The fenced block that follows a heading of the README. */
function blockAfter(heading: string): string {
  const from = README.indexOf(`## ${heading}\n`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(README.slice(from));
  if (from < 0 || !match) throw new Error(`README.md has no code block under '## ${heading}'`);
  return match[1];
}

describe("the README tells the truth", () => {
  test("its two set-up commands are what CI runs, in order", () => {
    const commands = blockAfter("Set up and test (fresh machine)")
      .trim()
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim());
    expect(commands).toEqual(["npm ci && npm run synth", "npm test"]);
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8")
      .split("\n")
      .filter((line) => /^npm /.test(line));
    expect(ci).toEqual(["npm ci", "npm run synth", "npm run generate", "npm test"]);
  });

  test("the Layout section names every folder of src/ and every top-level folder, and nothing that is not there", () => {
    const layout = blockAfter("Layout");
    const named = layout
      .split("\n")
      .map((line) => line.split(/\s{2,}/)[0])
      .flatMap((entry) => entry.split(/,\s*/))
      .filter(Boolean);
    for (const entry of named) expect([entry, statSync(join(ROOT, entry), { throwIfNoEntry: false }) !== undefined]).toEqual([entry, true]);
    const folders = (dir: string) =>
      readdirSync(join(ROOT, dir), { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !["node_modules", "lib", "cdktf.out"].includes(e.name))
        .map((e) => `${dir ? `${dir}/` : ""}${e.name}/`);
    // src/ itself is named by its folders.
    for (const folder of [...folders("src"), ...folders("").filter((f) => f !== "src/")])
      expect([folder, named.includes(folder)]).toEqual([folder, true]);
  });

  test("every npm script it names exists", () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts);
    const named = [...README.matchAll(/npm run (?:--[a-z]+ )*([a-z:-]+)/g)].map((m) => m[1]);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
  });
});
