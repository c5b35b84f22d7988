from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmsConfig(AppConfig):
    name = "sms"
    verbose_name = _("SMS")

    def ready(self):
        from dhakacart.metrics import SCRAPE_TIME_GAUGES

        from . import receivers  # noqa: F401 - order events write their SMS
        from .services.sending import due_messages

        SCRAPE_TIME_GAUGES.add(
            "dhakacart_unsent_sms",
            "Order SMS whose next try is due (unsent after the sweep delay, or retrying).",
            (),
            lambda: [((), float(due_messages().count()))],
        )
