"""The Prometheus multiprocess directory stays bounded however many workers are recycled, and
no count is lost on the way.

gunicorn recycles a worker every max_requests requests; each worker leaves files named after
its pid. Without compaction the directory grows by those files per recycle (and /metrics reads
them all on every scrape).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.mmap_dict import MmapedDict, mmap_key
from prometheus_client.parser import text_string_to_metric_families

from dhakacart.prometheus_multiprocess import (
    LockedMultiProcessCollector,
    compact_dead_processes,
    directory_size,
)

from .contract import ROOT, WEB

LIVE = {101, 102, 103}


def write(directory: Path, kind: str, pid: int, samples: list[tuple[str, str, dict, float]]) -> None:
    values = MmapedDict(str(directory / f"{kind}_{pid}.db"))
    try:
        for metric, name, labels, value in samples:
            key = mmap_key(metric, name, list(labels), list(labels.values()), "help")
            values.write_value(key, value, 0.0)
    finally:
        values.close()


def a_worker_served(directory: Path, pid: int, requests: int) -> None:
    """The files one gunicorn worker leaves: a counter, a histogram, a live and an 'all' gauge."""
    write(directory, "counter", pid, [("requests", "requests_total", {"view": "home"}, requests)])
    write(
        directory,
        "histogram",
        pid,
        [
            # As prometheus_client stores them: per bucket, not cumulative; no _count.
            ("latency", "latency_bucket", {"le": "0.5"}, requests),
            ("latency", "latency_bucket", {"le": "+Inf"}, 0),
            ("latency", "latency_sum", {}, requests * 0.1),
        ],
    )
    write(directory, "gauge_livesum", pid, [("in_flight", "in_flight", {}, 1)])
    write(directory, "gauge_all", pid, [("started", "started", {}, 1)])


def totals(directory: Path) -> dict[tuple, float]:
    registry = CollectorRegistry()
    registry.register(LockedMultiProcessCollector(str(directory)))
    text = generate_latest(registry).decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_hundreds_of_recycled_workers_leave_a_fixed_number_of_files_and_every_count(tmp_path):
    for pid in LIVE:
        a_worker_served(tmp_path, pid, 5)
    baseline_files, baseline_bytes = directory_size(str(tmp_path))

    # 500 workers, each serving 7 requests, recycled and reaped one after the other.
    for pid in range(10_000, 10_500):
        a_worker_served(tmp_path, pid, 7)
        compact_dead_processes(str(tmp_path), is_alive=LIVE.__contains__)

    files, size = directory_size(str(tmp_path))
    # The live workers' files plus one archive per summed type (counter, histogram).
    assert files == baseline_files + 2
    assert size <= baseline_bytes + 2 * 64 * 1024  # a file starts at 64 KiB and these stay there
    scraped = totals(tmp_path)
    served = 3 * 5 + 500 * 7
    assert scraped[("requests_total", (("view", "home"),))] == served
    assert scraped[("latency_count", ())] == served
    assert scraped[("latency_bucket", (("le", "+Inf"),))] == served
    assert scraped[("latency_sum", ())] == pytest.approx(served * 0.1)
    # Gauges of gone processes are gone; the live ones remain.
    assert scraped[("in_flight", ())] == 3
    assert {labels for name, labels in scraped if name == "started"} == {(("pid", str(pid)),) for pid in LIVE}


def test_compaction_leaves_live_workers_files_alone_and_is_idempotent(tmp_path):
    for pid in LIVE:
        a_worker_served(tmp_path, pid, 2)
    a_worker_served(tmp_path, 500, 3)
    before = totals(tmp_path)

    assert compact_dead_processes(str(tmp_path), is_alive=LIVE.__contains__) == 4
    assert compact_dead_processes(str(tmp_path), is_alive=LIVE.__contains__) == 0

    after = totals(tmp_path)
    assert (
        after[("requests_total", (("view", "home"),))] == before[("requests_total", (("view", "home"),))] == 9
    )
    for pid in LIVE:
        assert (tmp_path / f"counter_{pid}.db").exists()
    assert not list(tmp_path.glob("*_500.db"))


def test_a_compaction_that_crashed_halfway_is_redone_without_counting_twice(tmp_path):
    a_worker_served(tmp_path, 600, 4)
    compact_dead_processes(str(tmp_path), is_alive=LIVE.__contains__)
    # A crash after writing the new archive beside the old one, before the rename.
    (tmp_path / "counter_archive.db.new").write_bytes((tmp_path / "counter_archive.db").read_bytes())
    a_worker_served(tmp_path, 601, 1)

    compact_dead_processes(str(tmp_path), is_alive=LIVE.__contains__)

    assert totals(tmp_path)[("requests_total", (("view", "home"),))] == 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:  # noqa: S310
        return response.read().decode()


def test_gunicorn_recycling_workers_keeps_the_directory_bounded_and_the_request_count(tmp_path):
    """The real server: gunicorn.conf.py's child_exit compacts each recycled worker's files."""
    port = free_port()
    directory = tmp_path / "metrics"
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DEBUG": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(directory),
        "DATABASE_URL": os.environ["DATABASE_URL"],
    }
    # Preloading makes each recycle a fork, not a fresh import of Django (seconds each here).
    command = [*WEB, "--preload", "--max-requests", "3", "--max-requests-jitter", "0"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, "/health")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.3)
        for _ in range(29):  # with the first: 30 requests, about 10 recycled workers
            get(port, "/health")
        text = get(port, "/metrics")
        files, _ = directory_size(str(directory))
        pids = {path.stem.rsplit("_", 1)[1] for path in directory.glob("*.db")} - {"archive"}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    health = [
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "django_http_requests_latency_seconds_by_view_method_count"
        and sample.labels.get("view") == "health"
    ]
    assert sum(health) == 30
    # The master, two live workers, and at most the one worker reaped while we scraped.
    assert len(pids) <= 4
    assert files <= 4 * 6 + 4


@pytest.mark.parametrize(
    ("timeout", "graceful", "expected"),
    [("30", "45", 45), ("60", "20", 60), ("30", "", 30)],
    ids=["graceful longer", "graceful too short", "graceful unset"],
)
def test_gunicorns_graceful_timeout_is_never_shorter_than_its_request_timeout(
    monkeypatch, timeout, graceful, expected
):
    import runpy

    monkeypatch.setenv("GUNICORN_TIMEOUT", timeout)
    monkeypatch.setenv("GUNICORN_GRACEFUL_TIMEOUT", graceful)

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert config["timeout"] == int(timeout)
    assert config["graceful_timeout"] == expected
