import { escapeTemplate, hclString, refersToObject } from "../../src/private/hcl";

test("escapeTemplate makes a template read `${` and `%{` literally, and nothing else", () => {
  expect(escapeTemplate('[IN1] "x" must be ${a} or %{b} \\ $ % {}')).toBe('[IN1] "x" must be $${a} or %%{b} \\ $ % {}');
});

test("hclString quotes a string, escaping backslashes, quotes, new lines and template sequences", () => {
  expect(hclString('a\\b"c${d}%{e}\nf')).toBe('"a\\\\b\\"c$${d}%%{e}\\nf"');
});

// Terraform refuses a precondition whose condition refers to no object of the configuration.
test.each<[string, boolean]>([
  ["var.role_name == null", true],
  ["length(aws_iam_role.web.name) <= 64", true],
  ['local.restricted && data.aws_partition.partition.partition == "aws"', true],
  ['contains(["a"], lower("${var.x}-suffix"))', true],
  ["module.batch.role_arn != null", true],
  ['can(regex("^a$", lower("WEB")))', false],
  ['lower("aws_iam_role.web.name") == "x"', false],
  ['"$${var.x}" == "x"', false],
  ['length([for k, v in { "team" = lower("WEB") } : lower(k)]) == 1', false],
  ["1.5 > 1", false],
])("%s refers to an object: %p", (expression, refers) => {
  expect(refersToObject(expression)).toBe(refers);
});
