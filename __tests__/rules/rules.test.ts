import { rules } from "../../src/rules";
import { hclString } from "../../src/rules/rule";
import { RULE_CASES as CASES } from "../helpers/rule-cases";

describe.each(Object.entries(CASES))("rule %s", (name, { good, bad }) => {
  const rule = rules[name as keyof typeof rules];
  test.each(good.map((v) => [v]))("accepts %j", (value) => expect(rule.accepts(value)).toBe(true));
  test.each(bad.map((v) => [v]))("refuses %j", (value) => expect(rule.accepts(value)).toBe(false));
  test("has a Terraform condition over the expression it is given", () => {
    expect(rule.condition("var.x")).toContain("var.x");
  });
});

test("hclString escapes what HCL would interpret", () => {
  expect(hclString('a\\b"c${d}%{e}')).toBe('"a\\\\b\\"c$${d}%%{e}"');
});
