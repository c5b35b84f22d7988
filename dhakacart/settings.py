"""DhakaCart settings: one module, every value from the environment.

With nothing set, a checkout runs on embedded defaults (SQLite under var/, in-process cache,
eager Celery tasks, console e-mail). Production (DEBUG off) refuses to start without
SECRET_KEY, ALLOWED_HOSTS, SITE_URL and mail settings, naming every one missing. See README.md
for the full list of variables.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from corsheaders.defaults import default_headers
from django.utils.translation import gettext_lazy as _

from .env import (
    PRODUCTION_SETTINGS,
    ConfigurationError,
    database_config,
    email_config,
    env_bool,
    env_int,
    env_list,
    env_str,
    missing_production_settings,
    redis_url,
    site_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

# Checked all at once, so one failed start names everything still to set. Under DEBUG the
# embedded defaults apply, and `manage.py check --deploy` lists what production would miss.
MISSING_PRODUCTION_SETTINGS = missing_production_settings()
if MISSING_PRODUCTION_SETTINGS and not DEBUG:
    raise ConfigurationError(*(PRODUCTION_SETTINGS[name] for name in MISSING_PRODUCTION_SETTINGS))

SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-dev-only-key-never-used-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["localhost", "127.0.0.1"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django_prometheus",
    "dhakacart.admin.DhakaCartAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "dhakacart",
    "accounts",
    "shop",
    "checkout",
    "orders",
    "payments",
    "promotions",
    "reviews",
    "wishlist",
    "pages",
    "sms",
    "legacy_api",
]

MIDDLEWARE = [
    # The request metrics operations read (dashboard, alerts, autoscaler), in place of
    # django-prometheus's two middlewares; its database and cache metrics stay (the backends).
    "dhakacart.metrics.RequestMetricsMiddleware",
    "dhakacart.logging.RequestLogMiddleware",
    # Before anything that may answer on its own (CommonMiddleware, whitenoise), so every /api/
    # answer, a preflight or an error included, carries the CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dhakacart.csp.BuiltOnceCSPMiddleware",
    # A visitor without a session gets a cached catalogue page here, before the session, auth
    # and messages middleware (shop/sessionless.py); everyone else goes on.
    "shop.sessionless.SessionlessPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware for pages, Accept-Language on API v1, nothing on /health.
    "dhakacart.api.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the response of a refused sign-in and turns it into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dhakacart.urls"
WSGI_APPLICATION = "dhakacart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "checkout.context_processors.cart",
                "dhakacart.contact.context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": database_config("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------
REDIS_URL = redis_url("REDIS_URL")
# Parallel test workers share one Redis database; a per-worker prefix keeps their keys apart.
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", env_str("PYTEST_XDIST_WORKER", "dhakacart"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_prometheus.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis outage must not take pages down: errors are logged and ignored,
                # and short timeouts keep a dead Redis from stalling requests.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                # Cached pages are HTML: zlib makes them several times smaller, which is what
                # keeps the primary's network under its baseline on sale day (docs/capacity.md,
                # "Redis bandwidth"). Level 1: a third of level 6's CPU per write for about a
                # tenth more bytes; reading costs the same (docs/performance.md).
                "COMPRESSOR": "dhakacart.cache_compression.FastZlibCompressor",
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "dhakacart.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django_prometheus.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
# Sessions are written to the database and read through the cache: a Redis restart loses no cart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = redis_url("CELERY_BROKER_URL") or REDIS_URL
# Without a broker (the embedded defaults) tasks run inside the web process.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged after it finished, so a worker that dies mid-task leaves it queued.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Publishing must fail fast when the broker is down: checkout never waits on it, and the
# sweep sends what could not be queued.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] = 1
CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] = 2

# --- E-mail ---------------------------------------------------------------------------------
# Seconds a mail-server exchange may stall before the send fails (and is retried later).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=10)
globals().update(email_config(default_backend="django.core.mail.backends.console.EmailBackend"))
# Links in e-mails point here (e-mails are sent outside any request).
SITE_URL = site_url("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "DhakaCart <no-reply@dhakacart.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- SMS ----------------------------------------------------------------------------------
# `console` prints each SMS (make run), `locmem` keeps them in sms.backends.locmem.outbox (tests),
# `ssl_wireless` sends through SSL Wireless SMS Plus; `none` sends none (and checkout asks for an
# e-mail again). A dotted path names a backend class of another gateway. Outside DEBUG the default
# is `none`: printed SMS would put sign-in codes in the production logs.
SMS_BACKEND = env_str("SMS_BACKEND", "console" if DEBUG else "none")
SMS_API_TOKEN = env_str("SMS_API_TOKEN", "")
SMS_SENDER_ID = env_str("SMS_SENDER_ID", "")
SMS_BASE_URL = env_str("SMS_BASE_URL", "https://smsplus.sslwireless.com")
# Seconds one exchange with the gateway may take before the try fails (and is retried later).
SMS_TIMEOUT = env_int("SMS_TIMEOUT", default=10)

# Sign-in codes by SMS: (codes, seconds). Per number: 3 in 15 minutes and 10 a day. Per client
# address, only codes never used count, so a carrier NAT whose shoppers sign in is not refused,
# while one place asking codes for many numbers (SMS pumping at our cost) is.
PHONE_CODE_LIMITS = {
    "number_15min": (3, 15 * 60),
    "number_day": (10, 24 * 3600),
    "address": (env_int("PHONE_CODE_LIMIT_PER_ADDRESS", default=20), 3600),
}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "shop:home"
LOGOUT_REDIRECT_URL = "shop:home"
# axes refuses a locked-out sign-in before the password is even checked; ModelBackend checks it.
AUTHENTICATION_BACKENDS = [
    "accounts.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: 5 failures for one account from one client address within 15 minutes refuse
# that account there for 15 minutes (a 429 page that says so). Many shoppers share one carrier
# address, so the address itself is refused only at a much higher ceiling of failures, whatever
# accounts were tried (accounts.throttling.LoginLockoutHandler).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=100)
# Attempts live in PostgreSQL, not the cache: the cache swallows Redis errors (see CACHES), and
# throttling that silently switches off while Redis is down, or forgets under memory pressure,
# is no throttling. Staff can also see and clear attempts in the admin.
AXES_HANDLER = "accounts.throttling.LoginLockoutHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttling.attempted_email"
AXES_CLIENT_IP_CALLABLE = "dhakacart.clients.client_ip_address"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out_response"
# Tries during a lockout do not extend it, so "try again in 15 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Successful sign-ins are not recorded: no login history is needed, and it would be personal
# data (address, browser) kept with no purpose, written on every sign-in.
AXES_DISABLE_ACCESS_LOG = True
# No start-up banner in every process's output (manage.py output is read by scripts and tests).
AXES_VERBOSE = False

# Sign-ups (page and API v1 together) and password-reset requests per client address:
# (requests, seconds). Generous, as Bangladeshi mobile carriers put many shoppers behind one address.
ACCOUNT_RATE_LIMITS = {
    "signup": (env_int("SIGNUP_LIMIT_PER_HOUR", default=20), 3600),
    "password_reset": (env_int("PASSWORD_RESET_LIMIT_PER_HOUR", default=10), 3600),
}

# --- Language, time, money ------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("bn", _("Bangla"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Dhaka"
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
# In production CloudFront serves /static/ (STATIC_URL https://<media domain>/static/), fetching
# each hashed file once from whitenoise here; the pages' CSP then names that origin.
STATIC_URL = env_str("STATIC_URL", "/static/")
_STATIC_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(STATIC_URL)) if "://" in STATIC_URL else None
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Under DEBUG, whitenoise serves straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Under DEBUG (make run, tests) files are served as they are, without a manifest.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Product images go to S3 when a bucket is configured. In production a CDN (CloudFront) fronts
# the bucket under AWS_S3_CUSTOM_DOMAIN and image URLs are plain, stable https URLs that phones
# and the CDN cache; without it the private bucket's URLs are presigned for a day (and change on
# every page, which the deploy check warns about).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN").removeprefix("https://").rstrip("/")
if AWS_STORAGE_BUCKET_NAME:
    _media_domain = AWS_S3_CUSTOM_DOMAIN or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": _media_domain,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": _media_domain is None,
            "querystring_expire": 86400,
        },
    }

# --- Security -------------------------------------------------------------------------------
TRUST_PROXY_HEADERS = env_bool("TRUST_PROXY_HEADERS", default=False)
if TRUST_PROXY_HEADERS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Asking browsers to hard-code HTTPS for the domain (and every subdomain) takes months to undo,
# so it is its own decision, off unless SECURE_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False) and SECURE_HSTS_SECONDS > 0
# The probes answer plain HTTP inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^ready$", r"^metrics$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *filter(None, [_STATIC_ORIGIN])],
        "style-src": ["'self'", *filter(None, [_STATIC_ORIGIN])],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'", *filter(None, [_STATIC_ORIGIN])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Django's deploy check asks for preload (W021); here it is an opt-in, see above.
SILENCED_SYSTEM_CHECKS: list[str] = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# --- Shop ---------------------------------------------------------------------------------
# "Only N left" is shown when 1 <= stock <= this.
LOW_STOCK_THRESHOLD = env_int("LOW_STOCK_THRESHOLD", default=5)
PRODUCTS_PER_PAGE = 24
# Catalogue reads and rendered fragments are cached this long at most; any change shoppers must
# see (price, name, activity, a product selling out) makes every entry stale at once
# (shop.cache), so this only bounds memory use.
CATALOGUE_CACHE_SECONDS = env_int("CATALOGUE_CACHE_SECONDS", default=300)
# Product cards (shop/cards.py) are shared by every page: kept longer, the version still rules.
CATALOGUE_CARD_SECONDS = env_int("CATALOGUE_CARD_SECONDS", default=3600)
# A stale entry is recomputed by one process under a lock held at most this long; the others
# serve the previous value meanwhile, or wait up to the second figure when there is none. A
# process that dies mid-recompute holds a change back this long: it stays under SPEC §10's
# 5-second bound (a catalogue page computes in well under a second).
CATALOGUE_RECOMPUTE_SECONDS = 4
CATALOGUE_RECOMPUTE_WAIT_SECONDS = 2
# The legacy product list (every product in one body) carries stock levels, which orders change
# without bumping the catalogue version: its stock figures are never older than this.
LEGACY_PRODUCTS_MAX_AGE = env_int("LEGACY_PRODUCTS_MAX_AGE", default=10)

# The staff dashboard on the admin index (today's orders and revenue, low stock): dhakacart/admin.py.
ADMIN_DASHBOARD = "orders.selectors.get_dashboard"

# --- Orders -------------------------------------------------------------------------------
DELIVERY_FEES = {
    "inside_dhaka": env_str("DELIVERY_FEE_INSIDE_DHAKA", "60.00"),
    "outside_dhaka": env_str("DELIVERY_FEE_OUTSIDE_DHAKA", "120.00"),
}
# The sweep re-sends confirmations still unsent this long after the order.
CONFIRMATION_SWEEP_AFTER_SECONDS = 120
CELERY_BEAT_SCHEDULE = {
    "send-unsent-confirmations": {"task": "orders.tasks.send_unsent_confirmations_task", "schedule": 60.0},
    "send-unsent-sms": {"task": "sms.tasks.send_unsent_sms_task", "schedule": 60.0},
    "send-unsent-back-in-stock": {"task": "wishlist.tasks.send_unsent_back_in_stock_task", "schedule": 300.0},
    "expire-unpaid-orders": {"task": "payments.tasks.expire_unpaid_orders_task", "schedule": 60.0},
    "retry-refunds": {"task": "payments.tasks.retry_refunds_task", "schedule": 60.0},
}

# --- Payments (SPEC §19) ----------------------------------------------------------------------
# A gateway is offered only when all of its credentials are set; cash on delivery needs none.
BKASH_APP_KEY = env_str("BKASH_APP_KEY")
BKASH_APP_SECRET = env_str("BKASH_APP_SECRET")
BKASH_USERNAME = env_str("BKASH_USERNAME")
BKASH_PASSWORD = env_str("BKASH_PASSWORD")
BKASH_BASE_URL = env_str("BKASH_BASE_URL", "https://tokenized.sandbox.bka.sh/v1.2.0-beta")
SSLCOMMERZ_STORE_ID = env_str("SSLCOMMERZ_STORE_ID")
SSLCOMMERZ_STORE_PASSWORD = env_str("SSLCOMMERZ_STORE_PASSWORD")
SSLCOMMERZ_BASE_URL = env_str("SSLCOMMERZ_BASE_URL", "https://sandbox.sslcommerz.com")
# Unpaid online orders are asked about at their gateway, then cancelled, after this long.
PAYMENT_TIMEOUT_MINUTES = env_int("PAYMENT_TIMEOUT_MINUTES", default=30)
PAYMENT_GATEWAY_TIMEOUT_SECONDS = env_int("PAYMENT_GATEWAY_TIMEOUT_SECONDS", default=30)

# --- API v1 -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        # The browser's session works too; DRF enforces CSRF for it on unsafe methods.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "dhakacart.api.throttling.AnonymousThrottle",
        "dhakacart.api.throttling.UserThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "dhakacart.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "dhakacart.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests per minute (or /s, /h, /d) for each throttle scope, counted in the cache.
# Guests are counted per Cart-Token (`anon`) and, every guest request, per address against a
# ceiling fit for a carrier NAT (`anon_address`): dhakacart.api.throttling.
API_THROTTLE_RATES = {
    "anon": env_str("API_THROTTLE_ANON", "120/min"),
    "anon_address": env_str("API_THROTTLE_ANON_ADDRESS", "1200/min"),
    "user": env_str("API_THROTTLE_USER", "240/min"),
    "orders": env_str("API_THROTTLE_ORDERS", "30/min"),
    "login": env_str("API_THROTTLE_LOGIN", "10/min"),
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=30),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DhakaCart API",
    # The app developer's guide: a worked example of each flow, shown at the top of /api/v1/docs/.
    "DESCRIPTION": (BASE_DIR / "dhakacart" / "api" / "guide.md").read_text(encoding="utf-8"),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dhakacart.api.schema.add_error_responses",
    ],
}

# --- Storefront: delivery promise and the footer's contact details ----------------------------
# Days from the order to the door, counted in Asia/Dhaka; shown on the product, cart and checkout.
DELIVERY_WINDOWS = {"inside_dhaka": (1, 2), "outside_dhaka": (3, 5)}
SHOP_HOTLINE = env_str("SHOP_HOTLINE", "09612-345678")
SHOP_SUPPORT_EMAIL = env_str("SHOP_SUPPORT_EMAIL", "support@dhakacart.com.bd")
SHOP_ADDRESS = env_str("SHOP_ADDRESS", "House 12, Road 5, Dhanmondi, Dhaka 1205")
SHOP_ADDRESS_BN = env_str("SHOP_ADDRESS_BN", "বাড়ি ১২, রোড ৫, ধানমন্ডি, ঢাকা ১২০৫")

# --- CORS (the legacy /api/ clients run on other origins) -----------------------------------
# Comma-separated origins with scheme, e.g. http://localhost:3000; none by default. No
# credentials: clients identify a shopper with a JWT, never with cookies sent cross-origin.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
# A retried order carries its Idempotency-Key (SPEC §8), an app guest its Cart-Token (SPEC §7):
# the preflight must let them through, and the app must be able to read the Cart-Token it gets.
CORS_ALLOW_HEADERS = (*default_headers, "idempotency-key", "cart-token")
CORS_EXPOSE_HEADERS = ["Cart-Token"]

# --- Operations -----------------------------------------------------------------------------
METRICS_TOKEN = env_str("METRICS_TOKEN")
# /ready stays 200 this long after the database stops answering a pod that reached it before
# (deploy/README.md, "Readiness").
READY_DATABASE_GRACE_SECONDS = env_int("READY_DATABASE_GRACE_SECONDS", default=30)
PROMETHEUS_EXPORT_MIGRATIONS = False

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "dhakacart.logging.RequestIdFilter"},
        # Order and password-reset tokens never reach the logs (Django's own error lines too).
        "redact": {"()": "dhakacart.logging.RedactSecretsFilter"},
    },
    "formatters": {"json": {"()": "dhakacart.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id", "redact"],
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django's default console and mail handlers go; everything flows to the JSON root.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Our request log writes one line per request; Django's would repeat 4xx lines.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
        "django.db.backends": {"level": "INFO"},
    },
}
