"""The Helm chart: lint, Kubernetes 1.30 schema validation, and the rendered objects."""

import copy
import functools
import re

import helm_python
import kubernetes_validate
import pytest
import yaml

from .contract import (
    APP_VARIABLES,
    BEAT,
    MIGRATE_LOCKED,
    ROOT,
    WAIT_FOR_MIGRATIONS,
    WEB,
    WORKER,
    option,
    starts_with,
)

CHART = ROOT / "deploy" / "helm" / "dhakacart"
PRODUCTION = yaml.safe_load((CHART / "values-production.yaml").read_text())
KUBERNETES = "1.30.0"
# Custom resources of add-ons (Prometheus Operator, External Secrets, KEDA): no built-in schema.
CUSTOM_KINDS = {"ServiceMonitor", "ExternalSecret", "ScaledObject", "TriggerAuthentication"}
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
        if manifest["kind"] in CUSTOM_KINDS:  # checked on their own below
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
    monitor = one(production, "ServiceMonitor", "shop-dhakacart-web")
    service = one(production, "Service", "shop-dhakacart-web")
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    assert monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["port"] == service["spec"]["ports"][0]["name"] == "http"
    assert endpoint["path"] == "/metrics"
    assert endpoint["authorization"]["credentials"] == {
        "name": "dhakacart-production",
        "key": "METRICS_TOKEN",
    }


