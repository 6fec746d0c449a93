// The committed copies of the generated files, and what is stale among them: light to load (the
// staleness test and `npm run generate -- --check` read it; generating is generated-files.ts).
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { readdirSync, readFileSync } from "fs";
import { join, sep } from "path";

export const ROOT = join(__dirname, "..");

/** The files of `modules/<name>/` that are generated; everything else there (`tests/`) is written by hand. */
export const GENERATED_MODULE_FILES = /^(?:[\w-]+\.tf\.json|README\.md|PERMISSIONS\.md)$/;

/** Sources that `npm run generate` writes are named `<name>.generated.ts` (`.js`, `.d.ts`), and only they. */
export const GENERATED_SOURCE = /\.generated\.(?:ts|js|d\.ts)$/;

/**
 * The generated files now in the checkout that a generation may leave over: those of `modules/`
 * (next to the hand-written `tests/`) and the generated sources under `src/`.
 */
export function presentGeneratedFiles(root = ROOT): string[] {
  const modules = readdirSync(join(root, "modules")).flatMap((name) =>
    readdirSync(join(root, "modules", name))
      .filter((file) => GENERATED_MODULE_FILES.test(file))
      .map((file) => `modules/${name}/${file}`),
  );
  const sources = (readdirSync(join(root, "src"), { recursive: true }) as string[])
    .map((file) => `src/${file.split(sep).join("/")}`)
    .filter((file) => GENERATED_SOURCE.test(file));
  return [...modules, ...sources];
}

/**
 * What is not current, a line each: every generated file whose committed copy differs or is
 * missing, and every generated file of `modules/` or generated source that is no longer generated.
 */
export function staleFiles(files: Record<string, string>, read = committed, present = presentGeneratedFiles()): string[] {
  const stale = Object.entries(files)
    .filter(([path, content]) => read(path) !== content)
    .map(([path]) => `${path} is ${read(path) === undefined ? "missing" : "stale"}`);
  return [...stale, ...present.filter((path) => files[path] === undefined).map((path) => `${path} is no longer generated`)];
}

/** The committed copy of a generated file, or undefined when there is none. */
export function committed(path: string): string | undefined {
  try {
    return readFileSync(join(ROOT, path), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * A fingerprint of everything generation may read in the checkout at `root`: the content of every
 * file git tracks or would track (the generated files among them), and the versions installed
 * (node_modules/.package-lock.json). Undefined outside a git checkout.
 */
export function checkoutFingerprint(root: string): string | undefined {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  if (listed.status !== 0) return undefined;
  const hash = createHash("sha1");
  for (const file of [...new Set(listed.stdout.split("\0").filter(Boolean))].sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {
      hash.update("(deleted)");
    }
    hash.update("\0");
  }
  try {
    hash.update(readFileSync(join(root, "node_modules", ".package-lock.json")));
  } catch {
    hash.update("(nothing installed)");
  }
  return hash.digest("hex");
}
