aws_account_id           = "210987654321"
environment              = "staging"
region                   = "ap-south-1"
vpc_cidr                 = "10.30.0.0/16"
single_nat_gateway       = true
node_instance_types      = ["t3.medium"]
node_count               = { min = 3, desired = 3, max = 4 }
db_instance_class        = "db.t4g.small"
db_allocated_storage_gb  = 20
db_backup_retention_days = 7
redis_node_type          = "cache.t4g.micro"
redis_node_count         = 2
app_namespace            = "dhakacart-staging"
admin_role_arn           = "arn:aws:iam::210987654321:role/dhakacart-platform-admin"
hosted_zone_id           = "Z0123456789ABCDEFGHIJ"
shop_domain              = "staging.dhakacart.com"
media_domain             = "media.staging.dhakacart.com"
