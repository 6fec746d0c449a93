# Offline tests of the ecs-fargate module: `terraform init && terraform test` in modules/ecs-fargate.

mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
}

variables {
  secret   = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-AbCdEf"
  registry = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:dockerhub-AbCdEf"
  param    = "arn:aws:ssm:eu-west-1:111122223333:parameter/app/db-host"
  key      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

run "defaults_are_the_aws_documents" {
  command = plan

  assert {
    condition     = aws_iam_role.execution_role.name == "ecsTaskExecutionRole" && aws_iam_role.execution_role.path == "/"
    error_message = "The role must be ecsTaskExecutionRole at path /."
  }
  assert {
    condition = jsondecode(aws_iam_role.execution_role.assume_role_policy) == {
      Version   = "2012-10-17"
      Statement = [{ Sid = "", Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
    }
    error_message = "The role must trust ecs-tasks.amazonaws.com exactly as seeds 001 and 002 do."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.execution_role_aws_managed_policy[0].policy_arn == "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    error_message = "AmazonECSTaskExecutionRolePolicy must be attached."
  }
  assert {
    condition     = length(aws_iam_role_policy.execution_role_private_registry_policy) + length(aws_iam_role_policy.execution_role_secrets_policy) + length(aws_iam_role_policy.execution_role_ecr_pull_policy) + length(aws_iam_policy.execution_role_customer_managed_secrets_policy) == 0
    error_message = "No optional policy may exist when its lists are empty."
  }
  assert {
    condition     = output.execution_role_name == "ecsTaskExecutionRole"
    error_message = "The name must be known at plan."
  }
}

run "private_registry_credentials" {
  command = plan

  variables {
    private_registry_secret_arns = [var.registry]
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.execution_role_private_registry_policy[0].policy).Statement == [{ Sid = "ReadRegistryCredentials", Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = [var.registry, "${var.registry}-??????"] }]
    error_message = "The registry policy must allow GetSecretValue on the registry secret only: its ARN ends like a complete one, so as given and completed with -??????."
  }
  assert {
    condition     = length(aws_iam_role_policy.execution_role_secrets_policy) == 0
    error_message = "No secrets policy without secrets."
  }
}

run "ecs_secrets_and_their_keys" {
  command = plan

  variables {
    secret_arns        = [var.secret]
    ssm_parameter_arns = [var.param]
    kms_key_arns       = [var.key]
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.execution_role_secrets_policy[0].policy).Statement == [
      { Sid = "ReadParameters", Effect = "Allow", Action = "ssm:GetParameters", Resource = [var.param] },
      { Sid = "ReadSecrets", Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = [var.secret, "${var.secret}-??????"] },
      { Sid = "DecryptSecrets", Effect = "Allow", Action = "kms:Decrypt", Resource = [var.key] },
    ]
    error_message = "Each action must apply to its own resources only."
  }
  assert {
    condition     = length(aws_iam_role_policy_attachment.execution_role_aws_managed_policy) == 1
    error_message = "Without a VPC restriction the managed policy stays attached."
  }
}

run "ecr_pulls_through_an_endpoint_replace_the_managed_policy" {
  command = plan

  variables {
    ecr_pull_vpce_ids = ["vpce-0123456789abcdef0"]
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.execution_role_aws_managed_policy) == 0
    error_message = "The managed policy allows pulls from anywhere: it must not be attached."
  }
  assert {
    condition = jsondecode(aws_iam_role_policy.execution_role_ecr_pull_policy[0].policy).Statement == [
      { Sid = "GetAuthorizationTokenAndWriteLogs", Effect = "Allow", Action = ["ecr:GetAuthorizationToken", "logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" },
      { Sid = "PullImagesThroughVpc", Effect = "Allow", Action = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource = "*", Condition = { StringEquals = { "aws:SourceVpce" = ["vpce-0123456789abcdef0"] } } },
    ]
    error_message = "Only the three pull actions may carry the endpoint condition."
  }
}

run "ecr_pulls_through_a_vpc_and_an_endpoint_need_both" {
  command = plan

  variables {
    ecr_pull_vpc_ids  = ["vpc-0123456789abcdef0"]
    ecr_pull_vpce_ids = ["vpce-0123456789abcdef0"]
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.execution_role_ecr_pull_policy[0].policy).Statement[1].Condition == { StringEquals = { "aws:SourceVpc" = ["vpc-0123456789abcdef0"], "aws:SourceVpce" = ["vpce-0123456789abcdef0"] } }
    error_message = "Both keys go in one StringEquals, as in the AWS example."
  }
}

run "managed_policy_style" {
  command = plan

  variables {
    policy_style = "managed"
    path         = "/web/"
    secret_arns  = [var.secret]
  }

  assert {
    condition     = length(aws_iam_role_policy.execution_role_secrets_policy) == 0 && aws_iam_policy.execution_role_customer_managed_secrets_policy[0].name == "ecsTaskExecutionRole-EcsSecrets" && aws_iam_policy.execution_role_customer_managed_secrets_policy[0].path == "/web/"
    error_message = "A customer managed policy replaces the inline one."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.execution_role_customer_managed_secrets_policy_attachment[0].role == "ecsTaskExecutionRole"
    error_message = "The customer managed policy must be attached to the role."
  }
}

run "source_account_id_guards_the_trust_statement" {
  command = plan

  variables {
    source_account_id = "111122223333"
  }

  assert {
    condition = jsondecode(aws_iam_role.execution_role.assume_role_policy).Statement == [{
      Sid       = ""
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" }, ArnLike = { "aws:SourceArn" = "arn:aws:ecs:*:111122223333:*" } }
    }]
    error_message = "The conditions must narrow the one trust statement."
  }
}

run "refuses_bad_lists_at_plan" {
  command = plan

  variables {
    secret_arns       = ["arn:aws:ssm:eu-west-1:111122223333:parameter/not-a-secret"]
    kms_key_arns      = ["arn:aws:kms:eu-west-1:111122223333:alias/an-alias"]
    ecr_pull_vpce_ids = ["vpc-0123456789abcdef0"]
    ecr_pull_vpc_ids  = ["vpce-0123456789abcdef0"]
  }

  expect_failures = [var.secret_arns, var.kms_key_arns, var.ecr_pull_vpce_ids, var.ecr_pull_vpc_ids]
}

run "the_name_can_be_a_prefix" {
  command = plan

  variables {
    use_name_prefix     = true
    execution_role_name = "web-"
  }

  assert {
    condition     = aws_iam_role.execution_role.name_prefix == "web-"
    error_message = "The role name input must become the role's name prefix."
  }
}

run "refuses_a_prefix_over_38_characters_at_plan" {
  command = plan

  variables {
    use_name_prefix     = true
    execution_role_name = "a-prefix-that-is-longer-than-38-characters"
  }

  expect_failures = [aws_iam_role.execution_role]
}
