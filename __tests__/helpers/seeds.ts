/**
 * The documents the AWS seeds define, copied verbatim from `shared/seeds/` (named by seed number),
 * with the partition-dependent parts as the stack renders them before plan.
 */

/** Seed 004: the AWS Batch service role's trust policy. */
export const BATCH_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "batch.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/** Seed 003: the ECS instance role's trust policy (`ec2.amazonaws.com`, `ec2.amazonaws.com.cn` in China). */
export function ec2Trust(service = "ec2.amazonaws.com") {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  };
}

/** Seeds 000, 001, 002: the task execution role's trust policy, with its empty `Sid`. */
export const ECS_TASKS_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Sid: "", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/**
 * The AWS Batch guide's Spot Fleet role (no seed: "Create Amazon EC2 spot fleet roles with the AWS
 * CLI"): its trust policy, with the empty `Sid` the guide prints, in every partition.
 */
export const SPOT_FLEET_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Sid: "", Effect: "Allow", Principal: { Service: "spotfleet.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/**
 * The Amazon ECS guide's infrastructure role (no seed: "Amazon ECS infrastructure IAM role"): its
 * trust policy, with the guide's `Sid`.
 */
export const ECS_INFRASTRUCTURE_TRUST = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AllowAccessToECSForInfrastructureManagement",
      Effect: "Allow",
      Principal: { Service: "ecs.amazonaws.com" },
      Action: "sts:AssumeRole",
    },
  ],
};

/** The AWS managed policies the seeds (and the AWS Batch and ECS guides, for the opt-in roles) attach. */
export const MANAGED_POLICIES = {
  batchService: "service-role/AWSBatchServiceRole",
  ecsInstance: "service-role/AmazonEC2ContainerServiceforEC2Role",
  taskExecution: "service-role/AmazonECSTaskExecutionRolePolicy",
  spotFleet: "service-role/AmazonEC2SpotFleetTaggingRole",
  ecsInfrastructure: "service-role/AmazonECSInfrastructureRolePolicyForVolumes",
};

/** How a stack refers to the partition before plan. */
export const PARTITION = "${data.aws_partition.partition.partition}";
export const DNS_SUFFIX = "${data.aws_partition.partition.dns_suffix}";
export const arnOfManaged = (pathAndName: string, partition = PARTITION) => `arn:${partition}:iam::aws:policy/${pathAndName}`;
