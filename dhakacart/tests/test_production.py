"""Production under real conditions: required settings, deploy checks, HSTS preload, media URLs,
/ready without Redis, tokens kept out of the logs, and which digits a phone number may use."""

import io
import json
import logging
import logging.config
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import path

from dhakacart.logging import redact
from dhakacart.phone import normalize_phone

from .helpers import ROOT, run_manage, run_python
from .test_settings import PRODUCTION

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def without(*names):
    return {key: value for key, value in PRODUCTION.items() if key not in names}


# --- Settings production cannot start without ---------------------------------------------


def test_production_without_site_url_refuses_to_start_naming_it():
    result = run_manage("check", env=without("SITE_URL"))

    assert result.returncode == 1
    assert result.stderr.strip().startswith("DhakaCart configuration error: SITE_URL must be set")
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_without_mail_settings_refuses_to_start_naming_them():
    result = run_manage("check", env=without("EMAIL_URL"))

    assert result.returncode == 1
    assert result.stderr.strip().startswith("DhakaCart configuration error: EMAIL_URL (or EMAIL_HOST)")


def test_production_names_every_missing_setting_in_one_line_each():
    result = run_manage("check", env=without("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_URL"))

    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert [line.split(": ", 1)[1].split()[0] for line in lines] == [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SITE_URL",
        "EMAIL_URL",
    ]
    assert all(line.startswith("DhakaCart configuration error: ") for line in lines)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({"EMAIL_URL": "consolemail://"}, "django.core.mail.backends.console.EmailBackend"),
        ({"EMAIL_HOST": "smtp.internal"}, "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_production_starts_with_explicit_console_mail_or_an_smtp_host(variables, backend):
    snippet = "import django; django.setup(); from django.conf import settings as s; print(s.EMAIL_BACKEND)"

    result = run_python(
        "-c",
        snippet,
        env={**without("EMAIL_URL"), **variables, "DJANGO_SETTINGS_MODULE": "dhakacart.settings"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


def test_a_mail_server_exchange_is_bounded_by_default():
    snippet = "import django; django.setup(); from django.conf import settings as s; print(s.EMAIL_TIMEOUT)"

    default = run_python("-c", snippet, env={**PRODUCTION, "DJANGO_SETTINGS_MODULE": "dhakacart.settings"})
    chosen = run_python(
        "-c",
        snippet,
        env={**PRODUCTION, "EMAIL_TIMEOUT": "3", "DJANGO_SETTINGS_MODULE": "dhakacart.settings"},
    )

    assert (default.stdout.strip(), chosen.stdout.strip()) == ("10", "3")


@pytest.mark.parametrize("url", ["shop.dhakacart.com.bd", "ftp://shop.example.com", "https://"])
def test_a_site_url_that_is_not_an_http_url_is_refused(url):
    result = run_manage("check", env={**PRODUCTION, "SITE_URL": url})

    assert result.returncode == 1
    assert result.stderr.startswith("DhakaCart configuration error: SITE_URL must look like")


def test_confirmation_links_use_the_site_url_without_a_double_slash():
    snippet = "import django; django.setup(); from django.conf import settings as s; print(s.SITE_URL)"

    result = run_python(
        "-c",
        snippet,
        env={
            **PRODUCTION,
            "SITE_URL": "https://shop.example.com/",
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
        },
    )

    assert result.stdout.strip() == "https://shop.example.com"


def test_the_deploy_checks_name_each_missing_production_setting_on_its_own_line():
    result = run_manage("check", "--deploy", env={"DEBUG": "1"})

    assert result.returncode == 1
    for code, name in [
        ("dhakacart.E001", "SECRET_KEY"),
        ("dhakacart.E002", "ALLOWED_HOSTS"),
        ("dhakacart.E003", "SITE_URL"),
        ("dhakacart.E004", "EMAIL_URL"),
    ]:
        [line] = [line for line in result.stderr.splitlines() if code in line]
        assert (
            f"{name} must be set when DEBUG is off" in line or f"{name} (or EMAIL_HOST) must be set" in line
        )


def test_production_settings_pass_the_deploy_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "dhakacart.E00" not in result.stderr


# --- HSTS preload ----------------------------------------------------------------------------


def _hsts(env):
    snippet = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    result = run_python("-c", snippet, env={**env, "DJANGO_SETTINGS_MODULE": "dhakacart.settings"})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_hsts_does_not_ask_for_preload_unless_opted_in():
    assert _hsts(PRODUCTION) == ["31536000", "True", "False"]
    assert _hsts({**PRODUCTION, "SECURE_HSTS_PRELOAD": "1"}) == ["31536000", "True", "True"]


def test_opting_into_preload_passes_the_deploy_checks_too():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "SECURE_HSTS_PRELOAD": "1"}
    )

    assert result.returncode == 0, result.stderr


# --- Media from the CDN, and og:image --------------------------------------------------------

S3 = {
    "AWS_STORAGE_BUCKET_NAME": "dhakacart-media",
    "AWS_S3_REGION_NAME": "ap-south-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE00",
    "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
}


def test_with_a_cdn_domain_image_urls_are_plain_and_stable():
    snippet = (
        "import django; django.setup(); from django.core.files.storage import default_storage as s; "
        "print(s.url('products/rice.jpg')); print(s.url('products/rice.jpg'))"
    )

    result = run_python(
        "-c",
        snippet,
        env={
            "DEBUG": "1",
            **S3,
            "AWS_S3_CUSTOM_DOMAIN": "media.dhakacart.com.bd",
            "DJANGO_SETTINGS_MODULE": "dhakacart.settings",
        },
    )

    first, second = result.stdout.split()
    assert first == second == "https://media.dhakacart.com.bd/products/rice.jpg"


def test_the_deploy_checks_warn_about_a_bucket_without_a_cdn_domain():
    result = run_manage("check", "--deploy", env={**PRODUCTION, **S3})

    assert "dhakacart.W002" in result.stderr
    assert "AWS_S3_CUSTOM_DOMAIN" in result.stderr


@pytest.mark.django_db
def test_og_image_is_the_cdn_url_as_it_is(client, rice, monkeypatch):
    monkeypatch.setattr(
        type(rice), "image_url", property(lambda self: "https://media.example.com/p/rice.jpg")
    )

    html = client.get(f"/products/{rice.slug}/").content.decode()

    assert '<meta property="og:image" content="https://media.example.com/p/rice.jpg">' in html


@pytest.mark.django_db
def test_og_image_of_a_local_image_is_made_absolute(client, rice):
    html = client.get(f"/products/{rice.slug}/").content.decode()

    assert '<meta property="og:image" content="http://testserver/static/img/product-placeholder.svg">' in html


# --- /ready without Redis ------------------------------------------------------------------


@pytest.mark.django_db
def test_ready_stays_ready_with_the_cache_down_and_says_degraded(client, settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}

    response = client.get("/ready")
    metrics = client.get("/metrics").content.decode()

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "failed"},
        "failed": ["cache"],
    }
    assert "dhakacart_cache_up 0.0" in metrics


