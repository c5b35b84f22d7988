# PostgreSQL: Multi-AZ, encrypted, backed up, and protected from `terraform destroy`.

resource "aws_db_subnet_group" "main" {
  name       = local.name
  subnet_ids = aws_subnet.database[*].id
}

resource "aws_db_parameter_group" "main" {
  name   = "${local.name}-postgres${var.db_engine_version}"
  family = "postgres${var.db_engine_version}"

  # Clients must use TLS.
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  # Django sends SET TIME ZONE on every new connection unless the server's zone is already UTC,
  # and through the RDS Proxy a SET pins the client to one database connection for good.
  parameter {
    name  = "timezone"
    value = "UTC"
  }

  # Slow queries (over half a second) show up in the logs.
  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
}

resource "aws_iam_role" "rds_monitoring" {
  name = "${local.name}-rds-monitoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "rds_monitoring" {
  role       = aws_iam_role.rds_monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "main" {
  identifier     = local.name
  engine         = "postgres"
  engine_version = var.db_engine_version
  instance_class = var.db_instance_class

  allocated_storage     = var.db_allocated_storage_gb
  max_allocated_storage = var.db_allocated_storage_gb * 10
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.main.arn

  db_name  = "dhakacart"
  username = "dhakacart"
  # RDS keeps the master password in Secrets Manager (output database_master_secret_arn) and
  # rotates it every 7 days. The app never uses it: it logs in as its own role through the
  # proxy (database_access.tf).
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.main.arn

  multi_az               = true
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.database.id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.main.name
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  backup_retention_period   = var.db_backup_retention_days
  backup_window             = "20:00-21:00" # 02:00-03:00 in Dhaka, the quietest hour
  maintenance_window        = "sun:21:00-sun:22:00"
  copy_tags_to_snapshot     = true
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${local.name}-final"

  auto_minor_version_upgrade          = true
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.rds_monitoring.arn
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = aws_kms_key.main.arn
}
