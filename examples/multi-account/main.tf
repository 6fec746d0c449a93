# Both modules in two member accounts of an organization, from one root: the state in S3, locked by
# Terraform's lock file (S3 conditional writes, Terraform 1.10 or later; no DynamoDB table), and one
# provider per account that assumes the role AWS Organizations creates there. Terraform cannot
# repeat a provider with for_each, so each account is a provider block and a pair of module calls:
# add an account by copying them.
#
#   terraform init -backend-config="bucket=<state bucket>" -backend-config="region=<its Region>"
#   terraform apply -var 'account_ids={ production = "111111111111", staging = "222222222222" }'

terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.72.0"
    }
  }

  backend "s3" {
    key          = "cdktf-batch-ecs-iam/multi-account.tfstate"
    use_lockfile = true
    encrypt      = true
  }
}

variable "account_ids" {
  description = "The member accounts to deploy into, by name."
  type = object({
    production = string
    staging    = string
  })

  validation {
    condition     = alltrue([for id in values(var.account_ids) : can(regex("^[0-9]{12}$", id))])
    error_message = "Each account id must be 12 digits."
  }
}

variable "assume_role_name" {
  description = "The role assumed in each account: the one AWS Organizations creates in its member accounts, or one of your own."
  type        = string
  default     = "OrganizationAccountAccessRole"
}

variable "partition" {
  description = "The accounts' partition: aws, aws-cn, aws-us-gov, ..."
  type        = string
  default     = "aws"
}

provider "aws" {
  alias = "production"
  assume_role {
    role_arn = "arn:${var.partition}:iam::${var.account_ids.production}:role/${var.assume_role_name}"
  }
}

provider "aws" {
  alias = "staging"
  assume_role {
    role_arn = "arn:${var.partition}:iam::${var.account_ids.staging}:role/${var.assume_role_name}"
  }
}

# Role names are unique per account: the Batch jobs' execution role has a name of its own beside
# the ECS tasks' ecsTaskExecutionRole, as in examples/both-in-one-account.

module "production_batch_iam" {
  source    = "../../modules/batch"
  providers = { aws = aws.production }

  execution_role_name = "batchTaskExecutionRole"
}

module "production_ecs_fargate_iam" {
  source    = "../../modules/ecs-fargate"
  providers = { aws = aws.production }
}

module "staging_batch_iam" {
  source    = "../../modules/batch"
  providers = { aws = aws.staging }

  execution_role_name = "batchTaskExecutionRole"
}

module "staging_ecs_fargate_iam" {
  source    = "../../modules/ecs-fargate"
  providers = { aws = aws.staging }
}

output "execution_role_arns" {
  description = "The ECS tasks' execution role of each account."
  value = {
    production = module.production_ecs_fargate_iam.execution_role_arn
    staging    = module.staging_ecs_fargate_iam.execution_role_arn
  }
}

output "batch_service_role_arns" {
  description = "The Batch service role of each account."
  value = {
    production = module.production_batch_iam.service_role_arn
    staging    = module.staging_batch_iam.service_role_arn
  }
}
