# How the app reaches the database: as its own role (never the master user), through an RDS
# Proxy, with credentials that travel from Secrets Manager to the cluster by the External
# Secrets Operator (chart value externalSecret; deploy/README.md, "Secrets").
#
# - The master password stays RDS-managed and rotates every 7 days; nothing of the app uses it.
# - The app role's password lives in database_app (JSON: username, password, host, port,
#   dbname). The proxy authenticates the app with it and logs in to PostgreSQL as that role.
#   deploy/README.md creates the role once, with this password.
# - Connections: web pods x gunicorn workers + worker pods x concurrency, each held open
#   (CONN_MAX_AGE), would grow with every autoscaled pod; the proxy multiplexes them onto at most
#   max_connections_percent of the database's connections and survives a Multi-AZ failover
#   without the clients reconnecting to a new address.

resource "random_password" "database_app" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "database_app" {
  # checkov:skip=CKV2_AWS_57: rotating the app role needs ALTER ROLE in PostgreSQL and the secret together; deploy/README.md ("Rotate secrets") does both, and ESO plus Reloader carry it to the pods
  name                    = "${local.name}/database-app"
  description             = "DhakaCart ${var.environment}: the app's PostgreSQL role, for the RDS Proxy and the External Secrets Operator"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "database_app" {
  secret_id = aws_secretsmanager_secret.database_app.id
  secret_string = jsonencode({
    username = var.db_app_username
    password = random_password.database_app.result
    host     = aws_db_proxy.main.endpoint
    port     = 5432
    dbname   = aws_db_instance.main.db_name
  })
}

# The app's other secrets, in the same place (chart value externalSecret.appSecret).
resource "random_password" "secret_key" {
  length  = 64
  special = false
}

resource "random_password" "metrics_token" {
  length  = 40
  special = false
}

resource "aws_secretsmanager_secret" "app" {
  # checkov:skip=CKV2_AWS_57: SECRET_KEY rotation signs every shopper out, so it is done on purpose (terraform apply -replace), not on a timer
  name                    = "${local.name}/app"
  description             = "DhakaCart ${var.environment}: SECRET_KEY, REDIS_URL, EMAIL_URL, METRICS_TOKEN for the app's Secret"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  secret_string = jsonencode({
    SECRET_KEY     = random_password.secret_key.result
    REDIS_URL      = "rediss://:${random_password.redis_auth.result}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379/0"
    REDIS_PASSWORD = random_password.redis_auth.result
    EMAIL_URL      = var.email_url
    METRICS_TOKEN  = random_password.metrics_token.result
  })
}

# postgres-exporter's read-only role (pg_monitor), through the proxy like the app, so the
# DhakaCartDatabaseConnectionsHigh alert has numbers to read.
resource "random_password" "database_monitor" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "database_monitor" {
  # checkov:skip=CKV2_AWS_57: as the app role: rotating needs ALTER ROLE and the secret together, done by hand (deploy/README.md, "Rotate secrets")
  name                    = "${local.name}/database-monitor"
  description             = "DhakaCart ${var.environment}: postgres-exporter's read-only PostgreSQL role, for the RDS Proxy"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "database_monitor" {
  secret_id = aws_secretsmanager_secret.database_monitor.id
  secret_string = jsonencode({
    username = var.db_monitor_username
    password = random_password.database_monitor.result
    host     = aws_db_proxy.main.endpoint
    port     = 5432
    dbname   = aws_db_instance.main.db_name
  })
}

# --- RDS Proxy ------------------------------------------------------------------------------

data "aws_iam_policy_document" "database_proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "database_proxy" {
  statement {
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.database_app.arn,
      aws_secretsmanager_secret.database_monitor.arn,
      aws_db_instance.main.master_user_secret[0].secret_arn,
    ]
  }

  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.main.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "database_proxy" {
  name               = "${local.name}-database-proxy"
  assume_role_policy = data.aws_iam_policy_document.database_proxy_assume.json
}

resource "aws_iam_role_policy" "database_proxy" {
  name   = "read-database-secrets"
  role   = aws_iam_role.database_proxy.id
  policy = data.aws_iam_policy_document.database_proxy.json
}

resource "aws_db_proxy" "main" {
  name                   = local.name
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.database_proxy.arn
  vpc_subnet_ids         = aws_subnet.database[*].id
  vpc_security_group_ids = [aws_security_group.database_proxy.id]
  # Clients must use TLS; the proxy's certificate is from Amazon's public CA, so
  # sslmode=verify-full works with the system trust store (chart value databaseOptions).
  require_tls         = true
  idle_client_timeout = 1800

  # The app's role, and the master user for operators (restore drills, creating the app role).
  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "DISABLED"
    secret_arn  = aws_secretsmanager_secret.database_app.arn
    description = "the app's role"
  }

  # The proxy admits only the users listed here: without this one postgres-exporter cannot log
  # in, pg_up is 0 and the connections alert has nothing to read.
  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "DISABLED"
    secret_arn  = aws_secretsmanager_secret.database_monitor.arn
    description = "postgres-exporter's read-only role"
  }

  auth {
    auth_scheme = "SECRETS"
    iam_auth    = "DISABLED"
    secret_arn  = aws_db_instance.main.master_user_secret[0].secret_arn
    description = "the master user, for operators"
  }
}

resource "aws_db_proxy_default_target_group" "main" {
  db_proxy_name = aws_db_proxy.main.name

  connection_pool_config {
    # Leaves a tenth of the database's connections for operators and the proxy's failover.
    max_connections_percent      = 90
    max_idle_connections_percent = 50
    connection_borrow_timeout    = 10
    # No session_pinning_filters: its only filter, EXCLUDE_VARIABLE_SETS, is for MySQL. With
    # PostgreSQL a SET pins the client; the parameter group's timezone = UTC keeps Django from
    # sending one (rds.tf), and the chart's connection arithmetic assumes pinned clients
    # anyway (docs/capacity.md, "Database connections").
  }
}

resource "aws_db_proxy_target" "main" {
  db_proxy_name          = aws_db_proxy.main.name
  target_group_name      = aws_db_proxy_default_target_group.main.name
  db_instance_identifier = aws_db_instance.main.identifier

  # The proxy checks its credentials when the target registers.
  depends_on = [aws_secretsmanager_secret_version.database_app, aws_secretsmanager_secret_version.database_monitor]
}
