"""WSGI entry of the ceiling project (`gunicorn -c gunicorn.conf.py bench.ceiling_wsgi`).

gunicorn.conf.py's log formatter lives in the shop's package, whose import (via its Celery app)
names and may already load the shop's settings; the ceiling drops them and loads its own.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.utils.functional import empty

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.ceiling_settings"
settings._wrapped = empty
application = get_wsgi_application()
