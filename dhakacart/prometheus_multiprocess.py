"""The Prometheus multiprocess directory, kept bounded and read consistently.

Imports no metric, so gunicorn's master process can use it without creating metric files of
its own.

Every process (gunicorn worker, Celery pool process) writes its own files, named
<type>_<pid>.db. Processes come and go (gunicorn's max_requests recycles workers), and a dead
process's counters must still count, so its files cannot simply go: compact_dead_processes
adds them into one file per type (<type>_archive.db) and removes them. The directory then
holds the live processes' files plus a fixed few, however many workers were recycled.

A scrape reads the directory under a shared lock and a compaction rewrites it under an
exclusive one, so no scrape ever sees a dead process's values both in its file and in the
archive (or in neither), which Prometheus would read as a counter reset.
"""

import fcntl
import glob
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

ARCHIVE = "archive"
_LOCK_FILE = ".lock"
# Types whose values add up across processes. Gauges of other modes describe a live process
# only ("all", "max", "min", "mostrecent"): a dead process's values are dropped.
_SUMMED_TYPES = ("counter", "histogram", "summary", "gauge_sum")


@contextmanager
def _directory_lock(directory: str, kind: int) -> Iterator[None]:
    with open(os.path.join(directory, _LOCK_FILE), "a") as lock:
        fcntl.flock(lock, kind)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class LockedMultiProcessCollector(Collector):
    """MultiProcessCollector that reads while no compaction is rewriting the directory."""

    def __init__(self, directory: str):
        self._directory = directory
        self._collector = MultiProcessCollector(None, path=directory)

    def collect(self):
        with _directory_lock(self._directory, fcntl.LOCK_SH):
            return list(self._collector.collect())


def _pid_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _split(path: str) -> tuple[str, str] | None:
    """("counter", "1234") for counter_1234.db, ("gauge_sum", "1234") for gauge_sum_1234.db."""
    stem = os.path.basename(path).removesuffix(".db")
    kind, _, process = stem.rpartition("_")
    return (kind, process) if kind else None


def compact_dead_processes(directory: str, *, is_alive: Callable[[int], bool] = _pid_is_alive) -> int:
    """Fold the files of processes that are gone into the archive files; return how many went."""
    removed = 0
    with _directory_lock(directory, fcntl.LOCK_EX):
        dead: dict[str, list[str]] = {}
        for path in glob.glob(os.path.join(directory, "*.db")):
            parts = _split(path)
            if parts is None or parts[1] == ARCHIVE or not parts[1].isdigit() or is_alive(int(parts[1])):
                continue
            dead.setdefault(parts[0], []).append(path)
        for kind, paths in dead.items():
            if kind in _SUMMED_TYPES:
                _add_into_archive(directory, kind, paths)
            for path in paths:
                os.remove(path)
                removed += 1
    return removed


def _add_into_archive(directory: str, kind: str, paths: list[str]) -> None:
    archive_path = os.path.join(directory, f"{kind}_{ARCHIVE}.db")
    totals: dict[str, float] = {}
    for path in [archive_path, *paths] if os.path.exists(archive_path) else paths:
        for key, value, _timestamp, _position in MmapedDict.read_all_values_from_file(path):
            totals[key] = totals.get(key, 0.0) + value
    # Written beside the archive and renamed over it: a crash halfway leaves the old archive.
    temporary = archive_path + ".new"
    if os.path.exists(temporary):  # left by a compaction that crashed: start it afresh
        os.remove(temporary)
    archive = MmapedDict(temporary)
    try:
        for key, value in totals.items():
            archive.write_value(key, value, 0.0)
    finally:
        archive.close()
    os.replace(temporary, archive_path)


def directory_size(directory: str) -> tuple[int, int]:
    """(files, bytes) of a metrics directory, for tests and operators."""
    paths = glob.glob(os.path.join(directory, "*.db"))
    return len(paths), sum(os.path.getsize(path) for path in paths)


class CompactingCollector(LockedMultiProcessCollector):
    """For a server that outlives its processes (the Celery worker's): compacts, then reads."""

    def collect(self):
        compact_dead_processes(self._directory)
        return super().collect()


def clear_directory(directory: str) -> None:
    """Start empty: files of a previous run's processes would otherwise be counted again."""
    os.makedirs(directory, exist_ok=True)
    for path in glob.glob(os.path.join(directory, "*.db")):
        os.remove(path)