def test_the_workers_expose_their_metrics_port_and_a_service_monitor_scrapes_it():
    objects = render(PRODUCTION)
    worker_spec = pod_specs(objects)["shop-dhakacart-worker"]
    worker = worker_spec["containers"][0]
    service = one(objects, "Service", "shop-dhakacart-worker-metrics")
    monitor = one(objects, "ServiceMonitor", "shop-dhakacart-worker")

    assert worker["ports"] == [{"name": "metrics", "containerPort": 9808, "protocol": "TCP"}]
    env = {e["name"]: e.get("value") for e in worker["env"]}
    assert env["CELERY_WORKER_METRICS_PORT"] == "9808"
    (mount,) = [m for m in worker["volumeMounts"] if m["mountPath"] == env["PROMETHEUS_MULTIPROC_DIR"]]
    (volume,) = [v for v in worker_spec["volumes"] if v["name"] == mount["name"]]
    assert volume["emptyDir"]["medium"] == "Memory"
    assert service["spec"]["selector"]["app.kubernetes.io/component"] == "worker"
    assert service["spec"]["ports"] == [
        {"name": "metrics", "port": 9808, "targetPort": "metrics", "protocol": "TCP"}
    ]
    assert monitor["spec"]["selector"]["matchLabels"].items() <= service["metadata"]["labels"].items()
    assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    assert [(e["port"], e["path"]) for e in monitor["spec"]["endpoints"]] == [("metrics", "/metrics")]
    # Prometheus may reach that port and nothing else of the workers.
    policy = one(objects, "NetworkPolicy", "shop-dhakacart-worker-metrics")
    assert policy["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "worker"
    (rule,) = policy["spec"]["ingress"]
    assert rule["ports"] == [{"port": "metrics", "protocol": "TCP"}]
    assert rule["from"][0]["namespaceSelector"] == {
        "matchLabels": {"kubernetes.io/metadata.name": "monitoring"}
    }


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_web_pods_are_live_on_health_and_ready_on_ready_and_neither_gives_up_on_a_short_outage(values):
    web = pod_specs(render(values))["shop-dhakacart-web"]["containers"][0]
    live, ready = web["livenessProbe"], web["readinessProbe"]

    assert live["httpGet"] == {"path": "/health", "port": "http"}
    assert ready["httpGet"] == {"path": "/ready", "port": "http"}
    assert web["ports"] == [{"name": "http", "containerPort": 8000, "protocol": "TCP"}]
    # A busy sync worker pool answers late: liveness waits longer per try and over more tries
    # (two minutes of silence) before it restarts anything.
    assert live["timeoutSeconds"] > ready["timeoutSeconds"]
    assert live["failureThreshold"] > ready["failureThreshold"]
    assert live["periodSeconds"] * live["failureThreshold"] >= 120
    # A database failover fails every pod's check at once: readiness waits out a minute of
    # failures (after /ready's own grace) before it takes the pods out of the Service.
    assert ready["periodSeconds"] * ready["failureThreshold"] >= 60
    assert ready["timeoutSeconds"] < ready["periodSeconds"]


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_shutdown_lets_in_flight_requests_finish_before_the_pod_is_killed(values):
    spec = pod_specs(render(values))["shop-dhakacart-web"]
    web = spec["containers"][0]
    env = {e["name"]: e.get("value") for e in web["env"]}

    pre_stop = int(web["lifecycle"]["preStop"]["exec"]["command"][1])
    timeout, graceful = int(env["GUNICORN_TIMEOUT"]), int(env["GUNICORN_GRACEFUL_TIMEOUT"])
    assert web["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep"
    assert pre_stop >= 5
    assert timeout <= graceful
    assert spec["terminationGracePeriodSeconds"] > pre_stop + graceful


@pytest.mark.parametrize(
    "web",
    [
        {"timeoutSeconds": 60, "gracefulTimeoutSeconds": 30},
        {"preStopSeconds": 10, "gracefulTimeoutSeconds": 30, "terminationGracePeriodSeconds": 40},
    ],
    ids=["graceful shorter than timeout", "grace period too short"],
)
def test_the_chart_refuses_shutdown_timings_that_cut_requests_short(web):
    with helm_python.Chart.load(CHART) as chart, pytest.raises(helm_python.HelmRenderError):
        chart.render({"web": web}, name="shop", namespace="dhakacart")


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_workers_are_restarted_when_their_heartbeat_file_grows_old_without_starting_celery(values):
    worker = pod_specs(render(values))["shop-dhakacart-worker"]["containers"][0]
    env = {e["name"]: e.get("value") for e in worker["env"]}

    probe = worker["livenessProbe"]
    shell, flag, script = probe["exec"]["command"]
    assert (shell, flag) == ("sh", "-c")
    # Reads the file the consumer touches every 10 s (dhakacart/celery.py); no Python starts.
    assert script == (f"test $(( $(date +%s) - $(stat -c %Y {env['CELERY_WORKER_HEARTBEAT_FILE']}) )) -lt 60")
    assert "celery -A" not in script and "python" not in script
    mounts = {m["mountPath"] for m in worker["volumeMounts"]}
    assert env["CELERY_WORKER_HEARTBEAT_FILE"].startswith("/tmp/") and "/tmp" in mounts  # noqa: S108
    # Three old heartbeats in a row, minutes apart: longer than an ElastiCache failover.
    assert probe["periodSeconds"] * probe["failureThreshold"] >= 180
    assert "readinessProbe" not in worker


MEGABYTES_PER_PREFORK_PROCESS = 90


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()
    return int(number) * {"Mi": 1, "Gi": 1024}[unit]


@pytest.mark.parametrize(
    "values",
    [*VALUES.values(), {"worker": {"concurrency": 4}}],
    ids=[*VALUES.keys(), "concurrency raised alone"],
)
def test_the_worker_memory_limit_holds_the_main_process_and_every_pool_process(values):
    if "worker" in (values or {}) and values is not PRODUCTION:
        with helm_python.Chart.load(CHART) as chart, pytest.raises(helm_python.HelmRenderError):
            chart.render(values, name="shop", namespace="dhakacart")
        return
    worker = pod_specs(render(values))["shop-dhakacart-worker"]["containers"][0]

    concurrency = int(option(worker["command"], "--concurrency"))
    needed = (concurrency + 1) * MEGABYTES_PER_PREFORK_PROCESS * 1e6 / 2**20
    assert mebibytes(worker["resources"]["limits"]["memory"]) >= needed * 1.25
    assert mebibytes(worker["resources"]["requests"]["memory"]) >= needed


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
    assert migrate == MIGRATE_LOCKED
    # beat writes its schedule file, which must be on the writable emptyDir.
    assert option(beat, "--schedule") == "/tmp/celerybeat-schedule"  # noqa: S108


def test_the_autoscaler_keeps_3_to_10_web_pods_on_cpu_and_scales_down_slowly():
    hpa = one(render(), "HorizontalPodAutoscaler")

    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "shop-dhakacart-web",
    }
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 10)
    # Prefork memory stays flat under load: memory is no scaling signal.
    assert hpa["spec"]["metrics"] == [
        {
            "type": "Resource",
            "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
        }
    ]
    assert hpa["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"] >= 300