@pytest.mark.django_db
def test_the_cache_gauge_is_up_when_redis_answers(client):
    assert "dhakacart_cache_up 1.0" in client.get("/metrics").content.decode()


# --- Phone digits -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["০১৭১২৩৪৫৬৭৮", "01712345678", "+880 ১৭১২-৩৪৫৬৭৮"])
def test_latin_and_bangla_digits_make_a_phone_number(number):
    assert normalize_phone(number) == "+8801712345678"


@pytest.mark.parametrize(
    "number",
    [
        "٠١٧١٢٣٤٥٦٧٨",  # Arabic-Indic
        "۰۱۷۱۲۳۴۵۶۷۸",  # Persian
        "०१७१२३४५६७८",  # Devanagari
        "017١٢٣٤٥٦٧٨",  # mixed
        "０１７１２３４５６７８",  # full-width
    ],
)
def test_other_scripts_digits_are_not_a_phone_number(number):
    with pytest.raises(ValidationError):
        normalize_phone(number)


# --- Tokens kept out of the logs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/orders/k3Jx9-Qw_1aBcDeFgHiJkLmNoPqRsTuV/", "/orders/[redacted]/"),
        ("/bn/orders/k3Jx9-Qw_1aBcDeFgHiJkLmNoPqRsTuV/", "/bn/orders/[redacted]/"),
        (
            "/accounts/password/reset/MQ/cabc12-9f8e7d6c5b4a3f2e1d0c/",
            "/accounts/password/reset/MQ/[redacted]/",
        ),
        ("/api/orders/42?token=k3Jx9-Qw_1aBc", "/api/orders/42?token=[redacted]"),
        ("/accounts/orders/DC-7K3Q9P/", "/accounts/orders/DC-7K3Q9P/"),
        ("/accounts/password/reset/MQ/set-password/", "/accounts/password/reset/MQ/set-password/"),
        ("/products/miniket-rice/", "/products/miniket-rice/"),
    ],
)
def test_redaction(text, expected):
    assert redact(text) == expected


