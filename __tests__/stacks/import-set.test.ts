import { Testing } from "cdktf";
import { writeFileSync } from "fs";
import { join } from "path";
import { parseConfig } from "../../src/config";
import { ValidationError } from "../../src/private/errors";
import { BatchStack } from "../../src/stacks/batch-stack";
import { applyImportSet, loadImportSet } from "../../src/stacks/import-set";
import { tempDir } from "../helpers/terraform";
import { testApp } from "../helpers/synth";

const findingsOf = (fn: () => unknown): string[] => {
  try {
    fn();
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return [...error.findings];
    throw error;
  }
};

describe("the import set", () => {
  const file = (content: string) => {
    const path = join(tempDir("import-set-"), "iam.imports.json");
    writeFileSync(path, content);
    return path;
  };

  test("is read by stack and address, its $comment left out", () => {
    const set = loadImportSet(file(JSON.stringify({ $comment: "x", batch: { "aws_iam_role.service_role": "AWSBatchServiceRole" } })));
    expect(set).toEqual({ batch: { "aws_iam_role.service_role": "AWSBatchServiceRole" } });
  });

  test("is refused when it is not JSON, or not by stack and address, every problem at once", () => {
    expect(findingsOf(() => loadImportSet(file("{")))).toEqual([
      expect.stringMatching(/^\[IN34\] .*iam\.imports\.json: cannot be read as JSON/),
    ]);
    const bad = findingsOf(() =>
      loadImportSet(file(JSON.stringify({ batch: ["aws_iam_role.x"], "ecs-fargate": { "aws_iam_role.x": 1 } }))),
    );
    expect(bad).toEqual([
      expect.stringMatching(
        /^\[IN34\] .*: 'batch' is \["aws_iam_role\.x"\]; must be an object of stacks, each an object of Terraform addresses/,
      ),
      expect.stringMatching(/^\[IN34\] .*: 'ecs-fargate' is \{"aws_iam_role\.x":1\}; must be/),
    ]);
  });

  test("imports what it lists into the stack's resources; a role keeps its path and force_detach_policies; an unknown stack or address is a finding", () => {
    const stack = new BatchStack(testApp(), "batch");
    const findings = applyImportSet(
      {
        batch: { "aws_iam_role.service_role": "AWSBatchServiceRole", "aws_iam_role.gone": "Gone" },
        lambda: { "aws_iam_role.x": "x" },
      },
      [stack],
      "iam.imports.json",
    );
    expect(findings).toEqual([
      `[IN34] iam.imports.json: 'batch.aws_iam_role.gone' is "Gone"; must be the address of a resource of the batch stack: the configuration changed since the audit, so run it again`,
      `[IN34] iam.imports.json: 'lambda' is "1 entry"; must be one of the stacks: batch`,
    ]);
    const tf = JSON.parse(Testing.synth(stack));
    expect(tf.import).toEqual([{ to: "aws_iam_role.service_role", id: "AWSBatchServiceRole" }]);
    expect(tf.resource.aws_iam_role.service_role.lifecycle).toEqual({ ignore_changes: ["path", "force_detach_policies"] });
  });

  test("the configuration refuses adopt beside an import set, which says itself what to adopt", () => {
    const config = {
      importSet: "iam.imports.json",
      batch: { serviceRole: { adopt: true } },
      ecsFargate: { executionRole: { adopt: false } },
    };
    expect(findingsOf(() => parseConfig(config, "iam.config.json"))).toEqual([
      `[IN22] iam.config.json: 'batch.serviceRole.adopt' is true; must be false or unset when 'importSet' is given: the audit's import set says what to adopt`,
    ]);
    expect(findingsOf(() => parseConfig({ importSet: "imports.txt" }, "iam.config.json"))).toEqual([
      `[IN17] iam.config.json: 'importSet' is "imports.txt"; must be the path (relative to the configuration file, or absolute) of a .json file that the audit wrote (--imports)`,
    ]);
  });
});
