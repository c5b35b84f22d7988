"""The Dockerfile: hadolint, its structure, and its build commands run for real.

No Docker engine is available to the tests, so the build steps that matter (compilemessages,
collectstatic, the production check) run here, in a copy of the build context.
"""

import fnmatch
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from .contract import ROOT, WEB

DOCKERFILE = ROOT / "Dockerfile"
HEALTHCHECK_SCRIPT = ROOT / "deploy" / "docker" / "healthcheck.py"
# Variables of the test run that must not leak into a process meant to see only the image's.
SCRUBBED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined, current = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue
        current += " " + stripped.removesuffix("\\").strip()
        if not stripped.endswith("\\"):
            joined.append(current.strip())
            current = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1]) for text in joined]


def stages() -> list[list[tuple[str, str]]]:
    result = []
    for instruction, arguments in instructions():
        if instruction == "FROM":
            result.append([])
        if result:
            result[-1].append((instruction, arguments))
    return result


def test_hadolint_finds_nothing_at_warning_level_or_above():
    result = subprocess.run(
        [
            shutil.which("hadolint", path=Path(sys.executable).parent) or "hadolint",
            "-f",
            "json",
            str(DOCKERFILE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    findings = json.loads(result.stdout)
    assert [f for f in findings if f["level"] in ("error", "warning")] == []
    assert result.returncode == 0


def test_every_hadolint_ignore_says_why_just_above_it():
    lines = DOCKERFILE.read_text().splitlines()

    ignores = [(number, line) for number, line in enumerate(lines) if "hadolint ignore=" in line]

    assert ignores, "the Dockerfile has no ignores; drop this test if that stays so"
    for number, line in ignores:
        rules = line.split("ignore=", 1)[1].split(",")
        reason = lines[number - 1]
        assert reason.startswith("#") and len(reason) > 40
        for rule in rules:
            assert rule.strip() in "\n".join(lines[number - 3 : number]), f"no reason given for {rule}"


def test_the_image_is_multi_stage_and_the_final_stage_runs_as_a_fixed_non_root_user():
    build, *_, final = stages()

    assert len(stages()) >= 2
    users = [arguments for instruction, arguments in final if instruction == "USER"]
    assert users == ["10001:10001"]
    useradd = " ".join(arguments for instruction, arguments in final if instruction == "RUN")
    assert "--uid 10001" in useradd and "--gid 10001" in useradd


def test_the_final_stage_installs_no_dev_requirements_and_no_build_tools():
    build, *_, final = stages()
    final_text = " ".join(arguments for _, arguments in final)
    build_text = " ".join(arguments for _, arguments in build)

    assert "requirements-dev" not in final_text and "requirements-dev" not in build_text
    assert "pip install" not in final_text
    assert "apt-get install" not in final_text
    assert ("COPY", "requirements.txt /tmp/requirements.txt") in build
    assert "pip install --no-compile -r /tmp/requirements.txt" in build_text
    copies = [arguments for instruction, arguments in final if instruction == "COPY"]
    assert all("--from=build" in arguments for arguments in copies)
    assert {arguments.split()[-1] for arguments in copies} == {"/opt/venv", "/app"}


def test_the_image_checks_its_health_on_slash_health_and_serves_gunicorn():
    *_, final = stages()
    healthchecks = [arguments for instruction, arguments in final if instruction == "HEALTHCHECK"]
    commands = [json.loads(arguments) for instruction, arguments in final if instruction == "CMD"]

    assert len(healthchecks) == 1
    assert healthchecks[0].endswith('CMD ["python", "deploy/docker/healthcheck.py"]')
    assert "/health" in HEALTHCHECK_SCRIPT.read_text()
    assert commands == [WEB]
    assert ("EXPOSE", "8000") in final


def context_copy(destination: Path) -> Path:
    """The build context as `COPY . .` sees it: the repository minus .dockerignore's patterns."""
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def ignored(relative: str) -> bool:
        return any(
            fnmatch.fnmatch(relative, pattern.removeprefix("**/")) or fnmatch.fnmatch(relative, pattern)
            for pattern in patterns
        ) or any(fnmatch.fnmatch(Path(relative).name, p.removeprefix("**/")) for p in patterns if "**/" in p)

    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT).as_posix()
        if any(
            ignored("/".join(relative.split("/")[: depth + 1])) for depth in range(relative.count("/") + 1)
        ):
            continue
        target = destination / relative
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return destination


def test_the_build_context_leaves_out_the_virtualenv_tests_of_deploy_and_secrets(tmp_path):
    context = context_copy(tmp_path / "context")

    assert (context / "manage.py").exists() and (context / "gunicorn.conf.py").exists()
    assert (context / "deploy" / "docker" / "healthcheck.py").exists()
    assert (context / "deploy" / "docker" / "migrate.py").exists()  # the migration Job and init containers
    for left_out in (
        ".venv",
        ".venv-deploy",
        ".git",
        "var",
        ".env",
        "deploy/terraform",
        "deploy/helm",
        "deploy/tests",
        "deploy/cluster",
    ):
        assert not (context / left_out).exists()


def build_step() -> tuple[dict[str, str], str]:
    """The RUN that exports throwaway settings and runs the Django build commands."""
    (step,) = [
        args for instruction, args in instructions() if instruction == "RUN" and "collectstatic" in args
    ]
    exported, commands = step.split("&&", 1)
    variables = dict(pair.split("=", 1) for pair in exported.removeprefix("export").split())
    return variables, commands


def test_the_build_runs_compilemessages_collectstatic_and_the_production_check(tmp_path):
    context = context_copy(tmp_path / "app")
    variables, commands = build_step()
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(variables)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    # The image's paths, pointed at the copy: /app is the context, the virtualenv is ours.
    commands = commands.replace("/opt/venv", str(context)).replace("/app", str(context))

    result = subprocess.run(
        ["sh", "-c", commands], cwd=context, env=env, capture_output=True, text=True, timeout=300, check=False
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert variables["DEBUG"] == "0"
    assert variables["DATABASE_URL"].startswith("postgres://")
    manifest = json.loads((context / "var" / "static" / "staticfiles.json").read_text())
    assert any(name.startswith("css/") for name in manifest["paths"])
    assert "System check identified no issues" in result.stdout
    assert (context / "locale").is_dir()


def test_the_healthcheck_names_an_allowed_host():
    sys.path.insert(0, str(HEALTHCHECK_SCRIPT.parent))
    try:
        import healthcheck
    finally:
        sys.path.pop(0)

    assert healthcheck.host_header("shop.example.com,www.example.com") == "shop.example.com"
    assert healthcheck.host_header(" .example.com") == "example.com"
    assert healthcheck.host_header("*") == "localhost"
    assert healthcheck.host_header("") == "localhost"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_image_command_serves_and_its_healthcheck_passes_then_fails_when_it_stops():
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        DEBUG="0",
        SECRET_KEY="test-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz-0123",
        ALLOWED_HOSTS="shop.example.com",
        SITE_URL="https://shop.example.com",
        EMAIL_URL="consolemail://",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    )
    server = subprocess.Popen(WEB, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def healthcheck() -> int:
        return subprocess.run(
            [sys.executable, str(HEALTHCHECK_SCRIPT)], env=env, timeout=10, check=False
        ).returncode

    try:
        deadline = time.monotonic() + 20
        while healthcheck() != 0 and time.monotonic() < deadline:
            time.sleep(0.3)
        healthy = healthcheck()
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert healthy == 0
    assert healthcheck() == 1


def test_the_dockerfile_copies_nothing_secret():
    text = DOCKERFILE.read_text()

    assert not re.search(r"COPY\s+\.env", text)
    assert "SECRET_KEY=build-time-only-not-a-secret" in text
    assert not [
        arguments
        for instruction, arguments in instructions()
        if instruction in ("ENV", "ARG") and "SECRET" in arguments
    ]