@pytest.fixture
def log_lines():
    handler = logging.getLogger().handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(previous)


@pytest.mark.django_db
def test_the_request_log_line_carries_no_guest_order_token(client, place, rice, log_lines):
    order = place({rice: 1})

    client.get(f"/orders/{order.token}/")

    lines = [line for line in log_lines() if line["logger"] == "dhakacart.request"]
    assert lines[0]["path"] == "/orders/[redacted]/"
    assert order.token not in json.dumps(log_lines())


@pytest.mark.django_db
def test_the_request_log_line_carries_no_password_reset_token(client, log_lines):
    client.get("/accounts/password/reset/MQ/cabc12-9f8e7d6c5b4a3f2e1d0c/")

    text = json.dumps(log_lines())
    assert "cabc12-9f8e7d6c5b4a3f2e1d0c" not in text
    assert "/accounts/password/reset/MQ/[redacted]/" in text


def broken_order_page(request, token):
    raise RuntimeError("boom")


urlpatterns = [path("orders/<str:token>/", broken_order_page)]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_djangos_own_error_line_carries_no_token(client, log_lines):
    client.raise_request_exception = False

    client.get("/orders/k3Jx9-Qw_1aBcDeFgHiJkLmNoPqRsTuV/")

    text = json.dumps(log_lines())
    assert "k3Jx9-Qw_1aBcDeFgHiJkLmNoPqRsTuV" not in text
    assert "/orders/[redacted]/" in text


def test_gunicorns_lines_carry_no_token():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["logconfig_dict"]
    stream = io.StringIO()
    logging.config.dictConfig(config)
    logging.getLogger("gunicorn.error").handlers[0].setStream(stream)
    # What gunicorn adds when an access log is switched on: a plain handler of its own.
    logging.getLogger("gunicorn.access").addHandler(logging.StreamHandler(stream))
    try:
        logging.getLogger("gunicorn.error").error(
            "Error handling request %s", "/orders/k3Jx9-Qw_1aBcDeFgHiJkLmNoPqRsTuV/"
        )
        logging.getLogger("gunicorn.access").warning(
            '%(h)s "%(r)s" %(s)s "%(f)s"',
            {
                "h": "10.0.0.1",
                "r": "GET /accounts/password/reset/MQ/cabc12-9f8e7d6c5b4a3f2e1d0c/ HTTP/1.1",
                "s": "200",
                "f": "https://shop.example.com/orders/k3Jx9-Qw_1aBcDeFgHiJkLmNoPqRsTuV/",
            },
        )
    finally:
        _restore_django_logging()

    text = stream.getvalue()
    assert "k3Jx9-Qw_1aBcDeFgHiJkLmNoPqRsTuV" not in text
    assert "cabc12-9f8e7d6c5b4a3f2e1d0c" not in text
    assert text.count("[redacted]") == 3


def _restore_django_logging():
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


def test_the_env_example_names_the_new_production_settings():
    example = Path(ROOT / ".env.example").read_text()

    for name in ("SITE_URL", "EMAIL_URL", "EMAIL_TIMEOUT", "SECURE_HSTS_PRELOAD", "AWS_S3_CUSTOM_DOMAIN"):
        assert f"{name}=" in example
