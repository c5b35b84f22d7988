"""The Grafana dashboard and the Prometheus alerts read only metrics that /metrics really exports."""

import json
import re

import pytest
import yaml
from django.core.cache import cache
from prometheus_client.parser import text_string_to_metric_families

from .contract import ROOT
from .promql import metric_names

DASHBOARD = json.loads((ROOT / "deploy" / "grafana" / "dhakacart.json").read_text())
ALERTS = yaml.safe_load((ROOT / "deploy" / "prometheus" / "alerts.yaml").read_text())
SUFFIXES = {
    "counter": ("_total", "_created"),
    "histogram": ("_bucket", "_count", "_sum", "_created"),
    "summary": ("", "_count", "_sum", "_created"),
    "gauge": ("",),
}


@pytest.fixture
def exported(client):
    """Every series name /metrics offers, including labelled ones that have no sample yet."""
    client.get("/health")
    client.get("/ready")  # touches the database and the cache
    cache.get("warm-up")
    text = client.get("/metrics").content.decode()
    names = set()
    for family in text_string_to_metric_families(text):
        names |= {family.name + suffix for suffix in SUFFIXES.get(family.type, ("",))}
        names |= {sample.name for sample in family.samples}
    return names


def dashboard_expressions() -> list[str]:
    panels = [p for p in DASHBOARD["panels"] if p["type"] != "row"]
    return [target["expr"] for panel in panels for target in panel["targets"]]


def alert_rules() -> list[dict]:
    return [rule for group in ALERTS["spec"]["groups"] for rule in group["rules"]]


def test_the_dashboard_is_grafana_json_with_a_datasource_variable_and_queries_in_every_panel():
    panels = [p for p in DASHBOARD["panels"] if p["type"] != "row"]

    assert DASHBOARD["uid"] == "dhakacart" and DASHBOARD["title"]
    assert [v["type"] for v in DASHBOARD["templating"]["list"]] == ["datasource"]
    assert len({p["id"] for p in DASHBOARD["panels"]}) == len(DASHBOARD["panels"])
    for panel in panels:
        assert panel["datasource"]["uid"] == "${datasource}"
        assert panel["targets"] and all(t["expr"] for t in panel["targets"]), panel["title"]


@pytest.mark.django_db
def test_every_dashboard_query_uses_only_exported_metrics(exported):
    used = set().union(*(metric_names(expression) for expression in dashboard_expressions()))

    assert used - exported == set()


def test_the_dashboard_shows_traffic_latency_errors_database_cache_orders_revenue_email_and_celery():
    used = set().union(*(metric_names(expression) for expression in dashboard_expressions()))

    assert {
        "django_http_requests_total_by_method_total",
        "django_http_requests_latency_seconds_by_view_method_bucket",
        "django_http_responses_total_by_status_total",
        "django_db_execute_total",
        "django_db_errors_total",
        "django_cache_get_total",
        "django_cache_get_hits_total",
        "dhakacart_orders_placed_total",
        "dhakacart_order_value_taka_total",
        "dhakacart_emails_failed_total",
        "dhakacart_celery_queue_length",
        "dhakacart_unsent_confirmations",
    } <= used


