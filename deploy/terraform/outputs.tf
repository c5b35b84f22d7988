# What the chart and the deploy steps need (deploy/README.md says where each one goes).

output "region" {
  description = "AWS region."
  value       = var.region
}

output "cluster_name" {
  description = "For `aws eks update-kubeconfig --name`."
  value       = aws_eks_cluster.main.name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = aws_eks_cluster.main.endpoint
}

output "ecr_repository_url" {
  description = "Chart value image.repository; push images here."
  value       = aws_ecr_repository.app.repository_url
}

output "database_address" {
  description = "Host of DATABASE_URL."
  value       = aws_db_instance.main.address
}

output "database_port" {
  description = "Port of DATABASE_URL."
  value       = aws_db_instance.main.port
}

output "database_name" {
  description = "Database of DATABASE_URL."
  value       = aws_db_instance.main.db_name
}

output "database_master_secret_arn" {
  description = "Secrets Manager secret with the database user and password for DATABASE_URL."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "redis_primary_endpoint" {
  description = "Host of REDIS_URL (rediss://:<token>@<host>:6379/0)."
  value       = aws_elasticache_replication_group.main.primary_endpoint_address
}

output "redis_auth_token" {
  description = "Password of REDIS_URL."
  value       = random_password.redis_auth.result
  sensitive   = true
}

output "media_bucket_name" {
  description = "Chart value config.mediaBucket (AWS_STORAGE_BUCKET_NAME)."
  value       = aws_s3_bucket.media.bucket
}

output "media_role_arn" {
  description = "Chart value serviceAccount.annotations.\"eks.amazonaws.com/role-arn\"."
  value       = aws_iam_role.media.arn
}

output "database_subnet_cidrs" {
  description = "Chart values networkPolicy.database.cidrs and networkPolicy.redis.cidrs."
  value       = aws_subnet.database[*].cidr_block
}
