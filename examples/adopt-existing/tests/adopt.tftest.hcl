# Offline: `terraform init && terraform test` here. Terraform lets a test import only into resources
# an override_resource targets; the mock provider then answers for the account.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
}

override_resource {
  target = module.batch_iam.aws_iam_role.service_role[0]
  values = { arn = "arn:aws:iam::111122223333:role/service-role/AWSBatchServiceRole" }
}

override_resource {
  target = module.batch_iam.aws_iam_role.instance_role[0]
  values = { arn = "arn:aws:iam::111122223333:role/ecsInstanceRole" }
}

override_resource {
  target = module.batch_iam.aws_iam_instance_profile.instance_role_instance_profile[0]
  values = { arn = "arn:aws:iam::111122223333:instance-profile/ecsInstanceRole" }
}

override_resource {
  target = module.ecs_fargate_iam.aws_iam_role.execution_role
  values = { arn = "arn:aws:iam::111122223333:role/ecsTaskExecutionRole" }
}

# The first plan imports the four console-created objects and creates the rest.
run "imports_what_exists" {
  command = plan

  assert {
    condition     = module.batch_iam.service_role_name == "AWSBatchServiceRole" && module.batch_iam.instance_profile_name == "ecsInstanceRole"
    error_message = "The adopted role and profile must keep their names."
  }
  assert {
    condition     = output.ecs_execution_role_arn == "arn:aws:iam::111122223333:role/ecsTaskExecutionRole"
    error_message = "The ECS execution role output must be the adopted role's ARN, known at plan."
  }
}

run "applies" {
  command = apply

  assert {
    condition     = output.service_role_arn == "arn:aws:iam::111122223333:role/service-role/AWSBatchServiceRole"
    error_message = "The service role output must be the adopted role's ARN."
  }
}

# Once applied, nothing is left to change.
run "then_nothing_to_do" {
  command = plan
}
