# An account that already holds the roles the consoles create on first use: AWSBatchServiceRole,
# ecsInstanceRole with its instance profile, and ecsTaskExecutionRole. The modules adopt them
# instead of failing at EntityAlreadyExists: Terraform allows no import block inside a module, so
# this root imports each role and profile into the module's resource, by name. Attachments and
# inline policies are created over any that exist. The first plan imports four objects, creates the
# rest, and replaces nothing; an adopted role keeps its path (the Batch console puts its role under
# /service-role/). Audit the account first (npx cdktf-batch-ecs-iam audit) to see what it holds.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.72.0"
    }
  }
}

provider "aws" {}

module "batch_iam" {
  source = "../../modules/batch"

  adopt_service_role  = true
  adopt_instance_role = true

  # The consoles create no Batch execution role: this one is new, beside the ECS one adopted below.
  execution_role_name = "batchTaskExecutionRole"
}

module "ecs_fargate_iam" {
  source = "../../modules/ecs-fargate"

  adopt_execution_role = true
}

import {
  to = module.batch_iam.aws_iam_role.service_role[0]
  id = "AWSBatchServiceRole"
}

# With use_service_linked_role = true (and adopt_service_role left false), the service-linked role
# AWS Batch created on first use is imported by its ARN instead:
#
# import {
#   to = module.batch_iam.aws_iam_service_linked_role.service_role_service_linked[0]
#   id = "arn:aws:iam::111122223333:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch"
# }

import {
  to = module.batch_iam.aws_iam_role.instance_role[0]
  id = "ecsInstanceRole"
}

import {
  to = module.batch_iam.aws_iam_instance_profile.instance_role_instance_profile[0]
  id = "ecsInstanceRole"
}

import {
  to = module.ecs_fargate_iam.aws_iam_role.execution_role
  id = "ecsTaskExecutionRole"
}

output "service_role_arn" {
  value = module.batch_iam.service_role_arn
}

output "instance_profile_arn" {
  value = module.batch_iam.instance_profile_arn
}

output "ecs_execution_role_arn" {
  value = module.ecs_fargate_iam.execution_role_arn
}
