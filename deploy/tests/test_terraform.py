"""Terraform: formatting, a Checkov scan, and the properties SPEC §15 asks for, read from the HCL.

No provider can be downloaded here, so nothing is planned: the tests read the configuration.
"""

import json
import os
import re
import shutil
import subprocess
import warnings

import hcl2
import pytest

from .contract import ROOT

TERRAFORM = ROOT / "deploy" / "terraform"
CLUSTER_SECURITY_GROUP = "${aws_eks_cluster.main.vpc_config[0].cluster_security_group_id}"
SKIP = re.compile(r"#\s*checkov:skip=([A-Z0-9_]+)(.*)")
# Checkov has a virtualenv of its own (`make deploy-tools`, a prerequisite of `make test`): its
# releases require packaging<24, which pytest 9 cannot share.
CHECKOV = ROOT / ".venv-deploy" / "bin" / "checkov"
PINNED_CHECKOV = re.search(r"^checkov==(\S+)$", (ROOT / "requirements-checkov.txt").read_text(), re.M)[1]


def attributes(value):
    """python-hcl2 wraps every attribute and block in a list: unwrap those, at every level."""
    if isinstance(value, dict):
        return {
            key: item if key.startswith("__") else attributes(item[0] if _single(item) else item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [attributes(item) for item in value]
    return value


def _single(item) -> bool:
    return isinstance(item, list) and len(item) == 1


def load(kind: str) -> dict[str, dict]:
    """Every `kind` block of the configuration as {"type.name": attributes} (or {name: ...})."""
    found = {}
    for path in sorted(TERRAFORM.glob("*.tf")):
        with path.open() as file:
            parsed = hcl2.load(file)
        for block in parsed.get(kind, []):
            for first, body in block.items():
                if kind in ("resource", "data"):
                    for name, attrs in body.items():
                        found[f"{first}.{name}"] = attributes(attrs)
                else:
                    found[first] = attributes(body)
    return found


RESOURCES = load("resource")
VARIABLES = load("variable")


def tfvars(name: str) -> dict:
    with (TERRAFORM / name).open() as file:
        return attributes(hcl2.load(file))


def test_terraform_files_are_formatted():
    """`terraform fmt -check` where the binary is installed; the parse and whitespace checks always."""
    files = sorted(TERRAFORM.rglob("*.tf")) + sorted(TERRAFORM.rglob("*.tfvars"))
    for path in files:
        text = path.read_text()
        with path.open() as file:
            hcl2.load(file)
        assert "\t" not in text, path
        assert text.endswith("\n") and not text.endswith("\n\n"), path
        assert not [n for n, line in enumerate(text.splitlines(), 1) if line != line.rstrip()], path

    binary = shutil.which("terraform")
    if binary is None:
        warnings.warn(
            "terraform is not on PATH: `terraform fmt -check` was not run (deploy/README.md)", stacklevel=1
        )
        return
    result = subprocess.run(
        [binary, "fmt", "-check", "-recursive", "-diff"],
        cwd=TERRAFORM,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "CHECKPOINT_DISABLE": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def inline_skips() -> list[tuple[str, str]]:
    return [
        (match.group(1), match.group(2))
        for path in TERRAFORM.glob("*.tf")
        for match in SKIP.finditer(path.read_text())
    ]


def test_every_checkov_skip_carries_its_reason_inline():
    skips = inline_skips()

    assert skips
    for check, reason in skips:
        assert reason.startswith(": ") and len(reason.strip(": ")) >= 30, check


def test_checkov_reports_no_failed_checks():
    if not CHECKOV.exists():
        pytest.fail(f"{CHECKOV.relative_to(ROOT)} is missing: `make deploy-tools` installs Checkov there")
    result = subprocess.run(
        [
            str(CHECKOV),
            "--directory",
            str(TERRAFORM),
            "--framework",
            "terraform",
            "--output",
            "json",
            "--compact",
            "--skip-download",
            "--download-external-modules",
            "false",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        # No network: no guideline download, no update check.
        env={
            **os.environ,
            "BC_SKIP_MAPPING": "TRUE",
            "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false",
            "TF_CLI_CONFIG_FILE": os.devnull,
        },
    )

    report = json.loads(result.stdout)
    summary = report["summary"]
    assert summary["checkov_version"] == PINNED_CHECKOV  # else: `make deploy-tools` brings it up to date
    failed = [(c["check_id"], c["resource"]) for c in report.get("results", {}).get("failed_checks", [])]
    assert failed == []
    assert summary["failed"] == 0
    assert summary["parsing_errors"] == 0
    skipped = report["results"]["skipped_checks"]
    assert {c["check_id"] for c in skipped} == {check for check, _ in inline_skips()}
    assert all(c["check_result"].get("suppress_comment") for c in skipped)
    assert summary["passed"] > 150
    assert result.returncode == 0


def test_the_vpc_spans_three_zones_with_public_private_and_database_subnets():
    validation = VARIABLES["availability_zone_count"]["validation"]

    assert VARIABLES["availability_zone_count"]["default"] == 3
    assert "var.availability_zone_count == 3" in validation["condition"]
    for tier in ("public", "private", "database"):
        subnet = RESOURCES[f"aws_subnet.{tier}"]
        assert subnet["count"] == "${var.availability_zone_count}"
        assert subnet["availability_zone"] == "${local.azs[count.index]}"
    assert RESOURCES["aws_subnet.public"]["map_public_ip_on_launch"] is False
    # Database subnets have no route out.
    assert "route" not in RESOURCES["aws_route_table.database"]


def test_eks_runs_a_managed_node_group_in_the_private_subnets_with_secrets_encrypted():
    cluster = RESOURCES["aws_eks_cluster.main"]
    nodes = RESOURCES["aws_eks_node_group.main"]

    assert cluster["vpc_config"]["endpoint_public_access"] is False
    assert cluster["encryption_config"]["resources"] == ["secrets"]
    assert nodes["cluster_name"] == "${aws_eks_cluster.main.name}"
    assert nodes["subnet_ids"] == "${aws_subnet.private[*].id}"


def test_the_database_is_multi_az_encrypted_backed_up_and_protected_from_deletion():
    database = RESOURCES["aws_db_instance.main"]
    retention = VARIABLES["db_backup_retention_days"]

    assert database["engine"] == "postgres"
    assert database["multi_az"] is True
    assert database["storage_encrypted"] is True
    assert database["kms_key_id"] == "${aws_kms_key.main.arn}"
    assert database["deletion_protection"] is True
    assert database["skip_final_snapshot"] is False
    assert database["publicly_accessible"] is False
    assert database["backup_retention_period"] == "${var.db_backup_retention_days}"
    assert "var.db_backup_retention_days >= 7" in retention["validation"]["condition"]
    assert retention["default"] >= 7
    for environment in ("staging.tfvars", "production.tfvars"):
        assert tfvars(environment)["db_backup_retention_days"] >= 7


def test_redis_replicates_and_encrypts_in_transit_and_at_rest_with_an_auth_token():
    redis = RESOURCES["aws_elasticache_replication_group.main"]

    assert redis["transit_encryption_enabled"] is True
    assert redis["at_rest_encryption_enabled"] is True
    assert redis["auth_token"] == "${random_password.redis_auth.result}"
    assert redis["automatic_failover_enabled"] is True
    assert redis["multi_az_enabled"] is True
    assert "var.redis_node_count >= 2" in VARIABLES["redis_node_count"]["validation"]["condition"]


def test_the_media_bucket_blocks_public_access_and_is_encrypted():
    block = RESOURCES["aws_s3_bucket_public_access_block.media"]
    encryption = RESOURCES["aws_s3_bucket_server_side_encryption_configuration.media"]

    assert block["bucket"] == "${aws_s3_bucket.media.id}"
    for setting in (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    ):
        assert block[setting] is True, setting
    assert encryption["bucket"] == "${aws_s3_bucket.media.id}"
    default = encryption["rule"]["apply_server_side_encryption_by_default"]
    assert default == {"sse_algorithm": "aws:kms", "kms_master_key_id": "${aws_kms_key.main.arn}"}
    assert RESOURCES["aws_s3_bucket_versioning.media"]["versioning_configuration"]["status"] == "Enabled"


def test_the_registry_scans_every_push_and_never_overwrites_a_tag():
    registry = RESOURCES["aws_ecr_repository.app"]

    assert registry["image_scanning_configuration"]["scan_on_push"] is True
    assert registry["image_tag_mutability"] == "IMMUTABLE"


NODE_GROUP = "${aws_security_group.node.id}"
PROXY_GROUP = "${aws_security_group.database_proxy.id}"


@pytest.mark.parametrize(
    ("group", "port", "source", "user"),
    [
        ("database_proxy", 5432, NODE_GROUP, "aws_db_proxy.main"),
        ("database", 5432, PROXY_GROUP, "aws_db_instance.main"),
        ("redis", 6379, NODE_GROUP, "aws_elasticache_replication_group.main"),
    ],
)
def test_the_proxy_and_cache_admit_only_the_app_nodes_and_the_database_only_the_proxy(
    group, port, source, user
):
    security_group = RESOURCES[f"aws_security_group.{group}"]

    ingress = security_group["ingress"]
    assert ingress["security_groups"] == [source]
    assert (ingress["from_port"], ingress["to_port"], ingress["protocol"]) == (port, port, "tcp")
    assert not {"cidr_blocks", "ipv6_cidr_blocks", "self", "prefix_list_ids"} & ingress.keys()
    attached = RESOURCES[user].get("vpc_security_group_ids") or RESOURCES[user].get("security_group_ids")
    assert attached == [f"${{aws_security_group.{group}.id}}"]
    # No separate rule resource opens any group to anything else.
    assert not [name for name in RESOURCES if "security_group_rule" in name or "ingress_rule" in name]


def test_only_the_proxy_talks_out_and_only_to_the_database_subnets_on_its_port():
    egress = RESOURCES["aws_security_group.database_proxy"]["egress"]

    assert (egress["from_port"], egress["to_port"], egress["protocol"]) == (5432, 5432, "tcp")
    assert egress["cidr_blocks"] == "${local.database_subnet_cidrs}"
    for group in ("database", "redis", "node"):
        assert "egress" not in RESOURCES[f"aws_security_group.{group}"], group
    assert "ingress" not in RESOURCES["aws_security_group.node"]


def test_every_app_node_carries_the_node_group_and_the_clusters_own_group():
    template = RESOURCES["aws_launch_template.node"]

    assert template["vpc_security_group_ids"] == [CLUSTER_SECURITY_GROUP, NODE_GROUP]
    assert RESOURCES["aws_eks_node_group.main"]["launch_template"]["id"] == "${aws_launch_template.node.id}"


def key_policy() -> list[dict]:
    statements = load("data")["aws_iam_policy_document.kms"]["statement"]
    return statements if isinstance(statements, list) else [statements]


def test_the_key_policy_lets_ec2_auto_scaling_launch_nodes_with_encrypted_volumes():
    statements = {s["sid"]: s for s in key_policy()}
    role = "${local.autoscaling_service_role_arn}"

    use = statements["AutoScalingUsesTheKeyForNodeVolumes"]
    assert use["principals"] == {"type": "AWS", "identifiers": [role]}
    assert {"kms:Decrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"} <= set(use["actions"])
    grant = statements["AutoScalingGrantsTheKeyToNodeVolumes"]
    assert grant["actions"] == ["kms:CreateGrant"]
    assert grant["condition"] == {"test": "Bool", "variable": "kms:GrantIsForAWSResource", "values": ["true"]}
    (arn,) = load("locals")["autoscaling_service_role_arn"]
    assert arn.endswith(":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling")
    ebs = RESOURCES["aws_launch_template.node"]["block_device_mappings"]["ebs"]
    assert ebs["encrypted"] is True and ebs["kms_key_id"] == "${aws_kms_key.main.arn}"


def test_the_app_logs_in_as_its_own_role_through_the_proxy_with_credentials_from_secrets_manager():
    proxy = RESOURCES["aws_db_proxy.main"]
    secret = RESOURCES["aws_secretsmanager_secret_version.database_app"]["secret_string"]
    pool = RESOURCES["aws_db_proxy_default_target_group.main"]["connection_pool_config"]

    assert proxy["require_tls"] is True
    assert proxy["vpc_subnet_ids"] == "${aws_subnet.database[*].id}"
    auth_secrets = [auth["secret_arn"] for auth in proxy["auth"]]
    assert auth_secrets[0] == "${aws_secretsmanager_secret.database_app.arn}"
    assert "${aws_db_proxy.main.endpoint}" in secret and "${var.db_app_username}" in secret
    assert "master" not in secret
    assert VARIABLES["db_app_username"]["default"] != RESOURCES["aws_db_instance.main"]["username"]
    assert pool["max_connections_percent"] <= 90
    assert (
        RESOURCES["aws_db_proxy_target.main"]["db_instance_identifier"]
        == "${aws_db_instance.main.identifier}"
    )
    # The External Secrets Operator may read exactly the app's secrets.
    eso = load("data")["aws_iam_policy_document.external_secrets"]["statement"]
    assert eso[0]["resources"] == [
        "${aws_secretsmanager_secret.database_app.arn}",
        "${aws_secretsmanager_secret.app.arn}",
        "${aws_secretsmanager_secret.database_monitor.arn}",
    ]


def test_postgres_exporter_can_log_in_through_the_proxy_and_no_mysql_only_filter_is_set():
    proxy = RESOURCES["aws_db_proxy.main"]
    pool = RESOURCES["aws_db_proxy_default_target_group.main"]["connection_pool_config"]
    parameters = {p["name"]: p["value"] for p in RESOURCES["aws_db_parameter_group.main"]["parameter"]}
    secret = RESOURCES["aws_secretsmanager_secret_version.database_monitor"]["secret_string"]

    # The proxy admits only the users in its auth list.
    assert "${aws_secretsmanager_secret.database_monitor.arn}" in [a["secret_arn"] for a in proxy["auth"]]
    assert "${var.db_monitor_username}" in secret and "${aws_db_proxy.main.endpoint}" in secret
    # EXCLUDE_VARIABLE_SETS is a MySQL filter; PostgreSQL keeps Django from SETting the zone.
    assert "session_pinning_filters" not in pool
    assert parameters["timezone"] == "UTC"


def test_the_autoscaling_service_linked_role_exists_before_the_key_policy_names_it():
    role = RESOURCES["aws_iam_service_linked_role.autoscaling"]

    assert role["aws_service_name"] == "autoscaling.amazonaws.com"
    assert RESOURCES["aws_kms_key.main"]["depends_on"] == ["${aws_iam_service_linked_role.autoscaling}"]


def test_every_redis_node_alarms_when_its_network_bandwidth_allowance_runs_out():
    alarm = RESOURCES["aws_cloudwatch_metric_alarm.redis_bandwidth"]
    topic = RESOURCES["aws_sns_topic.alarms"]

    assert alarm["count"] == "${var.redis_node_count}"
    assert (alarm["namespace"], alarm["metric_name"]) == (
        "AWS/ElastiCache",
        "NetworkBandwidthOutAllowanceExceeded",
    )
    assert (alarm["comparison_operator"], alarm["threshold"]) == ("GreaterThanThreshold", 0)
    # ElastiCache names a replication group's nodes <group>-001, -002, ...
    assert "%s-%03d" in alarm["dimensions"]["CacheClusterId"]
    assert alarm["alarm_actions"] == ["${aws_sns_topic.alarms.arn}"]
    assert topic["kms_master_key_id"] == "${aws_kms_key.main.id}"


def test_network_policies_are_enforced_and_the_core_add_ons_are_managed_by_eks():
    addons = {r["addon_name"]: r for name, r in RESOURCES.items() if name.startswith("aws_eks_addon.")}

    assert set(addons) == {"vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver"}
    # python-hcl2 prints the jsonencode() argument as a Python dict.
    assert addons["vpc-cni"]["configuration_values"] == "${jsonencode({'enableNetworkPolicy': 'true'})}"
    assert addons["aws-ebs-csi-driver"]["service_account_role_arn"] == '${aws_iam_role.irsa["ebs_csi"].arn}'


def test_the_cluster_uses_access_entries_a_supported_version_and_irsa_for_its_add_ons():
    cluster = RESOURCES["aws_eks_cluster.main"]
    access = RESOURCES["aws_eks_access_policy_association.admin"]
    version = VARIABLES["kubernetes_version"]

    assert cluster["access_config"]["authentication_mode"] == "API"
    assert RESOURCES["aws_eks_access_entry.admin"]["principal_arn"] == "${var.admin_role_arn}"
    assert access["policy_arn"].endswith(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
    assert access["access_scope"] == {"type": "cluster"}
    assert tuple(int(part) for part in version["default"].split(".")) >= (1, 33)
    assert "3[3-9]" in version["validation"]["condition"]
    (accounts,) = load("locals")["irsa_service_accounts"]
    assert accounts == {
        "ebs_csi": "kube-system/ebs-csi-controller-sa",
        "load_balancer_controller": "kube-system/aws-load-balancer-controller",
        "external_dns": "external-dns/external-dns",
        "cluster_autoscaler": "kube-system/cluster-autoscaler",
        "external_secrets": "external-secrets/external-secrets",
    }
    dns = load("data")["aws_iam_policy_document.external_dns"]["statement"][0]
    assert dns["resources"] == [
        "arn:${data.aws_partition.current.partition}:route53:::hostedzone/${var.hosted_zone_id}"
    ]


def test_media_is_served_by_cloudfront_which_alone_may_read_the_private_bucket():
    distribution = RESOURCES["aws_cloudfront_distribution.media"]
    access = RESOURCES["aws_cloudfront_origin_access_control.media"]
    bucket_policy = {s["sid"]: s for s in load("data")["aws_iam_policy_document.media_bucket"]["statement"]}

    origins = {origin["origin_id"]: origin for origin in distribution["origin"]}
    assert origins["media"]["origin_access_control_id"] == "${aws_cloudfront_origin_access_control.media.id}"
    assert origins["media"]["domain_name"] == "${aws_s3_bucket.media.bucket_regional_domain_name}"
    assert distribution["default_cache_behavior"]["viewer_protocol_policy"] == "redirect-to-https"
    assert distribution["default_cache_behavior"]["allowed_methods"] == ["GET", "HEAD"]
    assert (access["signing_behavior"], access["origin_access_control_origin_type"]) == ("always", "s3")
    reads = bucket_policy["CloudFrontReadsImages"]
    assert reads["actions"] == ["s3:GetObject"]
    assert reads["condition"]["values"] == ["${aws_cloudfront_distribution.media.arn}"]
    # /static/ comes from the shop (whitenoise), cached at the edge, never through the ingress.
    assert origins["shop"]["domain_name"] == "${var.shop_domain}"
    assert origins["shop"]["custom_origin_config"]["origin_protocol_policy"] == "https-only"
    static = distribution["ordered_cache_behavior"]
    assert (static["path_pattern"], static["target_origin_id"]) == ("/static/*", "shop")


def test_the_media_domain_has_its_alias_certificate_and_dns_records():
    distribution = RESOURCES["aws_cloudfront_distribution.media"]
    certificate = RESOURCES["aws_acm_certificate.media"]
    records = RESOURCES["aws_route53_record.media"]
    outputs = load("output")

    assert distribution["aliases"] == ["${var.media_domain}"]
    assert distribution["viewer_certificate"] == {
        "acm_certificate_arn": "${aws_acm_certificate_validation.media.certificate_arn}",
        "ssl_support_method": "sni-only",
        "minimum_protocol_version": "TLSv1.2_2021",
    }
    # CloudFront takes certificates from us-east-1 only.
    assert certificate["provider"] == "${aws.us_east_1}"
    assert (certificate["domain_name"], certificate["validation_method"]) == ("${var.media_domain}", "DNS")
    assert RESOURCES["aws_acm_certificate_validation.media"]["provider"] == "${aws.us_east_1}"
    assert RESOURCES["aws_route53_record.media_validation"]["zone_id"] == "${var.hosted_zone_id}"
    assert records["name"] == "${var.media_domain}" and records["zone_id"] == "${var.hosted_zone_id}"
    assert records["alias"]["name"] == "${aws_cloudfront_distribution.media.domain_name}"
    assert outputs["media_cdn_domain"]["value"] == "${one(aws_cloudfront_distribution.media.aliases)}"
    assert (
        outputs["static_url"]["value"] == "https://${one(aws_cloudfront_distribution.media.aliases)}/static/"
    )


def test_terraform_is_new_enough_for_the_lock_file_and_refuses_the_wrong_account():
    with (TERRAFORM / "versions.tf").open() as file:
        parsed = hcl2.load(file)
    provider = attributes(parsed["provider"][0]["aws"])

    assert attributes(parsed["terraform"][0])["required_version"] == ">= 1.10.0"
    assert provider["allowed_account_ids"] == ["${var.aws_account_id}"]
    for environment in ("staging", "production"):
        assert re.fullmatch(r"\d{12}", tfvars(f"{environment}.tfvars")["aws_account_id"])


def test_every_variable_is_described_typed_and_the_ones_that_can_be_wrong_are_validated():
    for name, variable in VARIABLES.items():
        assert variable.get("description"), name
        assert variable.get("type"), name
    unvalidated = {name for name, variable in VARIABLES.items() if "validation" not in variable}
    assert VARIABLES["email_url"]["sensitive"] is True
    assert unvalidated <= {"single_nat_gateway", "app_namespace", "app_service_account"}


@pytest.mark.parametrize("environment", ["staging", "production"])
def test_each_environment_file_sets_only_declared_variables_and_names_itself(environment):
    values = tfvars(f"{environment}.tfvars")

    assert set(values) <= set(VARIABLES)
    assert values["environment"] == environment
    required = {name for name, variable in VARIABLES.items() if "default" not in variable}
    assert required <= set(values)


def test_the_outputs_give_the_chart_what_it_needs():
    outputs = load("output")

    assert {
        "ecr_repository_url",
        "media_bucket_name",
        "media_role_arn",
        "database_address",
        "database_master_secret_arn",
        "redis_primary_endpoint",
        "redis_auth_token",
        "database_subnet_cidrs",
        "cluster_name",
        "database_proxy_endpoint",
        "database_app_secret_arn",
        "app_secret_arn",
        "media_cdn_domain",
        "add_on_role_arns",
    } <= outputs.keys()
    assert outputs["redis_auth_token"]["sensitive"] is True


def test_state_is_remote_with_an_example_backend_per_environment():
    with (TERRAFORM / "versions.tf").open() as file:
        terraform = hcl2.load(file)["terraform"][0]

    assert "s3" in terraform["backend"][0]
    for environment in ("staging", "production"):
        with (TERRAFORM / "backend" / f"{environment}.s3.tfbackend").open() as file:
            backend = attributes(hcl2.load(file))
        assert backend["key"] == f"{environment}/terraform.tfstate"
        assert backend["encrypt"] is True


def test_the_zones_are_named_so_a_zone_aws_adds_never_reshuffles_the_subnets():
    zones = load("data")["aws_availability_zones.available"]

    assert zones["filter"]["name"] == "zone-name"
    assert "var.availability_zone_letters" in zones["filter"]["values"]
    assert VARIABLES["availability_zone_letters"]["default"] == ["a", "b", "c"]
