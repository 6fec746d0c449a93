import { DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformVariable, Token, Tokenization } from "cdktf";
import { ReadableStack } from "../../src/stacks/readable-stack";
import { resolveLiterals } from "../../src/private/resolve";
import { isToken } from "../../src/private/expr";
import { testApp } from "../helpers/synth";

// ReadableStack hands cdktf's resolve only what may hold a token: the result must be cdktf's own.
describe("resolving only the parts that may hold a token", () => {
  const stack = new ReadableStack(testApp(), "test");
  const variable = new TerraformVariable(stack, "names", { type: "list(string)" });
  const count = new TerraformVariable(stack, "count", { type: "number" });
  const cdktf = (value: unknown) =>
    Tokenization.resolve(value, { scope: stack, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
  const parts: unknown[] = [];
  const ours = (value: unknown) =>
    resolveLiterals(value, (part) => {
      parts.push(part);
      return cdktf(part);
    });

  test.each<[string, unknown]>([
    [
      "literals, with undefined dropped from maps and lists",
      { a: "arn:aws:iam::111122223333:role/x", b: [1, undefined, true, null], c: undefined, d: {} },
    ],
    ["a string token inside literal text", { policy: `{"Resource":"arn:${Fn.lower("AWS")}:s3:::b"}` }],
    ["a list token among list elements", { list: [...variable.listValue] }],
    ["a list token as the list", { list: variable.listValue }],
    ["a number token, alone and in a string", { n: count.numberValue, s: `${count.numberValue} roles` }],
    ["a resolvable and a lazy value", { r: Fn.jsonencode({ a: variable.listValue }), l: Lazy.stringValue({ produce: () => "late" }) }],
    ["a map token key", { [Token.asString(Fn.lower("KEY"))]: "v" }],
    ["numbers that look like encoded numbers", { s: "1e5 2E+3 -4e-1", n: 1e300 }],
    ["a date", { d: new Date(0) }],
  ])("%s", (_, value) => {
    expect(ours(value)).toEqual(cdktf(value));
  });

  test("what holds no token is kept, not copied; what holds one is copied down to it", () => {
    const literal = { a: ["x", { b: 1 }], c: { d: "y" } };
    expect(ours(literal)).toBe(literal);
    const mixed = { keep: literal, change: { e: Fn.lower("AWS"), f: ["z"] } };
    const resolved = ours(mixed) as typeof mixed;
    expect(resolved).not.toBe(mixed);
    expect(resolved.keep).toBe(literal);
    expect(resolved.change).not.toBe(mixed.change);
    expect(resolved.change.f).toBe(mixed.change.f);
    expect(mixed.change.e).toContain("TfToken[");
  });

  test("literal parts never reach cdktf's resolve", () => {
    parts.length = 0;
    ours({ a: "literal", b: ["x", 2, false], c: { d: `arn:${Fn.lower("AWS")}` } });
    expect(parts).toEqual([expect.stringContaining("TfToken[")]);
  });
});

// isToken looks for cdktf's token marker before asking cdktf: the answer must be cdktf's own.
describe("isToken", () => {
  const stack = new ReadableStack(testApp(), "tokens");
  const list = new TerraformVariable(stack, "list", { type: "list(string)" }).listValue;
  const numbers = Token.asNumberList(new TerraformVariable(stack, "numbers", { type: "list(number)" }).value);
  const map = new TerraformVariable(stack, "map", { type: "map(string)" });
  test.each<[string, unknown]>([
    ["a literal string", "arn:aws:iam::111122223333:role/x"],
    ["a string token", Fn.lower("AWS")],
    ["a literal number", 3],
    ["a number token", Token.asNumber(Fn.lengthOf(list))],
    ["an empty list", []],
    ["a list of one literal", ["x"]],
    ["a list of literals", ["x", "y"]],
    ["a list token", list],
    ["a number list token", numbers],
    ["a list holding a string token among literals", ["x", Fn.lower("AWS")]],
    ["a plain map", { a: "b", c: ["d"] }],
    ["a map token", Token.asStringMap(map.value)],
    ["a map with a token key", { [Token.asString(Fn.lower("KEY"))]: "v" }],
    ["a resolvable", Fn.jsonencode({ a: 1 })],
    ["a lazy value", Lazy.anyValue({ produce: () => 1 })],
    ["null", null],
    ["undefined", undefined],
  ])("%s: as cdktf's Token.isUnresolved says", (_, value) => {
    expect(isToken(value)).toBe(value !== undefined && value !== null && Token.isUnresolved(value));
  });
});
