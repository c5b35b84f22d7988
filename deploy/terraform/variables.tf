variable "environment" {
  description = "Deployment name, used in every resource name: staging or production."
  type        = string

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be \"staging\" or \"production\"."
  }
}

variable "aws_account_id" {
  description = "The only AWS account this environment may be applied to (provider allowed_account_ids)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be the 12-digit account number."
  }
}

variable "region" {
  description = "AWS region. Mumbai (ap-south-1) is the closest to Bangladesh."
  type        = string
  default     = "ap-south-1"

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like ap-south-1."
  }
}

variable "vpc_cidr" {
  description = "The VPC's address range; every subnet is carved out of it."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 16
    error_message = "vpc_cidr must be a valid IPv4 CIDR of /16 or larger."
  }
}

variable "availability_zone_count" {
  description = "How many availability zones to spread subnets, nodes, database and cache over."
  type        = number
  default     = 3

  validation {
    condition     = var.availability_zone_count == 3
    error_message = "The layout assumes three availability zones."
  }
}

variable "availability_zone_letters" {
  description = "The region's zones to use, by letter (ap-south-1a, 1b, 1c): one per subnet of each tier."
  type        = list(string)
  default     = ["a", "b", "c"]

  validation {
    condition     = length(var.availability_zone_letters) == 3 && alltrue([for letter in var.availability_zone_letters : can(regex("^[a-z]$", letter))])
    error_message = "Name three zones by their letter, for example [\"a\", \"b\", \"c\"]."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper, for staging) instead of one per zone."
  type        = bool
  default     = false
}

variable "kubernetes_version" {
  description = "EKS control plane version; keep it in EKS standard support (check the EKS release calendar before each Eid)."
  type        = string
  default     = "1.34"

  validation {
    condition     = can(regex("^1\\.(3[3-9])$", var.kubernetes_version))
    error_message = "kubernetes_version must be 1.33 or newer (older ones are out of standard support), as MAJOR.MINOR."
  }
}

variable "node_instance_types" {
  description = "EC2 instance types for the managed node group."
  type        = list(string)
  default     = ["t3.large"]

  validation {
    condition     = length(var.node_instance_types) > 0
    error_message = "Give at least one instance type."
  }
}

variable "node_count" {
  description = "Managed node group size: min, desired and max nodes."
  type = object({
    min     = number
    desired = number
    max     = number
  })
  default = { min = 3, desired = 3, max = 6 }

  validation {
    condition     = var.node_count.min >= 3 && var.node_count.min <= var.node_count.desired && var.node_count.desired <= var.node_count.max
    error_message = "node_count needs 3 <= min <= desired <= max (one node per zone at least)."
  }
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.t4g.medium"

  validation {
    condition     = startswith(var.db_instance_class, "db.")
    error_message = "db_instance_class must be an RDS class such as db.t4g.medium."
  }
}

variable "db_allocated_storage_gb" {
  description = "Initial database storage; it grows on its own up to ten times this."
  type        = number
  default     = 50

  validation {
    condition     = var.db_allocated_storage_gb >= 20 && var.db_allocated_storage_gb <= 6000
    error_message = "db_allocated_storage_gb must be between 20 and 6000."
  }
}

variable "db_engine_version" {
  description = "PostgreSQL major version."
  type        = string
  default     = "16"

  validation {
    condition     = contains(["15", "16", "17"], var.db_engine_version)
    error_message = "db_engine_version must be 15, 16 or 17."
  }
}

variable "db_backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 7 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 7 and 35."
  }
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.small"

  validation {
    condition     = startswith(var.redis_node_type, "cache.")
    error_message = "redis_node_type must be an ElastiCache type such as cache.t4g.small."
  }
}

variable "redis_node_count" {
  description = "Redis nodes: one primary and the rest replicas, in different zones."
  type        = number
  default     = 2

  validation {
    condition     = var.redis_node_count >= 2 && var.redis_node_count <= 6
    error_message = "redis_node_count must be 2 to 6 (a replica is needed for failover)."
  }
}

variable "app_namespace" {
  description = "Kubernetes namespace the chart is installed in (for the media bucket's IAM role)."
  type        = string
  default     = "dhakacart"
}

variable "app_service_account" {
  description = "The chart's ServiceAccount name (the release's full name)."
  type        = string
  default     = "dhakacart"
}

variable "admin_role_arn" {
  description = "IAM role that administers the cluster (an EKS access entry with the cluster-admin policy)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.admin_role_arn))
    error_message = "admin_role_arn must be an IAM role ARN."
  }
}

variable "hosted_zone_id" {
  description = "Route 53 hosted zone external-dns may write the shop's records to."
  type        = string

  validation {
    condition     = can(regex("^Z[A-Z0-9]{5,32}$", var.hosted_zone_id))
    error_message = "hosted_zone_id must be a Route 53 zone id such as Z0123456789ABCDEFGHIJ."
  }
}

variable "email_url" {
  description = "Outgoing mail for the app (EMAIL_URL, e.g. smtp+tls://user:password@host:587). Set it with TF_VAR_email_url, never in a file."
  type        = string
  default     = ""
  sensitive   = true

  validation {
    condition     = var.email_url == "" || can(regex("^(smtp|smtp\\+tls|smtp\\+ssl|submission)://", var.email_url))
    error_message = "email_url must be an smtp://, smtp+tls://, smtp+ssl:// or submission:// URL."
  }
}

variable "db_app_username" {
  description = "The PostgreSQL role the app logs in as (not the master user); deploy/README.md creates it."
  type        = string
  default     = "dhakacart_app"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{2,62}$", var.db_app_username)) && var.db_app_username != "dhakacart"
    error_message = "db_app_username must be a lower-case PostgreSQL name other than the master user's."
  }
}

variable "shop_domain" {
  description = "The shop's public host (the chart's first ingress.hosts entry); CloudFront fetches /static/ from it."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.shop_domain))
    error_message = "shop_domain must be a host name such as dhakacart.com."
  }
}

variable "media_domain" {
  description = "Host of product images and static files on CloudFront (chart value config.mediaCustomDomain), in hosted_zone_id."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.media_domain))
    error_message = "media_domain must be a host name such as media.dhakacart.com."
  }
}

variable "db_monitor_username" {
  description = "The read-only PostgreSQL role postgres-exporter logs in as through the proxy; deploy/README.md creates it."
  type        = string
  default     = "dhakacart_monitor"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{2,62}$", var.db_monitor_username)) && var.db_monitor_username != "dhakacart"
    error_message = "db_monitor_username must be a lower-case PostgreSQL name other than the master user's."
  }
}
