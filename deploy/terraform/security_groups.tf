# The database and the cache admit the EKS cluster's security group (every node and pod) on
# their one port, and nothing else. Within the cluster, the chart's NetworkPolicy narrows
# that to the app's pods.

resource "aws_security_group" "database" {
  name        = "${local.name}-database"
  description = "PostgreSQL: reachable from the EKS cluster only"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "PostgreSQL from the EKS cluster"
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_eks_cluster.main.vpc_config[0].cluster_security_group_id]
  }

  tags = { Name = "${local.name}-database" }
}

resource "aws_security_group" "redis" {
  name        = "${local.name}-redis"
  description = "Redis: reachable from the EKS cluster only"
  vpc_id      = aws_vpc.main.id

  ingress {
    description     = "Redis from the EKS cluster"
    protocol        = "tcp"
    from_port       = 6379
    to_port         = 6379
    security_groups = [aws_eks_cluster.main.vpc_config[0].cluster_security_group_id]
  }

  tags = { Name = "${local.name}-redis" }
}
