# Who reaches the data stores: the app's nodes (and so their pods) reach the database proxy and
# Redis; only the proxy reaches the database. Within the cluster, the chart's NetworkPolicies
# (enforced by the VPC CNI's policy agent, eks.tf) narrow that to the app's pods.

# Attached to every node of the app's node group (the launch template), in addition to the
# cluster's own group. It opens nothing by itself; other groups name it as their source.
resource "aws_security_group" "node" {
  name        = "${local.name}-node"
  description = "EKS nodes of the app; the database proxy and Redis admit this group"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-node" }
}

resource "aws_security_group" "database_proxy" {
  # checkov:skip=CKV2_AWS_5: it is attached, to aws_db_proxy.vpc_security_group_ids in database_access.tf, a link this check does not follow
  name        = "${local.name}-database-proxy"
  description = "RDS Proxy: reachable from the app nodes only"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "PostgreSQL from the app nodes"
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.node.id]
  }

  egress {
    description = "PostgreSQL to the database in its subnets"
    protocol    = "tcp"
    from_port   = 5432
    to_port     = 5432
    cidr_blocks = local.database_subnet_cidrs
  }

  tags = { Name = "${local.name}-database-proxy" }
}

resource "aws_security_group" "database" {
  name        = "${local.name}-database"
  description = "PostgreSQL: reachable from its RDS Proxy only"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "PostgreSQL from the RDS Proxy"
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.database_proxy.id]
  }

  tags = { Name = "${local.name}-database" }
}

resource "aws_security_group" "redis" {
  name        = "${local.name}-redis"
  description = "Redis: reachable from the app nodes only"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "Redis from the app nodes"
    protocol        = "tcp"
    from_port       = 6379
    to_port         = 6379
    security_groups = [aws_security_group.node.id]
  }

  tags = { Name = "${local.name}-redis" }
}
