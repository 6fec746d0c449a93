# Amazon ECS on Fargate: the task execution role that reads the task's secrets and parameters,
# pulls from a private registry, and pulls ECR images only through one interface VPC endpoint.

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

variable "account_id" {
  description = "The account the roles live in."
  type        = string
  default     = "111122223333"
}

variable "region" {
  description = "The region of the secrets, parameters and keys."
  type        = string
  default     = "eu-west-1"
}

locals {
  arn = "arn:aws:%s:${var.region}:${var.account_id}:%s"
}

module "ecs_fargate_iam" {
  source = "../../modules/ecs-fargate"

  execution_role_name          = "web-execution"
  path                         = "/web/"
  private_registry_secret_arns = [format(local.arn, "secretsmanager", "secret:dockerhub-AbCdEf")]
  secret_arns                  = [format(local.arn, "secretsmanager", "secret:web/db-password-AbCdEf")]
  ssm_parameter_arns           = [format(local.arn, "ssm", "parameter/web/db-host")]
  kms_key_arns                 = [format(local.arn, "kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")]
  ecr_pull_vpce_ids            = ["vpce-0123456789abcdef0"]
  source_account_id            = var.account_id

  tags = {
    service = "web"
  }
}

output "execution_role_arn" {
  value = module.ecs_fargate_iam.execution_role_arn
}
