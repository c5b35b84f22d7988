# Names, zones and address plan shared by every file.

data "aws_availability_zones" "available" {
  state = "available"

  # Named zones, not whatever the region offers: a zone AWS adds later never reshuffles the subnets.
  filter {
    name   = "zone-name"
    values = [for letter in var.availability_zone_letters : "${var.region}${letter}"]
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name = "dhakacart-${var.environment}"

  # EC2 Auto Scaling's service-linked role, which launches the node group's instances.
  autoscaling_service_role_arn = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
  azs                          = slice(data.aws_availability_zones.available.names, 0, var.availability_zone_count)

  # /24s for load balancers and NAT, /20s for nodes and pods (the VPC CNI gives every pod a
  # VPC address), /24s for the database and cache.
  public_subnet_cidrs   = [for index in range(var.availability_zone_count) : cidrsubnet(var.vpc_cidr, 8, index)]
  private_subnet_cidrs  = [for index in range(var.availability_zone_count) : cidrsubnet(var.vpc_cidr, 4, index + 2)]
  database_subnet_cidrs = [for index in range(var.availability_zone_count) : cidrsubnet(var.vpc_cidr, 8, index + 20)]
}
