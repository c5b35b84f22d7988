import pytest

from .helpers import run_manage, run_python

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-9f8e7d6c5b4a3210fedcba98765",
    "ALLOWED_HOSTS": "shop.dhakacart.com.bd",
    "DATABASE_URL": "postgres://dhakacart@db.internal:5432/dhakacart",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "SECURE_SSL_REDIRECT": "1",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SITE_URL": "https://shop.dhakacart.com.bd",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.internal:587",
}


def test_production_without_secret_key_exits_with_a_one_line_message():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}

    result = run_manage("check", env=env)

    assert result.returncode == 1
    assert result.stderr.strip() == "DhakaCart configuration error: SECRET_KEY must be set when DEBUG is off."


def test_production_without_allowed_hosts_exits_with_a_one_line_message():
    env = {key: value for key, value in PRODUCTION.items() if key != "ALLOWED_HOSTS"}

    result = run_manage("check", env=env)

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "DhakaCart configuration error: ALLOWED_HOSTS must be set when DEBUG is off."
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "postgres://user@db:not-a-port/shop"),
        ("DATABASE_URL", "mysql://user@db/shop"),
        ("DATABASE_URL", "just-some-words"),
        ("REDIS_URL", "redis://cache:port/0"),
        ("REDIS_URL", "http://cache:6379/0"),
        ("DEBUG", "maybe"),
    ],
)
def test_a_malformed_variable_stops_start_up_with_a_message_naming_it(variable, value):
    result = run_manage("check", env={"DEBUG": "1", variable: value})

    assert result.returncode == 1
    assert result.stderr.startswith(f"DhakaCart configuration error: {variable}")
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deploy_checks_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_checks_refuse_the_embedded_sqlite_database():
    env = {key: value for key, value in PRODUCTION.items() if key != "DATABASE_URL"}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 1
    assert "dhakacart.W001" in result.stderr


def test_with_nothing_set_the_embedded_defaults_apply():
    snippet = (
        "import django; django.setup(); from django.conf import settings as s; "
        "db = s.DATABASES['default']; "
        "print(s.DEBUG, db['ENGINE'], db['NAME'].endswith('var/db.sqlite3'), s.CACHES['default']['BACKEND'], "
        "s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.DEFAULT_FROM_EMAIL)"
    )

    result = run_python("-c", snippet, env={"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "dhakacart.settings"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "django_prometheus.db.backends.sqlite3",
        "True",
        "django_prometheus.cache.backends.locmem.LocMemCache",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "DhakaCart",
        "<no-reply@dhakacart.local>",
    ]


def test_redis_url_selects_the_redis_cache_and_broker():
    snippet = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER)"
    )

    result = run_python(
        "-c",
        snippet,
        env={
            "DEBUG": "1",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
        },
    )

    assert result.stdout.split() == [
        "django_prometheus.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
        "False",
    ]


def test_email_host_variables_select_smtp():
    snippet = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    )

    result = run_python(
        "-c",
        snippet,
        env={
            "DEBUG": "1",
            "EMAIL_HOST": "smtp.example.com",
            "EMAIL_PORT": "2525",
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
        },
    )

    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.com",
        "2525",
        "True",
    ]


def test_a_bucket_name_moves_media_to_s3_with_signed_urls():
    snippet = (
        "import django; django.setup(); from django.core.files.storage import default_storage as s; "
        "url = s.url('products/rice.jpg'); print(type(s._wrapped).__name__); print(url)"
    )

    result = run_python(
        "-c",
        snippet,
        env={
            "DEBUG": "1",
            "AWS_STORAGE_BUCKET_NAME": "dhakacart-media",
            "AWS_S3_REGION_NAME": "ap-south-1",
            "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE00",
            "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
        },
    )

    backend, url = result.stdout.split()
    assert backend == "S3Storage"
    assert url.startswith("https://dhakacart-media.s3") and "products/rice.jpg" in url
    assert "X-Amz-Signature=" in url


def test_without_a_bucket_media_stays_on_the_local_disk():
    from django.core.files.storage import default_storage

    assert default_storage.url("products/rice.jpg") == "/media/products/rice.jpg"
