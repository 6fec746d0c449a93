# AWS Batch alone: the service role, the container-instance role and its instance profile, and the
# execution role for jobs on Fargate, with their documented names.

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

  tags = {
    team = "hpc"
  }
}

output "service_role_arn" {
  value = module.batch_iam.service_role_arn
}

output "instance_profile_arn" {
  value = module.batch_iam.instance_profile_arn
}

output "execution_role_arn" {
  value = module.batch_iam.execution_role_arn
}
