"""The Helm chart: lint, Kubernetes 1.30 schema validation, and the rendered objects."""

import copy
import functools

import helm_python
import kubernetes_validate
import pytest
import yaml

from .contract import APP_VARIABLES, BEAT, MIGRATE, ROOT, WEB, WORKER, option, starts_with

CHART = ROOT / "deploy" / "helm" / "dhakacart"
PRODUCTION = yaml.safe_load((CHART / "values-production.yaml").read_text())
KUBERNETES = "1.30.0"
APP_LABELS = {"app.kubernetes.io/name": "dhakacart", "app.kubernetes.io/instance": "shop"}


@functools.cache
def _render(values_yaml: str) -> tuple[dict, ...]:
    with helm_python.Chart.load(CHART) as chart:
        manifests = chart.render(
            yaml.safe_load(values_yaml), name="shop", namespace="dhakacart", is_install=True
        )
    return tuple(
        document
        for path, text in sorted(manifests.items())
        if not path.endswith("NOTES.txt")
        for document in yaml.safe_load_all(text)
        if document
    )


def render(values: dict | None = None) -> list[dict]:
    """Rendered objects, fresh copies (tests may change them)."""
    return copy.deepcopy(list(_render(yaml.safe_dump(values or {}))))


def one(objects: list[dict], kind: str, name: str | None = None) -> dict:
    found = [o for o in objects if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]
    assert len(found) == 1, f"{len(found)} {kind} named {name}"
    return found[0]


def pod_specs(objects: list[dict]) -> dict[str, dict]:
    return {
        o["metadata"]["name"]: o["spec"]["template"]["spec"]
        for o in objects
        if o["kind"] in ("Deployment", "Job")
    }


def containers(objects: list[dict]) -> list[dict]:
    return [
        container
        for spec in pod_specs(objects).values()
        for container in spec["containers"] + spec.get("initContainers", [])
    ]


VALUES = {"default": None, "production": PRODUCTION}


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_the_chart_lints_with_no_errors_or_warnings(values):
    report = helm_python.lint(CHART, values, strict=True, kube_version=f"v{KUBERNETES}")

    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_every_rendered_manifest_validates_against_kubernetes_1_30(values):
    objects = render(values)

    for manifest in objects:
        if manifest["kind"] == "ServiceMonitor":  # a CRD: checked on its own below
            continue
        kubernetes_validate.validate(manifest, KUBERNETES, strict=True)
    kinds = {o["kind"] for o in objects}
    assert {
        "Deployment",
        "Job",
        "Service",
        "Ingress",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "ConfigMap",
        "ServiceAccount",
    } <= kinds


def test_the_service_monitor_is_off_by_default_and_scrapes_the_web_pods_when_on():
    default = render()
    production = render(PRODUCTION)

    assert not [o for o in default if o["kind"] == "ServiceMonitor"]
    monitor = one(production, "ServiceMonitor")
    service = one(production, "Service")
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    assert monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["port"] == service["spec"]["ports"][0]["name"] == "http"
    assert endpoint["path"] == "/metrics"
    assert endpoint["authorization"]["credentials"] == {
        "name": "dhakacart-production",
        "key": "METRICS_TOKEN",
    }


