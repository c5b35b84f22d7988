"""The Grafana dashboard and the Prometheus alerts read only metrics that /metrics really exports."""

import json

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


@pytest.mark.django_db
def test_every_alert_expression_uses_only_exported_metrics(exported):
    for rule in alert_rules():
        used = metric_names(rule["expr"])
        assert used, rule["alert"]
        assert used - exported == set(), rule["alert"]


def test_the_metric_name_reader_finds_names_and_ignores_labels_functions_and_numbers():
    expression = (
        'histogram_quantile(0.95, sum by (le, view) (rate(a_bucket{status=~"5.."}[5m])))'
        " / clamp_min(sum(rate(b_total[$__rate_interval])), 1e-9) > 0.05"
    )

    assert metric_names(expression) == {"a_bucket", "b_total"}
