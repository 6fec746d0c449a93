import { escapeTemplate, hclString } from "../../src/private/hcl";

test("escapeTemplate makes a template read `${` and `%{` literally, and nothing else", () => {
  expect(escapeTemplate('[IN1] "x" must be ${a} or %{b} \\ $ % {}')).toBe('[IN1] "x" must be $${a} or %%{b} \\ $ % {}');
});

test("hclString quotes a string, escaping backslashes, quotes, new lines and template sequences", () => {
  expect(hclString('a\\b"c${d}%{e}\nf')).toBe('"a\\\\b\\"c$${d}%%{e}\\nf"');
});
