import { readFileSync, statSync } from "fs";
import { ParseError, ParseErrorCode, printParseErrorCode, visit } from "jsonc-parser";
import { ValidationError } from "./errors";

/** What a JSON file of this project (the configuration, an import set) may be at most. */
export const JSON_FILE_LIMITS = {
  /** No configuration or import set comes near it; a file over it is not one. */
  bytes: 4 * 1024 * 1024,
  /** The configuration nests six levels deep; the parsers recurse once per level. */
  depth: 64,
} as const;

/** A JSON file read: its value, and what JSON.parse would lose unseen. */
export interface JsonFile {
  readonly value: unknown;
  /** Keys given twice in one object (JSON keeps the last), by their path segments. */
  readonly duplicateKeys: readonly (readonly string[])[];
  /** Numbers beyond what a JSON number holds (read as infinity), by their path segments and text. */
  readonly overflows: readonly { readonly path: readonly string[]; readonly text: string }[];
}

/**
 * Reads a JSON file for people: anything that keeps it from being JSON text is one line,
 * `[<code>] <file>:<line>:<column>: <what was expected>` (or `<file>: <why>` for the file as a
 * whole: unreadable, too large, not UTF-8), and never a JavaScript error. UTF-8 with a byte order
 * mark is read (as RFC 8259 allows); UTF-16 and UTF-32 are named and refused.
 */
export function readJsonFile(file: string, code: string): JsonFile {
  const refuse = (why: string): never => {
    throw new ValidationError([`[${code}] ${file}${why}`]);
  };
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > JSON_FILE_LIMITS.bytes)
      refuse(`: is ${size.toLocaleString("en")} bytes; must be at most ${JSON_FILE_LIMITS.bytes.toLocaleString("en")}`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    return refuse(`: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const text = decode(bytes, refuse);
  const at = positions(text);
  const deep = tooDeep(text);
  if (deep !== undefined) refuse(`:${at(deep)}: nests deeper than ${JSON_FILE_LIMITS.depth} levels; no input nests more than a few`);
  const errors: ParseError[] = [];
  const duplicateKeys: string[][] = [];
  const overflows: { path: string[]; text: string }[] = [];
  const seen: Set<string>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void seen.push(new Set()),
      onObjectEnd: () => void seen.pop(),
      onObjectProperty: (key, _offset, _length, _line, _column, path) => {
        const keys = seen[seen.length - 1];
        if (keys.has(key)) duplicateKeys.push([...path().map(String), key]);
        keys.add(key);
      },
      onLiteralValue: (value, offset, length, _line, _column, path) => {
        if (typeof value === "number" && !Number.isFinite(value))
          overflows.push({ path: path().map(String), text: text.slice(offset, offset + length) });
      },
      onError: (error, offset, length) => void errors.push({ error, offset, length }),
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (errors.length > 0) {
    const { error, offset, length } = errors[0];
    const found =
      offset >= text.length ? "the end of the file" : JSON.stringify(text.slice(offset, offset + Math.max(1, Math.min(length, 20))));
    refuse(`:${at(offset)}: is not JSON: expected ${EXPECTED[error] ?? printParseErrorCode(error)}, found ${found}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // What the tokenizer above let through and JSON.parse did not (none is known): its position, if it gives one.
    const position = /position (\d+)/.exec((error as Error).message);
    refuse(`${position ? `:${at(Number(position[1]))}` : ""}: is not JSON (${(error as Error).message})`);
  }
  return { value, duplicateKeys, overflows };
}

/** What the parser expected, in words. */
const EXPECTED: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: "a key in double quotes or a value (an object, list, string, number, true, false or null)",
  [ParseErrorCode.InvalidNumberFormat]: "a number as JSON writes it",
  [ParseErrorCode.PropertyNameExpected]: "a key in double quotes (JSON allows no comma after the last member, and no unquoted keys)",
  [ParseErrorCode.ValueExpected]: "a value (JSON allows no comma after the last element, and no empty file: write {} for all defaults)",
  [ParseErrorCode.ColonExpected]: "a colon after the key",
  [ParseErrorCode.CommaExpected]: "a comma between members",
  [ParseErrorCode.CloseBraceExpected]: "a comma or the closing brace }",
  [ParseErrorCode.CloseBracketExpected]: "a comma or the closing bracket ]",
  [ParseErrorCode.EndOfFileExpected]: "the end of the file after the value",
  [ParseErrorCode.InvalidCommentToken]: "no comment (JSON has none)",
  [ParseErrorCode.UnexpectedEndOfComment]: "no comment (JSON has none)",
  [ParseErrorCode.UnexpectedEndOfString]: "the closing double quote of the string",
  [ParseErrorCode.UnexpectedEndOfNumber]: "the digits of the number",
  [ParseErrorCode.InvalidUnicode]: "four hexadecimal digits after \\u",
  [ParseErrorCode.InvalidEscapeCharacter]: 'an escape JSON knows (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  [ParseErrorCode.InvalidCharacter]: "no control character inside a string (write \\n, \\t or \\uXXXX)",
};

/** The file's text, or why it is not UTF-8 text. */
function decode(bytes: Buffer, refuse: (why: string) => never): string {
  const bom = (
    [
      [0xef, 0xbb, 0xbf, "UTF-8"],
      [0xff, 0xfe, 0x00, 0x00, "UTF-32 LE"],
      [0x00, 0x00, 0xfe, 0xff, "UTF-32 BE"],
      [0xff, 0xfe, "UTF-16 LE"],
      [0xfe, 0xff, "UTF-16 BE"],
    ] as const
  ).find((mark) => mark.slice(0, -1).every((byte, i) => bytes[i] === byte));
  if (bom !== undefined && bom[bom.length - 1] !== "UTF-8") refuse(`: is ${bom[bom.length - 1]} text; must be UTF-8 (save it as UTF-8)`);
  // Without a mark, JSON text in UTF-16 has a zero byte beside each ASCII character.
  if (bom === undefined && bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0)) {
    refuse(`: is UTF-16 ${bytes[0] === 0 ? "BE" : "LE"} text; must be UTF-8 (save it as UTF-8)`);
  }
  const body = bom === undefined ? bytes : bytes.subarray(3);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const line = body.subarray(0, bad).toString("utf8").split("\n");
    return refuse(
      `:${line.length}:${line[line.length - 1].length + 1}: is not UTF-8 text (byte 0x${body[bad].toString(16).padStart(2, "0")}); must be UTF-8`,
    );
  }
}

/** The offset of the first byte that is not part of valid UTF-8. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return 0;
}

/** The offset at which the text nests deeper than the limit, outside strings; undefined if it does not. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (++depth > JSON_FILE_LIMITS.depth) return i;
    } else if (c === "}" || c === "]") depth--;
  }
  return undefined;
}

/** `line:column` (both from 1; columns count characters) of an offset in `text`. */
function positions(text: string): (offset: number) => string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return `${line + 1}:${[...text.slice(starts[line], offset)].length + 1}`;
  };
}
