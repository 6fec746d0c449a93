// The documentation of every input, read from the JSDoc of the props interfaces (where it is
// written once, for IDEs and API docs) by TypeScript's own compiler: summary and @default, by the
// dotted path of the input in the configuration file (`ecsFargate.executionRole.secrets.secretArns`).
import { join } from "path";
import * as ts from "typescript";
import type { InputDoc } from "../src/inputs/schema";

const CONFIG_FILE = join(__dirname, "..", "src", "config.ts");

/** The docs of `AppConfig`'s properties, recursively, by dotted path. */
export function configDocs(): Map<string, InputDoc> {
  // Only this project's interfaces and their JSDoc are read: without the standard library and
  // @types, the program is built in a third of the time.
  const options = { strict: true, skipLibCheck: true, noEmit: true, resolveJsonModule: true, noLib: true, types: [] };
  const program = ts.createProgram([CONFIG_FILE], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(CONFIG_FILE)!;
  const appConfig = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "AppConfig",
  );
  if (!appConfig) throw new Error("src/config.ts declares no AppConfig");
  const docs = new Map<string, InputDoc>();
  walk(checker, checker.getTypeAtLocation(appConfig), "", docs);
  return docs;
}

function walk(checker: ts.TypeChecker, type: ts.Type, at: string, docs: Map<string, InputDoc>): void {
  for (const property of checker.getPropertiesOfType(type)) {
    const path = at ? `${at}.${property.name}` : property.name;
    const summary = ts.displayPartsToString(property.getDocumentationComment(checker)).replace(/\s+/g, " ").trim();
    const defaultTag = property.getJsDocTags(checker).find((tag) => tag.name === "default");
    const def = defaultTag ? ts.displayPartsToString(defaultTag.text).replace(/\s+/g, " ").trim() : undefined;
    docs.set(path, { summary, default: def?.replace(/^- /, "") });
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    if (!declaration) continue;
    const valueType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration));
    // A list of groups (the accounts): its elements' settings, under the list's own path. Read
    // from the declared `T[]` (without the standard library the checker knows no Array type).
    const typeNode = ts.isPropertySignature(declaration) ? declaration.type : undefined;
    const element = typeNode && ts.isArrayTypeNode(typeNode) ? checker.getTypeFromTypeNode(typeNode.elementType) : valueType;
    if (isGroup(checker, element)) walk(checker, element, path, docs);
  }
}

/** A group of settings: an interface of this project, not a string, list, map or token. */
function isGroup(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion() || !(type.flags & ts.TypeFlags.Object)) return false;
  if (checker.isArrayType(type) || checker.getIndexInfosOfType(type).length > 0) return false;
  // An interface declared in this project's src/ (a framework type, e.g. cdktf's, is a value).
  const declaration = type.getSymbol()?.declarations?.[0];
  return declaration !== undefined && ts.isInterfaceDeclaration(declaration) && /[\\/]src[\\/]/.test(declaration.getSourceFile().fileName);
}