def test_the_alert_file_is_a_prometheus_rule_with_the_alerts_of_the_spec():
    names = {rule["alert"] for rule in alert_rules()}

    assert ALERTS["apiVersion"] == "monitoring.coreos.com/v1" and ALERTS["kind"] == "PrometheusRule"
    assert {
        "DhakaCartHighErrorRate",
        "DhakaCartHighLatency",
        "DhakaCartCeleryQueueBacklog",
        "DhakaCartUnsentConfirmations",
    } <= names
    for rule in alert_rules():
        assert rule["labels"]["severity"] in ("warning", "critical"), rule["alert"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"], rule["alert"]


# Metrics of the cluster add-ons deploy/README.md installs (and Prometheus's own `up`), by source.
ADD_ON_METRICS = {
    "up": "Prometheus",
    "kube_deployment_spec_replicas": "kube-state-metrics",
    "kube_pod_container_status_restarts_total": "kube-state-metrics",
    "kube_pod_container_status_last_terminated_reason": "kube-state-metrics",
    "kube_horizontalpodautoscaler_status_current_replicas": "kube-state-metrics",
    "kube_horizontalpodautoscaler_spec_max_replicas": "kube-state-metrics",
    "nginx_ingress_controller_requests": "ingress-nginx",
    "nginx_ingress_controller_request_duration_seconds_bucket": "ingress-nginx",
    "pg_stat_database_numbackends": "postgres-exporter",
    "pg_settings_max_connections": "postgres-exporter",
    "pg_up": "postgres-exporter",
}


@pytest.mark.django_db
def test_every_alert_expression_uses_only_exported_metrics(exported):
    for rule in alert_rules():
        used = metric_names(rule["expr"])
        assert used, rule["alert"]
        assert used - exported - ADD_ON_METRICS.keys() == set(), rule["alert"]


def test_alerts_cover_the_outages_that_silence_the_other_alerts():
    rules = {rule["alert"]: rule["expr"] for rule in alert_rules()}

    # Nothing scraped, or a scrape-time gauge gone with its source: alerts that compare a
    # value can never fire then, so these compare presence.
    assert 'up{container="web", endpoint="http"}' in rules["DhakaCartWebTargetDown"]
    assert 'up{container="worker", endpoint="metrics"}' in rules["DhakaCartWorkerTargetDown"]
    for name, gauge in (
        ("DhakaCartQueueLengthMissing", "dhakacart_celery_queue_length"),
        ("DhakaCartUnsentConfirmationsMissing", "dhakacart_unsent_confirmations"),
    ):
        assert "unless" in rules[name] and gauge in metric_names(rules[name]), name
    # The edge, the database, the pods and the autoscaler.
    assert "nginx_ingress_controller_requests" in metric_names(rules["DhakaCartIngressErrorRate"])
    assert "nginx_ingress_controller_request_duration_seconds_bucket" in metric_names(
        rules["DhakaCartIngressLatency"]
    )
    assert "pg_stat_database_numbackends" in metric_names(rules["DhakaCartDatabaseConnectionsHigh"])
    # ... which reads postgres-exporter: its absence, or a failed login (pg_up 0), alerts too.
    assert "unless" in rules["DhakaCartDatabaseExporterDown"]
    assert "pg_up == 1" in rules["DhakaCartDatabaseExporterDown"]
    assert "kube_pod_container_status_restarts_total" in metric_names(rules["DhakaCartPodRestarting"])
    assert 'reason="OOMKilled"' in rules["DhakaCartOOMKilled"]
    assert "kube_horizontalpodautoscaler_spec_max_replicas" in metric_names(
        rules["DhakaCartWebAtMaximumReplicas"]
    )


def test_every_alert_keeps_the_namespace_so_staging_and_production_never_mix():
    for rule in alert_rules():
        expression = " ".join(rule["expr"].split())
        groupings = re.findall(r"\b(?:by|on)\s*\(([^)]*)\)", expression)
        assert groupings, rule["alert"]
        for grouping in groupings:
            labels = {label.strip() for label in grouping.split(",")}
            assert labels & {"namespace", "exported_namespace"}, (rule["alert"], grouping)
        if "exported_namespace" in expression:
            assert '"namespace", "$1", "exported_namespace"' in expression, rule["alert"]
        assert "$labels.namespace" in rule["annotations"]["summary"], rule["alert"]


def test_every_alert_expression_has_balanced_brackets_and_quotes():
    for rule in alert_rules():
        expression = re.sub(r'"(?:[^"\\]|\\.)*"', '""', rule["expr"])
        assert expression.count('"') % 2 == 0, rule["alert"]
        for opening, closing in ("()", "{}", "[]"):
            depth = 0
            for character in expression:
                depth += (character == opening) - (character == closing)
                assert depth >= 0, rule["alert"]
            assert depth == 0, (rule["alert"], opening)


def test_the_metric_name_reader_finds_names_and_ignores_labels_functions_and_numbers():
    expression = (
        'histogram_quantile(0.95, sum by (le, view) (rate(a_bucket{status=~"5.."}[5m])))'
        " / clamp_min(sum(rate(b_total[$__rate_interval])), 1e-9) > 0.05"
    )

    assert metric_names(expression) == {"a_bucket", "b_total"}
