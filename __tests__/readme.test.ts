import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";

const ROOT = join(__dirname, "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const README = read("README.md");
/** The guides the README points contributors to, and the commands printed to users. */
const GUIDES = ["docs/contributing.md", "docs/layout.md", "docs/performance.md", "docs/audit.md", "help"];

/** The fenced block that follows a heading (`## …` or, for a guide's title, `# …`) of a Markdown file. */
function blockAfter(heading: string, file = "README.md", text = read(file)): string {
  const from = text.indexOf(`${heading}\n`);
  const match = from < 0 ? null : /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(from));
  if (!match) throw new Error(`${file} has no code block under '${heading}'`);
  return match[1];
}

describe("the README tells the truth", () => {
  test("its two set-up commands are what CI runs, in order", () => {
    const commands = blockAfter("## Set up and test (fresh machine)", "README.md", README)
      .trim()
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim());
    expect(commands).toEqual(["npm ci && npm run synth", "npm test"]);
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8")
      .split("\n")
      .filter((line) => /^npm /.test(line));
    expect(ci).toEqual(["npm ci", "npm run synth", "npm run generate", "npm test"]);
  });

  test("the layout (docs/layout.md) names every folder of src/ and every top-level folder, and nothing that is not there", () => {
    expect(README).toContain("[docs/layout.md](docs/layout.md)");
    const layout = blockAfter("# Layout", "docs/layout.md");
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

  test.each(["README.md", ...GUIDES])("every npm script %s names exists", (file) => {
    const scripts = Object.keys(JSON.parse(read("package.json")).scripts);
    const named = [...read(file).matchAll(/npm run (?:--[a-z]+ )*([a-z:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((s) => !scripts.includes(s))).toEqual([]);
  });

  test("the README points to docs/roles.md, whose every role names the AWS guide it follows", () => {
    expect(README).toContain("](docs/roles.md)");
    const sections = read("docs/roles.md").split(/\n## /).slice(1);
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const section of sections.filter((s) => s.startsWith("The "))) expect(section).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
  });

  test.each(GUIDES.filter((f) => f.endsWith(".md")))("the README points to %s", (file) => {
    expect(README).toContain(`](${file})`);
  });
});