def test_the_autoscaler_can_also_scale_on_requests_per_second_from_the_metrics_adapter():
    hpa = one(render({"autoscaling": {"requestsPerSecond": {"target": 40}}}), "HorizontalPodAutoscaler")

    kinds = [m["type"] for m in hpa["spec"]["metrics"]]
    assert kinds == ["Resource", "Pods"]
    assert hpa["spec"]["metrics"][1]["pods"] == {
        "metric": {"name": "dhakacart_http_requests_per_second"},
        "target": {"type": "AverageValue", "averageValue": "40"},
    }


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_the_disruption_budget_drains_a_share_of_the_web_pods_and_never_blocks_on_unhealthy_ones(values):
    objects = render(values)
    pdb = one(objects, "PodDisruptionBudget")
    web = one(objects, "Deployment", "shop-dhakacart-web")
    largest = one(objects, "HorizontalPodAutoscaler")["spec"]["maxReplicas"]

    share = pdb["spec"]["maxUnavailable"]
    assert re.fullmatch(r"\d+%", share)
    # Kubernetes rounds a percentage up: one pod at three, eight at eighty. At most ten web pods
    # drain in sequence, each replaced within a minute: inside EKS's 15-minute drain timeout.
    at_once = -(-largest * int(share[:-1]) // 100)
    assert at_once >= 1 and largest / at_once <= 10
    assert "minAvailable" not in pdb["spec"]
    assert pdb["spec"]["unhealthyPodEvictionPolicy"] == "AlwaysAllow"
    assert pdb["spec"]["selector"]["matchLabels"] == web["spec"]["selector"]["matchLabels"]


def test_workers_scale_on_the_queue_length_with_keda_only_when_asked():
    assert not [o for o in render() if o["kind"] in ("ScaledObject", "TriggerAuthentication")]
    objects = render({"worker": {"keda": {"enabled": True, "redisAddress": "redis.internal:6379"}}})

    scaled = one(objects, "ScaledObject")
    worker = one(objects, "Deployment", "shop-dhakacart-worker")
    assert scaled["spec"]["scaleTargetRef"] == {"name": "shop-dhakacart-worker"}
    (trigger,) = scaled["spec"]["triggers"]
    assert trigger["type"] == "redis"
    assert trigger["metadata"] == {
        "address": "redis.internal:6379",
        "listName": "celery",
        "listLength": "20",
        "enableTLS": "true",
    }
    assert one(objects, "TriggerAuthentication")["metadata"]["name"] == trigger["authenticationRef"]["name"]
    assert "replicas" not in worker["spec"]  # KEDA owns the count


def test_with_keda_on_the_external_secret_copies_the_redis_password_keda_reads():
    objects = render({**PRODUCTION, "worker": {"keda": {"enabled": True, "redisAddress": "r.internal:6379"}}})

    key = one(objects, "TriggerAuthentication")["spec"]["secretTargetRef"][0]
    template = one(objects, "ExternalSecret")["spec"]["target"]["template"]["data"]
    assert key["name"] == PRODUCTION["existingSecret"]
    assert template[key["key"]] == "{{ .REDIS_PASSWORD }}"
    assert (
        "REDIS_PASSWORD"
        not in one(render(PRODUCTION), "ExternalSecret")["spec"]["target"]["template"]["data"]
    )


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_nothing_is_a_hook_so_a_rollback_restores_the_config_and_secret_with_the_pods(values):
    objects = render(values)

    for manifest in objects:
        annotations = manifest["metadata"].get("annotations") or {}
        assert not [key for key in annotations if key.startswith("helm.sh/hook")], manifest["metadata"][
            "name"
        ]


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_every_app_pod_waits_for_the_migrations_of_its_image_before_it_starts(values):
    specs = pod_specs(render(values))

    for name in ("shop-dhakacart-web", "shop-dhakacart-worker", "shop-dhakacart-beat"):
        first = specs[name]["initContainers"][0]
        assert first["name"] == "wait-for-migrations"
        assert first["command"] == WAIT_FOR_MIGRATIONS
        assert first["image"] == specs[name]["containers"][0]["image"]
        assert first["envFrom"] == specs[name]["containers"][0]["envFrom"]


def test_the_migration_job_checks_then_migrates_under_a_lock_with_a_lock_timeout_and_cleans_up():
    objects = render(
        {"secrets": {"databaseUrl": "postgres://u:p@db:5432/shop", "redisUrl": "redis://r:6379/0"}}
    )
    job = one(objects, "Job")
    spec = job["spec"]["template"]["spec"]

    assert job["metadata"]["name"] == "shop-dhakacart-migrate-1"
    assert spec["restartPolicy"] == "Never"
    assert job["spec"]["ttlSecondsAfterFinished"] == 86400
    assert job["spec"]["activeDeadlineSeconds"] == 600
    check = spec["initContainers"][0]["command"]
    assert check == ["python", "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    (migrate,) = spec["containers"]
    assert migrate["command"] == MIGRATE_LOCKED
    env = {e["name"]: e.get("value") for e in migrate["env"]}
    # A waiting ALTER queues every reader behind it: give up within two seconds (and retry).
    assert env["PGOPTIONS"] == "-c lock_timeout=2s"
    assert env["MIGRATION_LOCK_WAIT"] == "600s"
    # It reads the release's ordinary ConfigMap and Secret.
    assert {"configMapRef": {"name": one(objects, "ConfigMap")["metadata"]["name"]}} in migrate["envFrom"]
    assert {"secretRef": {"name": one(objects, "Secret")["metadata"]["name"]}} in migrate["envFrom"]


def test_an_image_digest_pins_every_container_to_one_build():
    digest = "sha256:" + "ab" * 32
    tagged = containers(render({"image": {"repository": "r.example/dhakacart", "tag": "abc123"}}))
    pinned = containers(
        render({"image": {"repository": "r.example/dhakacart", "tag": "abc123", "digest": digest}})
    )

    assert {c["image"] for c in tagged} == {"r.example/dhakacart:abc123"}
    assert {c["image"] for c in pinned} == {f"r.example/dhakacart:abc123@{digest}"}


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
    public = values_or_default(values)["ingress"]["hosts"]
    # Probes and Prometheus address the pod by IP; the public names come after it.
    assert hosts == ["$(POD_IP)", *public]
    assert config["ALLOWED_HOSTS"].split(",") == public
    assert config["CSRF_TRUSTED_ORIGINS"].split(",") == [f"https://{host}" for host in public]
    assert config["SITE_URL"] == f"https://{public[0]}"
    assert env["WEB_CONCURRENCY"].isdigit()


def values_or_default(values):
    with helm_python.Chart.load(CHART) as chart:
        return chart.merge_values(values)


def test_the_public_names_come_from_the_ingress_hosts_unless_overridden():
    hosts = {"ingress": {"hosts": ["shop.test", "m.shop.test"]}}
    derived, _ = environment(render(hosts))
    overridden, _ = environment(
        render(
            {
                **hosts,
                "config": {
                    "allowedHosts": [".shop.test"],
                    "csrfTrustedOrigins": ["https://shop.test"],
                    "siteUrl": "https://www.shop.test/",
                },
            }
        )
    )

    assert (derived["ALLOWED_HOSTS"], derived["CSRF_TRUSTED_ORIGINS"], derived["SITE_URL"]) == (
        "shop.test,m.shop.test",
        "https://shop.test,https://m.shop.test",
        "https://shop.test",
    )
    assert (overridden["ALLOWED_HOSTS"], overridden["CSRF_TRUSTED_ORIGINS"], overridden["SITE_URL"]) == (
        ".shop.test",
        "https://shop.test",
        "https://www.shop.test",
    )


SCIENTIFIC = re.compile(r"^-?\d+(\.\d+)?e[+-]?\d+$")


def scalars(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from scalars(item)
    else:
        yield value


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_numbers_render_as_integers_never_as_floats(values):
    big = {"config": {"secureHstsSeconds": 63072000, "extraEnv": {"CATALOGUE_CACHE_SECONDS": 1200000}}}
    for objects in (render(values), render(big)):
        for value in scalars(objects):
            assert not (isinstance(value, str) and SCIENTIFIC.match(value)), value
            assert not isinstance(value, float), value
    config, _ = environment(render(big))
    assert config["SECURE_HSTS_SECONDS"] == "63072000"
    assert config["CATALOGUE_CACHE_SECONDS"] == "1200000"


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
    ingress = one(render(PRODUCTION), "Ingress", "shop-dhakacart")

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
    "no public host": {"ingress": {"hosts": []}},
    "site URL with a path": {"config": {"siteUrl": "https://shop.example.com/shop"}},
    "digest that is not sha256": {"image": {"digest": "latest"}},
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
    assert "WARNING: secrets.emailUrl" in notes
    production_notes = production["dhakacart/templates/NOTES.txt"]
    assert "WARNING" not in production_notes
    assert "rollout restart" in production_notes


def size_in_bytes(text: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([km]?)", text.lower()).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit]


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_the_ingress_takes_the_largest_admin_upload_and_limits_each_client_at_the_edge(values):
    from dhakacart.uploads import MAX_IMAGE_BYTES

    annotations = one(render(values), "Ingress", "shop-dhakacart")["metadata"]["annotations"]

    assert size_in_bytes(annotations["nginx.ingress.kubernetes.io/proxy-body-size"]) > MAX_IMAGE_BYTES
    # Hundreds of shoppers share one carrier-grade NAT address: the edge stops floods only.
    # A page view is a handful of requests, so 100/s is a few hundred shoppers a second.
    assert int(annotations["nginx.ingress.kubernetes.io/limit-rps"]) >= 100
    # One address holds every keep-alive connection of the shoppers behind it: no limit there.
    assert "nginx.ingress.kubernetes.io/limit-connections" not in annotations


@pytest.mark.parametrize("values", VALUES.values(), ids=VALUES.keys())
def test_metrics_and_ready_are_refused_at_the_edge_for_every_host(values):
    objects = render(values)
    public = one(objects, "Ingress", "shop-dhakacart")
    internal = one(objects, "Ingress", "shop-dhakacart-internal")

    assert internal["metadata"]["annotations"] == {
        "nginx.ingress.kubernetes.io/denylist-source-range": "0.0.0.0/0,::/0"
    }
    assert internal["spec"]["ingressClassName"] == public["spec"]["ingressClassName"]
    assert [r["host"] for r in internal["spec"]["rules"]] == [r["host"] for r in public["spec"]["rules"]]
    for rule in internal["spec"]["rules"]:
        exact = {p["path"] for p in rule["http"]["paths"] if p["pathType"] == "Exact"}
        assert {"/metrics", "/ready"} <= exact


def test_the_ingress_controller_makes_the_first_forwarded_hop_the_real_client():
    controller = yaml.safe_load((ROOT / "deploy" / "cluster" / "ingress-nginx-values.yaml").read_text())[
        "controller"
    ]

    config = controller["config"]
    # The NLB hands over the client's address by PROXY protocol, and the controller writes
    # exactly that address as X-Forwarded-For, ignoring whatever the client sent.
    assert config["use-proxy-protocol"] == "true"
    assert config["use-forwarded-headers"] == "false"
    assert config["compute-full-forwarded-for"] == "false"
    assert config["allow-snippet-annotations"] == "false"
    annotations = controller["service"]["annotations"]
    assert annotations["service.beta.kubernetes.io/aws-load-balancer-proxy-protocol"] == "*"
    assert size_in_bytes(config["proxy-body-size"]) >= size_in_bytes(
        values_or_default(None)["ingress"]["maxBodySize"]
    )
    assert controller["metrics"]["serviceMonitor"]["enabled"] is True


def test_production_secrets_come_from_secrets_manager_through_the_external_secrets_operator():
    objects = render(PRODUCTION)
    external = one(objects, "ExternalSecret")

    # The operator serves only v1 since v0.17 (deploy/README.md pins a release that does).
    assert external["apiVersion"] == "external-secrets.io/v1"
    assert external["spec"]["target"]["name"] == PRODUCTION["existingSecret"]
    template = external["spec"]["target"]["template"]["data"]
    assert template["DATABASE_URL"].startswith(
        "postgres://{{ .db_username | urlquery }}:{{ .db_password | urlquery }}@{{ .db_host }}:"
    )
    assert "sslmode=verify-full" in template["DATABASE_URL"]
    assert {"SECRET_KEY", "REDIS_URL", "EMAIL_URL", "METRICS_TOKEN"} <= template.keys()
    remote = {item["remoteRef"]["key"] for item in external["spec"]["data"]}
    assert remote == {PRODUCTION["externalSecret"]["databaseSecret"]}
    # A rotated password reaches running pods: Reloader rolls them when the Secret changes.
    for name in ("shop-dhakacart-web", "shop-dhakacart-worker", "shop-dhakacart-beat"):
        annotations = one(objects, "Deployment", name)["metadata"]["annotations"]
        assert annotations["secret.reloader.stakater.com/reload"] == PRODUCTION["existingSecret"]


def test_the_metrics_adapter_serves_the_pods_metric_the_autoscaler_names():
    adapter = yaml.safe_load((ROOT / "deploy" / "cluster" / "prometheus-adapter-values.yaml").read_text())
    name = values_or_default(None)["autoscaling"]["requestsPerSecond"]["metricName"]

    (rule,) = adapter["rules"]["custom"]
    assert rule["name"]["as"] == name
    assert rule["resources"]["overrides"]["pod"] == {"resource": "pod"}
    assert "django_http_requests_total_by_method_total" in rule["metricsQuery"]


def test_the_runbook_covers_add_ons_secrets_rollback_restores_and_the_eid_checklist():
    runbook = (ROOT / "deploy" / "README.md").read_text()
    headings = {line.lstrip("#").strip() for line in runbook.splitlines() if line.startswith("#")}

    assert {
        "Cluster add-ons (install order)",
        "Secrets",
        "Rotate secrets",
        "Roll back",
        "Restore drill (RDS snapshots)",
        "Before an Eid peak",
    } <= headings
    # Every file of deploy/cluster is explained there.
    for path in (ROOT / "deploy" / "cluster").iterdir():
        assert f"deploy/cluster/{path.name}" in runbook, path.name


def ingress_controller_values() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "cluster" / "ingress-nginx-values.yaml").read_text())[
        "controller"
    ]


def logged_path(path: str) -> str:
    """What the controller's access log writes for a request path: its `map`, applied as nginx
    does (the first matching regular expression, $1 and $2 its groups; else the default)."""
    config = ingress_controller_values()["config"]
    (variable,) = re.findall(r'"path": "\$(\w+)"', config["log-format-upstream"])
    body = re.search(rf"map \$uri \${variable} \{{\n(.*?)\n\}}", config["http-snippet"], re.S)[1]
    for pattern, replacement in re.findall(r'"~(.+?)" "(.+?)";', body):
        match = re.match(pattern, path)
        if match:
            return match.expand(re.sub(r"\$(\d)", r"\\g<\1>", replacement))
    assert re.search(r"default \$uri;", body)
    return path


@pytest.mark.django_db
def test_the_edge_access_log_never_writes_a_guest_order_token_or_a_password_reset_token():
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from django.utils.translation import override

    from accounts.models import User
    from orders.models import new_public_token

    user = User.objects.create_user(email="guest@example.com", password="a-Strong-passw0rd")
    token, reset = new_public_token(), default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    secret_paths = []
    for language in ("en", "bn"):
        with override(language):
            secret_paths.append(reverse("orders:confirmation", kwargs={"token": token}))
            secret_paths.append(
                reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": reset})
            )

    config = ingress_controller_values()["config"]
    assert not re.search(r"\$(uri|request_uri|request)\b", config["log-format-upstream"])
    for path in secret_paths:
        logged = logged_path(path)
        assert token not in logged and reset not in logged and uid not in logged, path
        assert logged.endswith("<token>/"), logged
    # Everything else is logged as it is.
    for path in (
        "/products/",
        "/bn/products/rice/",
        "/accounts/password/reset/sent/",
        "/accounts/orders/DC-7K3Q9P/",
    ):
        assert logged_path(path) == path


def test_the_ingress_tier_autoscales_on_cpu_with_a_core_per_controller():
    controller = ingress_controller_values()

    assert controller["autoscaling"]["enabled"] is True
    assert controller["autoscaling"]["minReplicas"] >= 3
    assert controller["autoscaling"]["maxReplicas"] >= 12
    assert controller["resources"]["requests"]["cpu"] == "1"
    assert controller["minAvailable"] < controller["autoscaling"]["minReplicas"]


def test_the_runbook_pins_every_add_on_and_orders_the_one_time_steps_before_the_install():
    runbook = (ROOT / "deploy" / "README.md").read_text()
    add_ons = runbook[runbook.index("## Cluster add-ons (install order)") : runbook.index("## Secrets")]

    numbered = re.findall(r"^\d\. \*\*(.+?)\*\*(.*)$", add_ons, re.M)
    assert len(numbered) == 8
    for name, rest in numbered[1:]:
        assert re.match(r" \d+\.\d+\.\d+| v\d+\.\d+\.\d+", rest), name  # a pinned chart version
    # ESO serves external-secrets.io/v1 only from 0.17 on; the store speaks it too.
    assert re.search(r"External Secrets Operator\*\* 0\.(1[7-9]|[2-9]\d)\.\d+", add_ons)
    assert "apiVersion: external-secrets.io/v1\n" in add_ons
    # IMDS hop limit 1: the add-ons are told their region and VPC.
    assert "--set awsRegion=$REGION" in add_ons
    assert "--set region=$REGION --set vpcId=$VPC" in add_ons
    order = [
        runbook.index("L-1216C47A"),  # the vCPU quota
        runbook.index("aws_iam_service_linked_role.autoscaling"),
        runbook.index("terraform apply plan"),
        runbook.index("CREATE EXTENSION IF NOT EXISTS pg_trgm;"),
        runbook.index("CREATE ROLE dhakacart_app "),
        runbook.index("CREATE ROLE dhakacart_monitor "),
        runbook.index("helm upgrade --install dhakacart deploy/helm/dhakacart"),
    ]
    assert order == sorted(order)


def test_payment_credentials_go_to_the_secret_and_the_timeout_and_live_urls_to_the_config():
    objects = render(
        {
            "config": {"paymentTimeoutMinutes": 45, "sslcommerzBaseUrl": "https://securepay.sslcommerz.com"},
            "secrets": {"sslcommerzStoreId": "shop1", "sslcommerzStorePassword": "pw", "bkashAppKey": ""},
        }
    )

    config = one(objects, "ConfigMap")["data"]
    secret = one(objects, "Secret")["data"]
    assert config["PAYMENT_TIMEOUT_MINUTES"] == "45"
    assert config["SSLCOMMERZ_BASE_URL"] == "https://securepay.sslcommerz.com"
    assert "BKASH_BASE_URL" not in config
    assert {"SSLCOMMERZ_STORE_ID", "SSLCOMMERZ_STORE_PASSWORD"} <= set(secret)
    assert not {key for key in secret if key.startswith("BKASH_")}
    assert not {key for key in config if "STORE" in key or "SECRET" in key or "PASSWORD" in key}


def test_a_gateway_url_that_is_not_https_is_refused_by_the_values_schema():
    with pytest.raises(Exception, match="bkashBaseUrl"):
        render({"config": {"bkashBaseUrl": "http://tokenized.pay.bka.sh"}})
