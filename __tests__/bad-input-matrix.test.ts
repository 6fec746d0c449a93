import { Construct } from "constructs";
import { readFileSync } from "fs";
import { join } from "path";
import { APP_CONFIG_INPUTS, deploymentsOf, parseConfig } from "../src/config";
import { SHAPE_CODES } from "../src/inputs/check";
import { INPUT_CODES } from "../src/inputs/codes";
import { AnyInputs } from "../src/inputs/input";
import { ValidationError } from "../src/private/errors";
import { BATCH_SERVICE_LINKED_ROLE_INPUTS, BatchServiceLinkedRole } from "../src/roles/batch-service-linked-role";
import { BATCH_SERVICE_ROLE_INPUTS, BatchServiceRole } from "../src/roles/batch-service-role";
import { ECS_INSTANCE_ROLE_INPUTS, EcsInstanceRole } from "../src/roles/ecs-instance-role";
import { SPOT_FLEET_ROLE_INPUTS, SpotFleetRole } from "../src/roles/spot-fleet-role";
import { ECS_INFRASTRUCTURE_ROLE_INPUTS, EcsInfrastructureRole } from "../src/roles/ecs-infrastructure-role";
import { TASK_EXECUTION_ROLE_INPUTS, TaskExecutionRole } from "../src/roles/task-execution-role";
import { TASK_ROLE_INPUTS, TaskRole } from "../src/roles/task-role";
import { BATCH_SETUP_INPUTS, BatchSetup } from "../src/setups/batch-setup";
import { ECS_FARGATE_SETUP_INPUTS, EcsFargateSetup } from "../src/setups/ecs-fargate-setup";
import { validateAll } from "../src/report/failure";
import { BatchStack } from "../src/stacks/batch-stack";
import { EcsFargateStack } from "../src/stacks/ecs-fargate-stack";
import { BadInput, badInputs, propsFor } from "./helpers/bad-inputs";
import { findingsOf, testApp } from "./helpers/synth";

// Every input of every construct and of the configuration file, each with at least two bad
// values, all derived from the same descriptors the constructs check by. Each must be refused
// with one line naming the input, carrying the code of its rule (or of a shape finding).
type Make = (scope: Construct, props: Record<string, unknown>) => unknown;
const CONSTRUCTS: [string, Make, AnyInputs, string[]][] = [
  ["BatchServiceRole", (s, p) => new BatchServiceRole(s, "X", p), BATCH_SERVICE_ROLE_INPUTS, []],
  ["BatchServiceLinkedRole", (s, p) => new BatchServiceLinkedRole(s, "X", p), BATCH_SERVICE_LINKED_ROLE_INPUTS, []],
  ["EcsInstanceRole", (s, p) => new EcsInstanceRole(s, "X", p), ECS_INSTANCE_ROLE_INPUTS, []],
  ["TaskExecutionRole", (s, p) => new TaskExecutionRole(s, "X", p), TASK_EXECUTION_ROLE_INPUTS, []],
  ["SpotFleetRole", (s, p) => new SpotFleetRole(s, "X", p), SPOT_FLEET_ROLE_INPUTS, []],
  ["EcsInfrastructureRole", (s, p) => new EcsInfrastructureRole(s, "X", p), ECS_INFRASTRUCTURE_ROLE_INPUTS, []],
  ["TaskRole", (s, p) => new TaskRole(s, "X", p), TASK_ROLE_INPUTS, []],
  [
    "BatchSetup",
    (s, p) => new BatchSetup(s, "X", p),
    BATCH_SETUP_INPUTS,
    ["serviceRole", "instanceRole", "executionRole", "spotFleetRole"],
  ],
  [
    "EcsFargateSetup",
    (s, p) => new EcsFargateSetup(s, "X", p),
    ECS_FARGATE_SETUP_INPUTS,
    ["executionRole", "infrastructureRole", "taskRole"],
  ],
];

const constructCases = CONSTRUCTS.flatMap(([construct, make, inputs, delegated]) =>
  badInputs(inputs, delegated).map((bad) => ({ construct, make, ...bad })),
);
const configCases = badInputs(APP_CONFIG_INPUTS as AnyInputs);

