# Sized by docs/capacity.md ("The plan"; deploy/tests/test_capacity_plan.py keeps them in step).
aws_account_id           = "123456789012"
environment              = "production"
region                   = "ap-south-1"
vpc_cidr                 = "10.40.0.0/16"
single_nat_gateway       = false
node_instance_types      = ["c6i.xlarge"]
node_count               = { min = 3, desired = 4, max = 30 }
db_instance_class        = "db.r6g.2xlarge"
db_allocated_storage_gb  = 100
db_backup_retention_days = 14
redis_node_type          = "cache.r6g.large"
redis_node_count         = 3
app_namespace            = "dhakacart"
admin_role_arn           = "arn:aws:iam::123456789012:role/dhakacart-platform-admin"
hosted_zone_id           = "Z0123456789ABCDEFGHIJ"
shop_domain              = "dhakacart.com"
media_domain             = "media.dhakacart.com"
