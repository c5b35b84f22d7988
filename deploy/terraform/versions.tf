terraform {
  # 1.10 is the first release whose S3 backend takes use_lockfile (backend/*.s3.tfbackend).
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
  }

  # State lives in S3, one key per environment; the settings are in backend/<env>.s3.tfbackend:
  #   terraform init -backend-config=backend/production.s3.tfbackend
  backend "s3" {}
}

provider "aws" {
  region = var.region
  # A plan against the wrong account (a stale profile) stops here, before it changes anything.
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = {
      Project     = "dhakacart"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

# CloudFront takes certificates from us-east-1 only: the media domain's certificate lives there.
provider "aws" {
  alias               = "us_east_1"
  region              = "us-east-1"
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = {
      Project     = "dhakacart"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
