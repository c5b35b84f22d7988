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
  description = "The database instance itself (restore drills); the app goes through database_proxy_endpoint."
  value       = aws_db_instance.main.address
}

output "database_proxy_endpoint" {
  description = "Host of DATABASE_URL: the RDS Proxy (already in the database_app secret)."
  value       = aws_db_proxy.main.endpoint
}

output "database_app_secret_arn" {
  description = "Chart value externalSecret.databaseSecret: the app role's credentials."
  value       = aws_secretsmanager_secret.database_app.arn
}

output "app_secret_arn" {
  description = "Chart value externalSecret.appSecret: SECRET_KEY, REDIS_URL, EMAIL_URL, METRICS_TOKEN."
  value       = aws_secretsmanager_secret.app.arn
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
  description = "The master user's rotating credentials, for operators only (never the app)."
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

output "media_cdn_domain" {
  description = "Chart value config.mediaCustomDomain (AWS_S3_CUSTOM_DOMAIN): the distribution's alias, with its certificate and DNS records."
  value       = one(aws_cloudfront_distribution.media.aliases)
}

output "static_url" {
  description = "Chart value config.staticUrl (STATIC_URL): static files through CloudFront, fetched from the shop."
  value       = "https://${one(aws_cloudfront_distribution.media.aliases)}/static/"
}

output "database_monitor_secret_arn" {
  description = "The postgres-exporter role's credentials (deploy/README.md, \"Cluster add-ons\")."
  value       = aws_secretsmanager_secret.database_monitor.arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the CloudWatch alarms (Redis bandwidth); subscribe the on-call rota."
  value       = aws_sns_topic.alarms.arn
}

output "node_security_group_id" {
  description = "The app nodes' security group (the database proxy and Redis admit it)."
  value       = aws_security_group.node.id
}

output "add_on_role_arns" {
  description = "IRSA role of each cluster add-on, for its ServiceAccount annotation (deploy/README.md, \"Cluster add-ons\")."
  value       = { for key, role in aws_iam_role.irsa : key => role.arn }
}