def test_web_pods_are_live_on_health_and_ready_on_ready():
    web = pod_specs(render())["shop-dhakacart-web"]["containers"][0]

    assert web["livenessProbe"]["httpGet"] == {"path": "/health", "port": "http"}
    assert web["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "http"}
    assert web["ports"] == [{"name": "http", "containerPort": 8000, "protocol": "TCP"}]


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_every_container_is_non_root_read_only_unprivileged_and_bounded(values):
    objects = render(values)

    for name, spec in pod_specs(objects).items():
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["automountServiceAccountToken"] is False, name
        scratch = {v["name"] for v in spec["volumes"] if "emptyDir" in v}
        for container in spec["containers"] + spec.get("initContainers", []):
            security = container["securityContext"]
            assert security["runAsNonRoot"] is True
            assert security["runAsUser"] == 10001
            assert security["readOnlyRootFilesystem"] is True
            assert security["allowPrivilegeEscalation"] is False
            assert security["capabilities"]["drop"] == ["ALL"]
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= container["resources"][kind].keys(), (name, kind)
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert mounts["/tmp"] in scratch, name  # noqa: S108 - the writable scratch mount


def test_web_metrics_directory_is_a_writable_empty_dir():
    spec = pod_specs(render())["shop-dhakacart-web"]
    web = spec["containers"][0]

    (directory,) = [e["value"] for e in web["env"] if e["name"] == "PROMETHEUS_MULTIPROC_DIR"]
    (mount,) = [m for m in web["volumeMounts"] if m["mountPath"] == directory]
    (volume,) = [v for v in spec["volumes"] if v["name"] == mount["name"]]
    assert "emptyDir" in volume


def test_web_rollouts_keep_every_pod_until_its_replacement_is_ready_and_spread_over_nodes_and_zones():
    web = one(render(), "Deployment", "shop-dhakacart-web")

    assert web["spec"]["strategy"]["type"] == "RollingUpdate"
    assert web["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    spread = web["spec"]["template"]["spec"]["topologySpreadConstraints"]
    assert {c["topologyKey"] for c in spread} == {"kubernetes.io/hostname", "topology.kubernetes.io/zone"}
    for constraint in spread:
        assert constraint["labelSelector"]["matchLabels"]["app.kubernetes.io/component"] == "web"
    assert "replicas" not in web["spec"]  # the autoscaler owns the count


def test_the_scheduler_runs_exactly_one_pod_and_never_two_during_a_rollout():
    beat = one(render(), "Deployment", "shop-dhakacart-beat")

    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_the_commands_are_exactly_the_processes_of_the_operations_contract(values):
    specs = pod_specs(render(values))

    web = specs["shop-dhakacart-web"]["containers"][0]["command"]
    worker = specs["shop-dhakacart-worker"]["containers"][0]["command"]
    beat_spec = specs["shop-dhakacart-beat"]
    beat = beat_spec["containers"][0]["command"]
    (job_name,) = [name for name in specs if name.startswith("shop-dhakacart-migrate-")]
    migrate = specs[job_name]["containers"][0]["command"]

    assert web == WEB
    assert starts_with(worker, WORKER)
    assert starts_with(beat, BEAT)
    assert migrate == MIGRATE
    # beat writes its schedule file, which must be on the writable emptyDir.
    assert option(beat, "--schedule") == "/tmp/celerybeat-schedule"  # noqa: S108


def test_the_autoscaler_keeps_3_to_10_web_pods_on_cpu_70_and_memory_80_and_scales_down_slowly():
    hpa = one(render(), "HorizontalPodAutoscaler")

    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "shop-dhakacart-web",
    }
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 10)
    targets = {m["resource"]["name"]: m["resource"]["target"] for m in hpa["spec"]["metrics"]}
    assert targets == {
        "cpu": {"type": "Utilization", "averageUtilization": 70},
        "memory": {"type": "Utilization", "averageUtilization": 80},
    }
    assert hpa["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"] >= 300


def test_the_disruption_budget_keeps_web_pods_through_node_drains():
    pdb = one(render(), "PodDisruptionBudget")
    web = one(render(), "Deployment", "shop-dhakacart-web")

    assert pdb["spec"]["minAvailable"] == 2
    assert pdb["spec"]["selector"]["matchLabels"] == web["spec"]["selector"]["matchLabels"]


