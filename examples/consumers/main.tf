# The roles in use: both modules' outputs fed into AWS Batch compute environments (EC2 and
# Fargate), a job queue, a Batch job definition and an ECS task definition. Each output is read only once every
# policy and attachment of its role exists, so Terraform creates these consumers after the roles'
# permissions and destroys them before: a compute environment never outlives its service role's
# policy (it would hang in DELETING), and a task never starts before its secrets policy exists.

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

variable "subnet_ids" {
  description = "Subnets of the compute environments."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the compute environments."
  type        = list(string)
}

variable "db_password_secret_arn" {
  description = "The Secrets Manager secret the web task reads at start."
  type        = string
}

module "batch_iam" {
  source = "../../modules/batch"

  # The ECS module below keeps the documented ecsTaskExecutionRole.
  execution_role_name = "batchTaskExecutionRole"
}

module "ecs_fargate_iam" {
  source = "../../modules/ecs-fargate"

  secret_arns = [var.db_password_secret_arn]
}

resource "aws_batch_compute_environment" "ec2" {
  compute_environment_name_prefix = "ec2-"
  type                            = "MANAGED"
  service_role                    = module.batch_iam.service_role_arn

  compute_resources {
    type               = "EC2"
    instance_role      = module.batch_iam.instance_profile_arn
    instance_type      = ["optimal"]
    min_vcpus          = 0
    max_vcpus          = 16
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }
}

resource "aws_batch_compute_environment" "fargate" {
  compute_environment_name_prefix = "fargate-"
  type                            = "MANAGED"
  service_role                    = module.batch_iam.service_role_arn

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 16
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }
}

resource "aws_batch_job_queue" "fargate" {
  name     = "fargate"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.fargate.arn
  }
}

resource "aws_batch_job_definition" "hello" {
  name                  = "hello"
  type                  = "container"
  platform_capabilities = ["FARGATE"]

  container_properties = jsonencode({
    image            = "public.ecr.aws/amazonlinux/amazonlinux:2023"
    command          = ["echo", "hello"]
    executionRoleArn = module.batch_iam.execution_role_arn
    resourceRequirements = [
      { type = "VCPU", value = "0.25" },
      { type = "MEMORY", value = "512" },
    ]
  })
}

resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = module.ecs_fargate_iam.execution_role_arn

  container_definitions = jsonencode([{
    name      = "web"
    image     = "public.ecr.aws/nginx/nginx:stable"
    essential = true
    secrets   = [{ name = "DB_PASSWORD", valueFrom = var.db_password_secret_arn }]
  }])
}
