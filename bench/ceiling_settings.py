"""The ceiling: the smallest Django project there is, one view and no middleware, served by the
same gunicorn settings as the shop so the ratio to it measures only what the shop adds."""

SECRET_KEY = "bench-ceiling-only-never-used-elsewhere"  # noqa: S105  # nosec B105 - serves one fixed string
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.ceiling_urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True
