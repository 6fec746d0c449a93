# Offline tests of the batch module: `terraform init && terraform test` in modules/batch.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
}

run "defaults_are_the_aws_documents" {
  command = plan

  assert {
    condition     = aws_iam_role.service_role[0].name == "AWSBatchServiceRole" && aws_iam_role.service_role[0].path == "/"
    error_message = "The service role must be AWSBatchServiceRole at path /."
  }
  assert {
    condition = jsondecode(aws_iam_role.service_role[0].assume_role_policy) == {
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Principal = { Service = "batch.amazonaws.com" }, Action = "sts:AssumeRole" }]
    }
    error_message = "The service role must trust batch.amazonaws.com exactly as seed 004 does."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.service_role_aws_managed_policy[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"
    error_message = "The service role must have AWSBatchServiceRole attached."
  }
  assert {
    condition = jsondecode(aws_iam_role.instance_role[0].assume_role_policy) == {
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
    }
    error_message = "The instance role must trust EC2 exactly as seed 003 does."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.instance_role_aws_managed_policy[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
    error_message = "The instance role must have AmazonEC2ContainerServiceforEC2Role attached."
  }
  assert {
    condition     = aws_iam_instance_profile.instance_role_instance_profile[0].name == "ecsInstanceRole" && aws_iam_instance_profile.instance_role_instance_profile[0].role == "ecsInstanceRole"
    error_message = "The instance profile must be ecsInstanceRole and hold the ecsInstanceRole role."
  }
  assert {
    condition = jsondecode(aws_iam_role.execution_role[0].assume_role_policy) == {
      Version   = "2012-10-17"
      Statement = [{ Sid = "", Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
    }
    error_message = "The execution role must trust ecs-tasks.amazonaws.com exactly as seed 000 does."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.execution_role_aws_managed_policy[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    error_message = "The execution role must have AmazonECSTaskExecutionRolePolicy attached."
  }
  assert {
    condition     = output.service_role_name == "AWSBatchServiceRole" && output.instance_role_name == "ecsInstanceRole" && output.instance_profile_name == "ecsInstanceRole" && output.execution_role_name == "ecsTaskExecutionRole"
    error_message = "Names must be known at plan."
  }
}

run "china_uses_its_partition_and_ec2_principal" {
  command = plan

  override_data {
    target = data.aws_partition.partition
    values = {
      partition  = "aws-cn"
      dns_suffix = "amazonaws.com.cn"
    }
  }

  assert {
    condition     = jsondecode(aws_iam_role.instance_role[0].assume_role_policy).Statement[0].Principal.Service == "ec2.amazonaws.com.cn"
    error_message = "In China, EC2's principal is ec2.amazonaws.com.cn."
  }
  assert {
    condition     = jsondecode(aws_iam_role.service_role[0].assume_role_policy).Statement[0].Principal.Service == "batch.amazonaws.com"
    error_message = "In China, Batch's principal keeps .amazonaws.com."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.service_role_aws_managed_policy[0].policy_arn == "arn:aws-cn:iam::aws:policy/service-role/AWSBatchServiceRole"
    error_message = "Managed policy ARNs must use the aws-cn partition."
  }
}

run "every_role_can_be_switched_off" {
  command = plan

  variables {
    create_service_role   = false
    create_instance_role  = false
    create_execution_role = false
  }

  assert {
    condition     = length(aws_iam_role.service_role) + length(aws_iam_role.instance_role) + length(aws_iam_role.execution_role) == 0
    error_message = "No role may be created."
  }
  assert {
    condition     = length(aws_iam_instance_profile.instance_role_instance_profile) + length(aws_iam_role_policy_attachment.service_role_aws_managed_policy) == 0
    error_message = "Nothing that belongs to a switched-off role may be created."
  }
  assert {
    condition     = output.service_role_arn == null && output.instance_profile_arn == null && output.execution_role_name == null
    error_message = "Outputs of switched-off roles must be null."
  }
}

run "names_path_boundary_and_tags_reach_every_resource" {
  command = plan

  variables {
    service_role_name     = "batch-service"
    instance_role_name    = "batch-instance"
    instance_profile_name = "batch-instance-profile"
    execution_role_name   = "batch-execution"
    path                  = "/batch/"
    permissions_boundary  = "arn:aws:iam::111122223333:policy/Boundary"
    tags                  = { team = "hpc" }
  }

  assert {
    condition     = [aws_iam_role.service_role[0].name, aws_iam_role.instance_role[0].name, aws_iam_role.execution_role[0].name] == ["batch-service", "batch-instance", "batch-execution"]
    error_message = "Every role must carry its own name."
  }
  assert {
    condition     = alltrue([for r in [aws_iam_role.service_role[0], aws_iam_role.instance_role[0], aws_iam_role.execution_role[0]] : r.path == "/batch/" && r.permissions_boundary == "arn:aws:iam::111122223333:policy/Boundary" && r.tags["team"] == "hpc" && length(r.tags) == 1])
    error_message = "Every role must carry its name, the path, the boundary and the tags."
  }
  assert {
    condition     = aws_iam_instance_profile.instance_role_instance_profile[0].name == "batch-instance-profile" && aws_iam_instance_profile.instance_role_instance_profile[0].role == "batch-instance" && aws_iam_instance_profile.instance_role_instance_profile[0].path == "/batch/"
    error_message = "The instance profile must carry its own name and hold the instance role."
  }
}

run "source_account_id_guards_batch_and_ecs_tasks_but_not_ec2" {
  command = plan

  variables {
    source_account_id = "111122223333"
  }

  assert {
    condition     = jsondecode(aws_iam_role.service_role[0].assume_role_policy).Statement[0].Condition == { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    error_message = "The Batch trust statement itself must carry aws:SourceAccount."
  }
  assert {
    condition     = length(jsondecode(aws_iam_role.service_role[0].assume_role_policy).Statement) == 1
    error_message = "The condition must narrow the one statement, not add another."
  }
  assert {
    condition     = jsondecode(aws_iam_role.execution_role[0].assume_role_policy).Statement[0].Condition.ArnLike == { "aws:SourceArn" = "arn:aws:ecs:*:111122223333:*" }
    error_message = "The ecs-tasks trust statement must carry aws:SourceArn for the account's ECS resources."
  }
  assert {
    condition     = !can(jsondecode(aws_iam_role.instance_role[0].assume_role_policy).Statement[0].Condition)
    error_message = "The EC2 trust must never get confused-deputy conditions."
  }
}

run "refuses_bad_names_at_plan" {
  command = plan

  variables {
    service_role_name     = "a-role-name-that-is-far-too-long-for-iam-because-it-exceeds-64-chars"
    instance_profile_name = "bad/name"
    path                  = "batch"
    source_account_id     = "1234"
  }

  expect_failures = [var.service_role_name, var.instance_profile_name, var.path, var.source_account_id]
}

run "names_can_be_prefixes" {
  command = plan

  variables {
    use_name_prefix    = true
    service_role_name  = "batch-service-"
    instance_role_name = "batch-instance-"
  }

  assert {
    condition     = aws_iam_role.service_role[0].name_prefix == "batch-service-" && aws_iam_role.instance_role[0].name_prefix == "batch-instance-" && aws_iam_role.execution_role[0].name_prefix == "ecsTaskExecutionRole"
    error_message = "Each role name input must become the role's name prefix."
  }
}

run "refuses_a_prefix_over_38_characters_at_plan" {
  command = plan

  variables {
    use_name_prefix   = true
    service_role_name = "a-prefix-that-is-longer-than-38-characters"
  }

  expect_failures = [aws_iam_role.service_role]
}
