from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders")

    def ready(self):
        from dhakacart.metrics import SCRAPE_TIME_GAUGES

        from .tasks import given_up_confirmations, unsent_confirmations

        SCRAPE_TIME_GAUGES.add(
            "dhakacart_unsent_confirmations",
            "Orders whose confirmation e-mail is still unsent after the sweep delay.",
            (),
            lambda: [((), float(unsent_confirmations().count()))],
        )
        SCRAPE_TIME_GAUGES.add(
            "dhakacart_confirmations_given_up",
            "Orders (not cancelled) whose confirmation e-mail was given up: staff should call.",
            (),
            lambda: [((), float(given_up_confirmations().count()))],
        )
