import { Fn, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { INPUT_CODES } from "../../src/inputs/codes";
import { AnyInputs, leaves, ValueInput } from "../../src/inputs/input";
import { BATCH_SERVICE_ROLE_INPUTS, BatchServiceRole } from "../../src/roles/batch-service-role";
import { ECS_INSTANCE_ROLE_INPUTS, EcsInstanceRole } from "../../src/roles/ecs-instance-role";
import { planChecks } from "../../src/roles/role-plan-checks";
import { ROLE_INPUTS } from "../../src/roles/role-props";
import { TASK_EXECUTION_ROLE_INPUTS, TaskExecutionRole } from "../../src/roles/task-execution-role";
import { synth, testApp } from "../helpers/synth";

// Every input of every role construct that has a rule, given as a value known only at plan (a
// TerraformVariable no module validates), must be checked at plan by a precondition that names it:
// the paths the constructs check are read from the same descriptors, so none can be dropped, or
// misspelt, without this failing.
type Make = (scope: Construct, props: Record<string, unknown>) => unknown;
const ROLES: [string, Make, AnyInputs][] = [
  ["BatchServiceRole", (s, p) => new BatchServiceRole(s, "Role", p), BATCH_SERVICE_ROLE_INPUTS],
  ["EcsInstanceRole", (s, p) => new EcsInstanceRole(s, "Role", p), ECS_INSTANCE_ROLE_INPUTS],
  ["TaskExecutionRole", (s, p) => new TaskExecutionRole(s, "Role", p), TASK_EXECUTION_ROLE_INPUTS],
];

/**
 * Inputs no resource checks at plan: an existing role's ARN, where the construct creates nothing
 * for it (an EcsInstanceRole's instance profile checks it).
 */
const NOT_CHECKED_AT_PLAN: Record<string, string[]> = {
  BatchServiceRole: ["existingRoleArn"],
  TaskExecutionRole: ["existingRoleArn"],
};

const TERRAFORM_TYPES: Record<Exclude<ValueInput["kind"], "boolean">, string> = {
  string: "string",
  number: "number",
  "string-list": "list(string)",
  "string-map": "map(string)",
};

/** A value of the input's kind known only at plan. */
function tokenFor(scope: Construct, input: ValueInput): unknown {
  if (input.kind === "boolean") throw new Error("a flag has no rule");
  const variable = new TerraformVariable(scope, "value", { type: TERRAFORM_TYPES[input.kind] });
  if (input.kind === "string") return variable.stringValue;
  if (input.kind === "number") return variable.numberValue;
  if (input.kind === "string-list") return variable.listValue;
  return Token.asStringMap(variable.value);
}

/** The props with `value` at the dotted path. */
function propsAt(path: string, value: unknown): Record<string, unknown> {
  return path.split(".").reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** Every precondition's message in a synthesized stack, on resources and data sources alike. */
function preconditionMessages(tf: any): string[] {
  const blocks = [...Object.values(tf.resource ?? {}), ...Object.values(tf.data ?? {})].flatMap((byName: any) => Object.values(byName));
  return blocks.flatMap((block: any) => (block.lifecycle?.precondition ?? []).map((p: any) => p.error_message as string));
}

type Case = { typeName: string; make: Make; path: string; input: ValueInput };

const cases: Case[] = ROLES.flatMap(([typeName, make, inputs]) =>
  leaves(inputs)
    .filter(({ input }) => input.rule !== undefined)
    .map(({ path, input }) => ({ typeName, make, path, input })),
);

const checked = cases.filter((c) => !NOT_CHECKED_AT_PLAN[c.typeName]?.includes(c.path));
const unchecked = cases.filter((c) => NOT_CHECKED_AT_PLAN[c.typeName]?.includes(c.path));

/** Whether, given its input as a value known only at plan, the role's preconditions check it by its rule (or its partition), naming it. */
function namedByPreconditions(c: Case): boolean {
  const { tf } = synth((s) => c.make(s, propsAt(c.path, tokenFor(s, c.input))));
  const codes = [c.input.rule!.code, ...(c.input.rule!.arn ? [INPUT_CODES.partition.code] : [])];
  return preconditionMessages(tf).some((m) => m.includes(`'${c.path}'`) && codes.some((code) => m.startsWith(`[${code}]`)));
}

describe("plan-time checks of the role constructs", () => {
  test.each(checked.map((c) => [c.typeName, c.path, c]))("%s '%s' known only at plan is checked at plan, naming it", (_, path, c) => {
    expect([path, namedByPreconditions(c)]).toEqual([path, true]);
  });

  test.each(unchecked.map((c) => [c.typeName, c.path, c]))(
    "%s '%s' is not checked at plan: nothing is created for an existing role",
    (_, path, c) => {
      expect([path, namedByPreconditions(c)]).toEqual([path, false]);
    },
  );

  test("a path that names no input is a mistake of the construct's code, refused at once", () => {
    const stack = new TerraformStack(testApp(), "test");
    expect(() => planChecks(stack, "X 'test/X'", ROLE_INPUTS as AnyInputs, {}, ["roleName", "rolename"])).toThrow(
      "X 'test/X': no input 'rolename' to check at plan",
    );
  });
});

test("a value of literals only that the provider validates (Fn.lower of a name) waits for plan, after the preconditions; a variable is passed as it is", () => {
  const { tf } = synth((s) => {
    const name = new TerraformVariable(s, "name", { type: "string" });
    new BatchServiceRole(s, "Lowered", { roleName: Fn.lower("BATCH"), maxSessionDuration: Token.asNumber(Fn.max([3600, 7200])) });
    new BatchServiceRole(s, "Named", { roleName: name.stringValue });
  });
  const roles = tf.resource.aws_iam_role;
  expect(roles.lowered.name).toBe('${(data.aws_partition.partition.partition != null) ? lower("BATCH") : null}');
  expect(roles.lowered.max_session_duration).toBe("${(data.aws_partition.partition.partition != null) ? max(3600, 7200) : null}");
  expect(roles.named.name).toBe("${var.name}");
});
