"""The Eid-sale plan of docs/capacity.md is what the production chart values and Terraform
variables deploy: the rendered autoscaler and web pods, the node group, the database and Redis."""

import re

import yaml

from .contract import ROOT
from .test_helm_chart import PRODUCTION, one, render
from .test_terraform import tfvars

PLAN_BLOCK = re.compile(r"```yaml\n# capacity-plan\n(.*?)```", re.S)


def plan() -> dict:
    [block] = PLAN_BLOCK.findall((ROOT / "docs" / "capacity.md").read_text())
    return yaml.safe_load(block)


def test_the_rendered_production_chart_scales_the_web_pods_as_planned():
    web = plan()["web"]
    objects = render(PRODUCTION)

    autoscaler = one(objects, "HorizontalPodAutoscaler")
    [container] = [
        c
        for o in objects
        if o["kind"] == "Deployment" and o["metadata"]["name"].endswith("-web")
        for c in o["spec"]["template"]["spec"]["containers"]
        if c["name"] == "web"
    ]
    assert (autoscaler["spec"]["minReplicas"], autoscaler["spec"]["maxReplicas"]) == (
        web["minReplicas"],
        web["maxReplicas"],
    )
    assert container["resources"]["requests"]["cpu"] == container["resources"]["limits"]["cpu"] == web["cpu"]


def test_production_terraform_variables_are_the_planned_sizes():
    sizes, production = plan(), tfvars("production.tfvars")

    assert production["node_instance_types"] == sizes["nodes"]["instance_types"]
    assert (production["node_count"]["min"], production["node_count"]["max"]) == (
        sizes["nodes"]["min"],
        sizes["nodes"]["max"],
    )
    assert production["db_instance_class"] == sizes["database"]["instance_class"]
    assert production["redis_node_type"] == sizes["redis"]["node_type"]
    assert production["redis_node_count"] == sizes["redis"]["node_count"]


def test_the_node_group_can_hold_the_largest_web_fleet():
    sizes = plan()
    vcpus = {"c6i.xlarge": 4, "c6i.2xlarge": 8, "m6i.xlarge": 4}[sizes["nodes"]["instance_types"][0]]
    web_pods_per_node = vcpus - 1  # one core for the system pods and the workers' share

    assert sizes["nodes"]["max"] * web_pods_per_node >= sizes["web"]["maxReplicas"]


def test_the_production_chart_serves_media_and_static_files_on_the_domain_terraform_creates():
    production = tfvars("production.tfvars")
    config = one(render(PRODUCTION), "ConfigMap")["data"]

    # Terraform gives the distribution this alias, its certificate and its DNS records (cdn.tf).
    assert config["AWS_S3_CUSTOM_DOMAIN"] == production["media_domain"]
    assert config["STATIC_URL"] == f"https://{production['media_domain']}/static/"
    # CloudFront fetches /static/ from the shop's own host.
    assert PRODUCTION["ingress"]["hosts"][0] == production["shop_domain"]


def test_the_app_roles_connection_limit_covers_every_process_at_the_sales_maximum():
    objects = render(PRODUCTION)
    web = next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"].endswith("-web"))
    env = {e["name"]: e.get("value") for e in web["spec"]["template"]["spec"]["containers"][0]["env"]}
    surge = int(web["spec"]["strategy"]["rollingUpdate"]["maxSurge"].rstrip("%")) / 100
    web_pods = one(objects, "HorizontalPodAutoscaler")["spec"]["maxReplicas"]
    worker = PRODUCTION["worker"]

    connections = (
        web_pods * (1 + surge) * int(env["WEB_CONCURRENCY"])
        + (worker["keda"]["maxReplicas"] + 1) * worker["concurrency"]
        + 3  # beat, the migration Job and its advisory-lock session
    )
    limit = plan()["database"]["app_role_connection_limit"]
    runbook = (ROOT / "deploy" / "README.md").read_text()

    assert connections <= limit
    assert f"CREATE ROLE dhakacart_app LOGIN PASSWORD '<app password>' CONNECTION LIMIT {limit};" in runbook
