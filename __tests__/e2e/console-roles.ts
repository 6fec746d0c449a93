import type { ConsoleRole } from "../helpers/account";

const managed = (name: string) => `arn:aws:iam::aws:policy/service-role/${name}`;

/** A trust policy as the consoles write it: some with `Version` 2008-10-17 and an empty `Sid`. */
const trust = (service: string, version = "2012-10-17", sid?: string) => ({
  Version: version,
  Statement: [{ ...(sid === undefined ? {} : { Sid: sid }), Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});

/** The EC2 use case's description, which the IAM console gives a role it creates for EC2. */
export const EC2_CONSOLE_DESCRIPTION = "Allows EC2 instances to call AWS services on your behalf.";

/**
 * The roles as the consoles leave them in an account: the Batch console's service role under
 * `/service-role/`; the ECS instance role with the IAM console's description, its instance profile
 * and a trust policy of `Version` 2008-10-17 with an empty `Sid`; the ECS console's task
 * execution role with the same trust policy. No Batch execution role.
 */
export const CONSOLE_ROLES: readonly ConsoleRole[] = [
  { name: "AWSBatchServiceRole", path: "/service-role/", trust: trust("batch.amazonaws.com"), managed: [managed("AWSBatchServiceRole")] },
  {
    name: "ecsInstanceRole",
    description: EC2_CONSOLE_DESCRIPTION,
    trust: trust("ec2.amazonaws.com", "2008-10-17", ""),
    managed: [managed("AmazonEC2ContainerServiceforEC2Role")],
    profile: true,
  },
  {
    name: "ecsTaskExecutionRole",
    trust: trust("ecs-tasks.amazonaws.com", "2008-10-17", ""),
    managed: [managed("AmazonECSTaskExecutionRolePolicy")],
  },
];

/** The roles as the documents want them: what a deploy of the default configuration makes. */
export const DOCUMENTED_ROLES: readonly ConsoleRole[] = [
  { name: "AWSBatchServiceRole", trust: trust("batch.amazonaws.com"), managed: [managed("AWSBatchServiceRole")] },
  { name: "ecsInstanceRole", trust: trust("ec2.amazonaws.com"), managed: [managed("AmazonEC2ContainerServiceforEC2Role")], profile: true },
  {
    name: "batchTaskExecutionRole",
    trust: trust("ecs-tasks.amazonaws.com", undefined, ""),
    managed: [managed("AmazonECSTaskExecutionRolePolicy")],
  },
  {
    name: "ecsTaskExecutionRole",
    trust: trust("ecs-tasks.amazonaws.com", undefined, ""),
    managed: [managed("AmazonECSTaskExecutionRolePolicy")],
  },
];
