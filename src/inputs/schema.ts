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
