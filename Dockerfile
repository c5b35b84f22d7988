# syntax=docker/dockerfile:1
# DhakaCart image: one image runs every process (web, worker, beat, migrations); the default
# command is the web server, and the chart and compose file name the others.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: compile wheels, translations and static files -------------------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

# Compilers for any dependency without a wheel, gettext for compilemessages; neither reaches
# the runtime stage.
# DL3008 (pin apt versions) is ignored: the base image's Debian release fixes the versions, and
# pinning patch releases would break the build at every Debian security update.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential gettext \
    && rm -rf /var/lib/apt/lists/*

# Only the runtime requirements: requirements-dev.txt never enters the image.
COPY requirements.txt /tmp/requirements.txt
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-compile -r /tmp/requirements.txt

ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY . .

# Settings refuse to load in production mode without these (SITE_URL and mail settings too);
# throwaway values, exported for this
# one step only, because nothing here reads the database or signs anything. The real values come
# from the environment at run time.
# compilemessages needs a locale directory, which may not exist yet. Static files are collected
# (and hashed for whitenoise) once, here; the production check fails the build on an unsafe
# setting; bytecode is compiled now because the runtime's root filesystem is read-only.
RUN export DEBUG=0 \
        SECRET_KEY=build-time-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
        ALLOWED_HOSTS=localhost \
        SITE_URL=https://localhost \
        EMAIL_URL=consolemail:// \
        DATABASE_URL=postgres://build@localhost:5432/build \
    && mkdir -p locale \
    && python manage.py compilemessages \
    && python manage.py collectstatic --noinput \
    && python manage.py check --deploy --fail-level WARNING \
    && python -m compileall -q /app /opt/venv

# --- runtime: the virtualenv and the app, nothing to build with -------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=0

# A fixed uid/gid so the chart's runAsUser and volume ownership match the image.
RUN groupadd --system --gid 10001 dhakacart \
    && useradd --system --uid 10001 --gid dhakacart --home-dir /app --shell /usr/sbin/nologin dhakacart

COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /app /app
WORKDIR /app

# The code is root's and read-only to the app; only local media (used when no bucket is set)
# belongs to the app user.
RUN mkdir -p /app/var/media && chown dhakacart:dhakacart /app/var/media

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "deploy/docker/healthcheck.py"]

# gunicorn reads gunicorn.conf.py from /app; the worker, scheduler and migrations override this.
CMD ["gunicorn", "dhakacart.wsgi"]
