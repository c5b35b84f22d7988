"""Serve the bKash and SSLCommerz stand-ins for trying payments on a laptop (never in production)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from payments.standins import GatewayStandIn


class Command(BaseCommand):
    help = "Serve local stand-ins for bKash and SSLCommerz and print the settings that use them."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8010)
        parser.add_argument("--no-ipn", action="store_true", help="Do not send SSLCommerz IPNs.")

    def handle(self, *args, port: int, no_ipn: bool, **options):
        if not settings.DEBUG:
            raise CommandError("The payment stand-ins accept any payment: run them only with DEBUG=1.")
        standin = GatewayStandIn(port=port)
        standin.faults.send_ipn = not no_ipn
        standin.start()
        self.stdout.write(f"Payment stand-ins on {standin.url}. Start the shop with:")
        for name, value in standin.settings().items():
            self.stdout.write(f"  export {name}={value}")
        self.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            standin.stop()