/** What the app reports for a configuration: the file's findings, or else the stacks' (as main.ts runs them). */
function configFindings(value: unknown): string[] {
  try {
    const config = parseConfig(value, "x.json");
    const app = testApp();
    for (const d of deploymentsOf(config)) {
      validateAll(new BatchStack(app, `batch${d.suffix}`, d.batch, d.options));
      validateAll(new EcsFargateStack(app, `ecs-fargate${d.suffix}`, d.ecsFargate, d.options));
    }
    return [];
  } catch (error) {
    return [...(error as ValidationError).findings];
  }
}

/** The codes a finding about this bad value may carry: its rule's, or a shape finding's. */
const codesFor = (bad: BadInput) => [
  SHAPE_CODES.kind,
  SHAPE_CODES.unknownKey,
  // A group given without the settings it requires (an S3 backend without its bucket).
  INPUT_CODES.missing.code,
  ...(bad.input.kind !== "group" && bad.input.rule ? [bad.input.rule.code] : []),
];
const names = (path: string, findings: string[]) =>
  findings.filter((f) => new RegExp(`: '${path.replace(/[.[\]]/g, "\\$&")}(?:[.[]|')`).test(f));

/** The file for one bad value: in an account, beside the id every account needs, so that the stacks are built and check it too. */
function configFor(c: BadInput): Record<string, unknown> {
  const config = propsFor(c.path, c.value);
  const [account] = Array.isArray(config.accounts) ? config.accounts : [];
  if (c.path.startsWith("accounts[0].") && c.path !== "accounts[0].id") config.accounts = [{ id: "111111111111", ...account }];
  return config;
}

describe("the bad-input matrix", () => {
  afterAll(() => {
    const count = (cases: { path: string }[], key: (c: { path: string }) => string) => new Set(cases.map(key)).size;
    console.log(
      `bad-input matrix: constructs: ${count(constructCases, (c) => `${(c as (typeof constructCases)[0]).construct}.${c.path}`)} inputs, ${constructCases.length} bad values; ` +
        `configuration file: ${count(configCases, (c) => c.path)} inputs, ${configCases.length} bad values; each refused with its code`,
    );
  });

  test("every input has at least two bad values", () => {
    for (const cases of [constructCases, configCases]) {
      const byPath = new Map<string, number>();
      for (const c of cases) byPath.set(c.path, (byPath.get(c.path) ?? 0) + 1);
      for (const [path, n] of byPath) expect([path, n >= 2]).toEqual([path, true]);
    }
  });

  test.each(constructCases.map((c) => [c.construct, c.path, JSON.stringify(c.value)?.slice(0, 50), c]))(
    "%s %s = %s is refused at synth, naming the input",
    (_, path, __, c) => {
      const findings = findingsOf((s) => c.make(s, propsFor(c.path, c.value)));
      const named = names(path, findings);
      expect([path, named.length > 0, findings]).toEqual([path, true, findings]);
      for (const finding of named) expect(codesFor(c)).toContain(/^\[(\w+)\]/.exec(finding)?.[1]);
    },
  );

  test.each(configCases.map((c) => [c.path, JSON.stringify(c.value)?.slice(0, 50), c]))(
    "iam.config.json %s = %s is refused before any stack is synthesized, naming the input",
    (path, _, c) => {
      const findings = configFindings(configFor(c));
      // The file's own check names the whole path; a role construct names its part of it.
      const named = findings.filter((f) => {
        const quoted = /: '([^']+)' is /.exec(f)?.[1] ?? "";
        return (
          quoted === path ||
          quoted.startsWith(`${path}[`) ||
          quoted.startsWith(`${path}.`) ||
          path.endsWith(`.${quoted.replace(/\[\d+\]$/, "")}`)
        );
      });
      expect([path, named.length > 0, findings]).toEqual([path, true, findings]);
      for (const finding of named) expect(codesFor(c)).toContain(/^\[(\w+)\]/.exec(finding)?.[1]);
    },
  );

  test("the README names the classes of input the matrix tries", () => {
    expect(readFileSync(join(__dirname, "..", "README.md"), "utf8")).toContain("A bad-input matrix");
  });
});
