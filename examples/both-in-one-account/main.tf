# Both modules in one account. IAM role names are unique per account, and AWS documents the Batch
# and the ECS execution role under the same name, ecsTaskExecutionRole. Here the ecs-fargate module
# keeps that name and Batch jobs get their own role: they do not inherit the ECS tasks' secrets.
# (To share one role instead, set create_execution_role = false and pass
# module.ecs_fargate_iam.execution_role_arn to your Batch job definitions.)

terraform {
  required_version = ">= 1.3"
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

  execution_role_name = "batchTaskExecutionRole"
}

module "ecs_fargate_iam" {
  source = "../../modules/ecs-fargate"
}

output "batch_execution_role_name" {
  value = module.batch_iam.execution_role_name
}

output "ecs_execution_role_name" {
  value = module.ecs_fargate_iam.execution_role_name
}