def test_migrations_run_as_a_pre_install_and_pre_upgrade_hook_after_their_config_exists():
    objects = render(
        {"secrets": {"databaseUrl": "postgres://u:p@db:5432/shop", "redisUrl": "redis://r:6379/0"}}
    )
    job = one(objects, "Job")
    config = one(objects, "ConfigMap")
    secret = one(objects, "Secret")

    annotations = job["metadata"]["annotations"]
    assert set(annotations["helm.sh/hook"].split(",")) == {"pre-install", "pre-upgrade"}
    for resource in (config, secret):
        assert resource["metadata"]["annotations"]["helm.sh/hook"] == annotations["helm.sh/hook"]
        assert int(resource["metadata"]["annotations"]["helm.sh/hook-weight"]) < int(
            annotations["helm.sh/hook-weight"]
        )
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    check = job["spec"]["template"]["spec"]["initContainers"][0]["command"]
    assert check == ["python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def web_policy(objects):
    return one(objects, "NetworkPolicy", "shop-dhakacart-web")


def test_only_the_ingress_controller_reaches_the_web_pods():
    objects = render()
    policy = web_policy(objects)

    assert policy["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "web"
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    (rule,) = policy["spec"]["ingress"]
    assert rule["from"] == [
        {
            "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}},
            "podSelector": {"matchLabels": {"app.kubernetes.io/name": "ingress-nginx"}},
        }
    ]
    assert rule["ports"] == [{"port": "http", "protocol": "TCP"}]
    background = one(objects, "NetworkPolicy", "shop-dhakacart-background")
    assert background["spec"]["ingress"] == []
    assert background["spec"]["podSelector"]["matchExpressions"][0]["values"] == ["worker", "beat", "migrate"]


def test_with_the_service_monitor_on_prometheus_is_the_only_other_peer_of_the_web_pods():
    (_, prometheus) = web_policy(render(PRODUCTION))["spec"]["ingress"]

    assert prometheus["from"][0]["namespaceSelector"] == {
        "matchLabels": {"kubernetes.io/metadata.name": "monitoring"}
    }
    assert prometheus["ports"] == [{"port": "http", "protocol": "TCP"}]


@pytest.mark.parametrize(("store", "port"), [("database", 5432), ("redis", 6379)])
def test_only_the_app_pods_reach_an_in_cluster_database_and_redis(store, port):
    policy = one(render(), "NetworkPolicy", f"shop-dhakacart-{store}")

    assert policy["spec"]["policyTypes"] == ["Ingress"]
    (rule,) = policy["spec"]["ingress"]
    assert rule["from"] == [{"podSelector": {"matchLabels": APP_LABELS}}]
    assert rule["ports"] == [{"port": port, "protocol": "TCP"}]


def test_app_pods_reach_the_managed_database_and_redis_only_on_their_ports_and_subnets():
    objects = render(PRODUCTION)
    egress = one(objects, "NetworkPolicy", "shop-dhakacart-egress")["spec"]["egress"]

    subnets = [{"ipBlock": {"cidr": cidr}} for cidr in PRODUCTION["networkPolicy"]["database"]["cidrs"]]
    rules = {rule["ports"][0]["port"]: rule for rule in egress if "to" in rule}
    assert rules[5432] == {"to": subnets, "ports": [{"port": 5432, "protocol": "TCP"}]}
    assert rules[6379] == {"to": subnets, "ports": [{"port": 6379, "protocol": "TCP"}]}
    assert not [
        o for o in objects if o["metadata"]["name"] in ("shop-dhakacart-database", "shop-dhakacart-redis")
    ]
    open_rules = [rule for rule in egress if "to" not in rule]
    assert {p["port"] for rule in open_rules for p in rule["ports"]} == {443, 25, 465, 587}


def environment(objects: list[dict]) -> tuple[dict, dict]:
    config = one(objects, "ConfigMap")["data"]
    secrets = [o for o in objects if o["kind"] == "Secret"]
    return config, (secrets[0]["data"] if secrets else {})


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_the_configuration_uses_only_the_apps_variables_and_trusts_the_ingress(values):
    objects = render(values)
    config, secret = environment(objects)
    web = pod_specs(objects)["shop-dhakacart-web"]["containers"][0]

    names = set(config) | set(secret) | {e["name"] for e in web["env"]} - {"POD_IP"}
    assert names <= APP_VARIABLES
    assert config["DEBUG"] == "0"
    assert config["TRUST_PROXY_HEADERS"] == "1"
    env = {e["name"]: e.get("value") for e in web["env"]}
    hosts = env["ALLOWED_HOSTS"].split(",")
    # Probes and Prometheus address the pod by IP; the public names come after it.
    assert hosts == ["$(POD_IP)", *values_or_default(values)["config"]["allowedHosts"]]
    assert env["WEB_CONCURRENCY"].isdigit()


def values_or_default(values):
    with helm_python.Chart.load(CHART) as chart:
        return chart.merge_values(values)


def test_the_chart_creates_the_secret_from_values_and_generates_a_secret_key():
    objects = render(
        {"secrets": {"databaseUrl": "postgres://u:p@db:5432/shop", "redisUrl": "redis://r:6379/0"}}
    )
    secret = one(objects, "Secret")
    web = pod_specs(objects)["shop-dhakacart-web"]["containers"][0]

    assert set(secret["data"]) == {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"}
    assert {"secretRef": {"name": secret["metadata"]["name"]}} in web["envFrom"]


def test_with_an_existing_secret_the_chart_creates_none_and_every_pod_reads_it():
    objects = render(PRODUCTION)

    assert not [o for o in objects if o["kind"] == "Secret"]
    for name, container in ((c["name"], c) for c in containers(objects)):
        assert {"secretRef": {"name": "dhakacart-production"}} in container["envFrom"], name


def web_annotations(values: dict) -> dict:
    return pod_specs_metadata(render(values))["shop-dhakacart-web"]


def pod_specs_metadata(objects):
    return {
        o["metadata"]["name"]: o["spec"]["template"]["metadata"]["annotations"]
        for o in objects
        if o["kind"] == "Deployment"
    }


def test_a_config_or_secret_change_changes_the_pods_so_they_roll():
    base = {"secrets": {"secretKey": "a" * 60}}

    before = web_annotations(base)
    config_changed = web_annotations({**base, "config": {"logLevel": "DEBUG"}})
    secret_changed = web_annotations({"secrets": {"secretKey": "b" * 60}})

    assert config_changed["checksum/config"] != before["checksum/config"]
    assert config_changed["checksum/secret"] == before["checksum/secret"]
    assert secret_changed["checksum/secret"] != before["checksum/secret"]
    for annotations in pod_specs_metadata(render(base)).values():
        assert {"checksum/config", "checksum/secret"} <= annotations.keys()


def test_the_ingress_serves_tls_with_a_cert_manager_certificate():
    ingress = one(render(PRODUCTION), "Ingress")

    assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt-production"
    assert ingress["spec"]["tls"] == [
        {"hosts": ["dhakacart.com", "www.dhakacart.com"], "secretName": "dhakacart-com-tls"}
    ]
    assert [rule["host"] for rule in ingress["spec"]["rules"]] == ["dhakacart.com", "www.dhakacart.com"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": "shop-dhakacart-web", "port": {"name": "http"}}


BAD_VALUES = {
    "replica count in words": {"replicaCount": "three"},
    "autoscaler maximum as a string": {"autoscaling": {"maxReplicas": "ten"}},
    "writable root filesystem": {"securityContext": {"readOnlyRootFilesystem": False}},
    "unknown top-level key": {"replicas": 3},
    "no allowed hosts": {"config": {"allowedHosts": []}},
    "bad log level": {"config": {"logLevel": "LOUD"}},
}


@pytest.mark.parametrize("values", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_the_values_schema_rejects_bad_values(values):
    with helm_python.Chart.load(CHART) as chart, pytest.raises(helm_python.HelmValuesError):
        chart.render(values, name="shop", namespace="dhakacart")


def test_the_notes_tell_where_the_shop_is_and_warn_about_missing_settings():
    with helm_python.Chart.load(CHART) as chart:
        default = chart.render(None, name="shop", namespace="dhakacart", is_install=True)
        production = chart.render(PRODUCTION, name="shop", namespace="dhakacart", is_install=True)

    notes = default["dhakacart/templates/NOTES.txt"]
    assert "https://shop.example.com/" in notes
    assert "WARNING: secrets.databaseUrl" in notes
    assert "WARNING: config.mediaBucket" in notes
    production_notes = production["dhakacart/templates/NOTES.txt"]
    assert "WARNING" not in production_notes
    assert "rollout restart" in production_notes
