import { AnyInputs, Input } from "./input";

/** What the documentation says of one input: its summary and default, from the props' JSDoc. */
export interface InputDoc {
  readonly summary: string;
  readonly default?: string;
}

const KIND_SCHEMA = {
  boolean: { type: "boolean" },
  number: { type: "number" },
  string: { type: "string" },
  "string-list": { type: "array", items: { type: "string" } },
  "string-map": { type: "object", additionalProperties: { type: "string" } },
} as const;

/**
 * The JSON Schema of props described by `inputs`: every key known, nothing else allowed, each
 * value of its kind and, where its rule can be written as JSON Schema, checked by it. With `docs`
 * (by dotted path), each property carries its description and default, for editors.
 */
export function jsonSchemaOf(inputs: AnyInputs, docs: ReadonlyMap<string, InputDoc> = new Map(), at = ""): Record<string, unknown> {
  const required = Object.keys(inputs).filter((key) => {
    const input = inputs[key];
    return input.kind !== "group" && input.required === true;
  });
  return {
    type: "object",
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties: Object.fromEntries(
      Object.entries(inputs).map(([key, input]) => {
        const path = at ? `${at}.${key}` : key;
        const doc = docs.get(path);
        const described = doc ? { description: doc.default ? `${doc.summary} Default: ${doc.default}.` : doc.summary } : {};
        return [key, { ...described, ...schemaOf(input, docs, path) }];
      }),
    ),
  };
}

function schemaOf(input: Input, docs: ReadonlyMap<string, InputDoc>, path: string): Record<string, unknown> {
  if (input.kind === "group" && input.list) return { type: "array", items: jsonSchemaOf(input.inputs as AnyInputs, docs, path) };
  if (input.kind === "group") return jsonSchemaOf(input.inputs as AnyInputs, docs, path);
  const rule = input.rule?.schema;
  if (input.kind === "string-list") return { type: "array", items: rule ?? { type: "string" } };
  return rule ?? KIND_SCHEMA[input.kind];
}

type Schema = Record<string, unknown>;

/** A subschema as a key that ignores its description: two places that differ only in what they say of it share it. */
const shapeKey = (schema: Schema) => JSON.stringify({ ...schema, description: undefined });

/** Each object schema below `schema` (properties, array items), with the name of the property that holds it. */
function* objectSchemas(schema: Schema, name: string): Generator<[Schema, string]> {
  if (schema.type === "object" && schema.properties !== undefined) {
    yield [schema, name];
    for (const [key, child] of Object.entries(schema.properties as Record<string, Schema>)) yield* objectSchemas(child, key);
  }
  if (schema.type === "array" && typeof schema.items === "object") yield* objectSchemas(schema.items as Schema, name);
}

/**
 * The same schema with every object schema that appears more than once (the `batch` section at the
 * top and in each account, say) written once under `definitions` and referred to where it appeared,
 * the largest first: a smaller file for editors, and a validator that checks each shape by one function.
 * A reference keeps the description of its place (`allOf`, as draft-07 ignores a `$ref`'s siblings).
 */
export function withDefinitions(schema: Schema): Schema {
  const definitions: Record<string, Schema> = {};
  let root = schema;
  for (;;) {
    const holders = [root, ...Object.values(definitions)];
    const counts = new Map<string, { schema: Schema; name: string; count: number }>();
    for (const holder of holders) {
      for (const [found, name] of objectSchemas(holder, "")) {
        if (found === holder) continue;
        const key = shapeKey(found);
        const seen = counts.get(key) ?? { schema: found, name, count: 0 };
        seen.count++;
        counts.set(key, seen);
      }
    }
    const repeated = [...counts.entries()].filter(([, c]) => c.count > 1).sort(([a], [b]) => b.length - a.length)[0];
    if (repeated === undefined) break;
    const [key, { schema: shape, name }] = repeated;
    let unique = name;
    for (let i = 2; unique in definitions; i++) unique = `${name}${i}`;
    const { description: _, ...content } = shape;
    definitions[unique] = content;
    const ref = { $ref: `#/definitions/${unique}` };
    const isShape = (s: Schema) => s.type === "object" && s.properties !== undefined && shapeKey(s) === key;
    const replace = (s: Schema): Schema =>
      isShape(s) ? (s.description === undefined ? ref : { description: s.description, allOf: [ref] }) : replaceInside(s);
    // The children of `s` replaced, not `s` itself.
    const replaceInside = (s: Schema): Schema => {
      if (s.type === "object" && s.properties !== undefined) {
        const properties = Object.entries(s.properties as Record<string, Schema>).map(([k, v]) => [k, replace(v)]);
        return { ...s, properties: Object.fromEntries(properties) };
      }
      if (s.type === "array" && typeof s.items === "object") return { ...s, items: replace(s.items as Schema) };
      return s;
    };
    root = replaceInside(root);
    for (const [n, d] of Object.entries(definitions)) definitions[n] = replaceInside(d);
  }
  return Object.keys(definitions).length === 0 ? root : { ...root, definitions };
}
