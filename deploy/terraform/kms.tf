# One customer-managed key per environment encrypts the database, cache, bucket, registry,
# Kubernetes secrets and logs; rotation is automatic.

data "aws_iam_policy_document" "kms" {
  # checkov:skip=CKV_AWS_111: a key policy's resource "*" means this key only; the account statement is AWS's required default
  # checkov:skip=CKV_AWS_356: same: in a key policy "*" is the key itself, not every resource
  # checkov:skip=CKV_AWS_109: same: without the account statement the key could become unmanageable
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  # CloudWatch Logs encrypts the VPC flow logs, EKS and Redis logs with this key.
  statement {
    sid       = "CloudWatchLogsEncrypt"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${var.region}:${data.aws_caller_identity.current.account_id}:log-group:*"]
    }
  }

  # Node volumes are encrypted with this key, and EC2 Auto Scaling launches the nodes through its
  # service-linked role: without these two statements no node starts (the instances terminate
  # at launch with Client.InvalidKMSKey.InvalidState).
  statement {
    sid       = "AutoScalingUsesTheKeyForNodeVolumes"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.autoscaling_service_role_arn]
    }
  }

  statement {
    sid       = "AutoScalingGrantsTheKeyToNodeVolumes"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.autoscaling_service_role_arn]
    }

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  # CloudWatch alarms publish to the encrypted alarm topic (alarms.tf).
  statement {
    sid       = "CloudWatchAlarmsPublishToTheTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }

  # CloudFront reads the media bucket's objects (encrypted with this key) for this account's
  # distributions only.
  statement {
    sid       = "CloudFrontDecryptsMedia"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "AWS:SourceArn"
      values   = ["arn:${data.aws_partition.current.partition}:cloudfront::${data.aws_caller_identity.current.account_id}:distribution/*"]
    }
  }
}

# The key policy names EC2 Auto Scaling's service-linked role, and KMS refuses a policy whose
# principal does not exist: a fresh account has no such role until its first Auto Scaling group,
# so it is made here, first. An account that has it already: `terraform import
# aws_iam_service_linked_role.autoscaling <its ARN>` before the first apply (deploy/README.md).
resource "aws_iam_service_linked_role" "autoscaling" {
  aws_service_name = "autoscaling.amazonaws.com"
}

resource "aws_kms_key" "main" {
  description             = "${local.name}: data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json

  depends_on = [aws_iam_service_linked_role.autoscaling]
}

resource "aws_kms_alias" "main" {
  name          = "alias/${local.name}"
  target_key_id = aws_kms_key.main.key_id
}
