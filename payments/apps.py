from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from orders.payments import register_payment_handler
        from orders.signals import order_cancelled

        from . import metrics, services

        register_payment_handler(services.OrdersPaymentHandler())
        order_cancelled.connect(services.refund_on_cancel, dispatch_uid="payments.refund_on_cancel")
        metrics.add_gauges()
