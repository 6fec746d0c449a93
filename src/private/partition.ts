import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

/** The construct id of the one `aws_partition` data source each stack gets. */
const PARTITION_ID = "Partition";

/**
 * How a service's principal is spelt across partitions.
 * - `global`: `<service>.amazonaws.com` in every partition, China and GovCloud included
 *   (seed 004 lists `ecs-tasks.amazonaws.com` for China beside `ec2.amazonaws.com.cn`);
 * - `partitional`: `<service>.<partition DNS suffix>`: `ec2.amazonaws.com.cn` in China.
 * The AWS provider 5.100 `aws_service_principal` data source gets EC2 in China wrong, so this
 * table, not that data source, decides.
 */
const PRINCIPAL_KINDS = {
  batch: "global",
  "ecs-tasks": "global",
  spotfleet: "global",
  ecs: "global",
  ec2: "partitional",
} as const;

export type PrincipalService = keyof typeof PRINCIPAL_KINDS;

const references = new WeakMap<TerraformStack, { partition: string; dnsSuffix: string }>();

/**
 * The stack's `data.aws_partition` attributes (the data source is created on first use): the
 * partition is known only at plan. Each reference is made once per stack and shared.
 */
function partitionData(scope: IConstruct): { partition: string; dnsSuffix: string } {
  const stack = TerraformStack.of(scope);
  let found = references.get(stack);
  if (found === undefined) {
    const data = partitionDataSource(stack);
    found = { partition: data.partition, dnsSuffix: data.dnsSuffix };
    references.set(stack, found);
  }
  return found;
}

/** The stack's one `data.aws_partition`, created on first use: it exists in every plan of the stack. */
export function partitionDataSource(scope: IConstruct): DataAwsPartition {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(PARTITION_ID);
  return existing instanceof DataAwsPartition ? existing : new DataAwsPartition(stack, PARTITION_ID);
}

/** The partition the stack is planned in: `aws`, `aws-cn`, `aws-us-gov`, … */
export function partitionOf(scope: IConstruct): string {
  return partitionData(scope).partition;
}

/** The service principal of `service` in the partition the stack is planned in. */
export function servicePrincipal(scope: IConstruct, service: PrincipalService): string {
  return PRINCIPAL_KINDS[service] === "partitional" ? `${service}.${partitionData(scope).dnsSuffix}` : `${service}.amazonaws.com`;
}

/** The ARN of an AWS managed policy, e.g. `service-role/AWSBatchServiceRole`, in the stack's partition. */
export function awsManagedPolicyArn(scope: IConstruct, pathAndName: string): string {
  return `arn:${partitionOf(scope)}:iam::aws:policy/${pathAndName}`;
}
