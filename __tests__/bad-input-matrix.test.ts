import { Construct } from "constructs";
import { ValidationError } from "../src/private/errors";
import { BatchServiceRole } from "../src/roles/batch-service-role";
import { EcsInstanceRole } from "../src/roles/ecs-instance-role";
import { TaskExecutionRole } from "../src/roles/task-execution-role";
import { rules } from "../src/rules";
import { BatchSetup } from "../src/setups/batch-setup";
import { EcsFargateSetup } from "../src/setups/ecs-fargate-setup";
import { badValuesOf } from "./helpers/bad-inputs";
import { synth } from "./helpers/synth";

// Every input of every construct, each with at least two bad values. Each must be refused with
// the project's error, naming the input; none may crash with another error.
const bad = badValuesOf;
const list = (rule: Parameters<typeof bad>[0]) => [...bad(rule).map((v) => [v]), "not-a-list"];
const ROLE_INPUTS: Record<string, unknown[]> = {
  create: ["yes", 1, null],
  existingRoleArn: bad(rules.roleArn),
  roleName: bad(rules.roleName),
  roleNamePrefix: bad(rules.roleNamePrefix),
  path: bad(rules.path),
  description: bad(rules.description),
  permissionsBoundary: bad(rules.managedPolicyArn),
  maxSessionDuration: bad(rules.maxSessionDuration),
  tags: bad(rules.tags),
};
const SHARED_INPUTS: Record<string, unknown[]> = {
  path: bad(rules.path),
  permissionsBoundary: bad(rules.managedPolicyArn),
  tags: bad(rules.tags),
  sourceAccountId: bad(rules.accountId),
};
const EXECUTION_INPUTS: Record<string, unknown[]> = {
  sourceAccountId: bad(rules.accountId),
  policyStyle: bad(rules.policyStyle),
  privateRegistry: ["registry", ["a"], { secretArn: [] }],
  "privateRegistry.secretArns": list(rules.secretArn),
  "privateRegistry.kmsKeyArns": list(rules.kmsKeyArn),
  secrets: ["secrets", { parameterArns: [] }],
  "secrets.ssmParameterArns": list(rules.ssmParameterArn),
  "secrets.secretArns": list(rules.secretArn),
  "secrets.kmsKeyArns": list(rules.kmsKeyArn),
  ecrPullRestriction: ["vpce-0123456789abcdef0", { vpceIds: [] }],
  "ecrPullRestriction.vpcIds": list(rules.vpcId),
  "ecrPullRestriction.vpcEndpointIds": list(rules.vpcEndpointId),
};

type Make = (scope: Construct, props: any) => unknown;
const CONSTRUCTS: [string, Make, Record<string, unknown[]>][] = [
  ["BatchServiceRole", (s, p) => new BatchServiceRole(s, "X", p), { ...ROLE_INPUTS, sourceAccountId: bad(rules.accountId) }],
  ["EcsInstanceRole", (s, p) => new EcsInstanceRole(s, "X", p), { ...ROLE_INPUTS, instanceProfileName: bad(rules.instanceProfileName) }],
  ["TaskExecutionRole", (s, p) => new TaskExecutionRole(s, "X", p), { ...ROLE_INPUTS, ...EXECUTION_INPUTS }],
  [
    "BatchSetup",
    (s, p) => new BatchSetup(s, "X", p),
    { ...SHARED_INPUTS, serviceRole: ["role", 5], instanceRole: ["role", [1]], executionRole: [true, "role"] },
  ],
  ["EcsFargateSetup", (s, p) => new EcsFargateSetup(s, "X", p), { ...SHARED_INPUTS, executionRole: ["role", 5] }],
];

/** `{ "a.b": v }` → `{ a: { b: v } }`. */
function propsFor(input: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = input.split(".");
  return { [head]: rest.length ? propsFor(rest.join("."), value) : value };
}

const cases = CONSTRUCTS.flatMap(([construct, make, inputs]) =>
  Object.entries(inputs).flatMap(([input, values]) => values.map((value) => ({ construct, make, input, value }))),
);

describe("the bad-input matrix of the constructs", () => {
  const refused: string[] = [];

  afterAll(() => {
    const inputs = new Set(cases.map((c) => `${c.construct}.${c.input}`)).size;
    console.log(`bad-input matrix (constructs): ${inputs} inputs, ${cases.length} bad values tried, ${refused.length} refused`);
  });

  test("every input has at least two bad values", () => {
    for (const [construct, , inputs] of CONSTRUCTS) {
      for (const [input, values] of Object.entries(inputs))
        expect([construct, input, values.length >= 2]).toEqual([construct, input, true]);
    }
  });

  test.each(cases.map((c) => [c.construct, c.input, JSON.stringify(c.value)?.slice(0, 60), c]))(
    "%s %s = %s is refused, naming the input",
    (_, input, __, c) => {
      let error: unknown;
      try {
        synth((s) => c.make(s, propsFor(c.input, c.value)));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(new RegExp(`: '${input.replace(/\./g, "\\.")}(\\.|\\[|')`));
      refused.push(input);
    },
  );
});
