"""Payments counted by gateway (SPEC §19), and the gauges the payment alerts read at scrape time."""

from prometheus_client import Counter

GATEWAYS = ("bkash", "sslcommerz")

PAYMENTS_STARTED = Counter("dhakacart_payments_started", "Payment attempts opened at a gateway.", ["gateway"])
PAYMENTS_PAID = Counter(
    "dhakacart_payments_paid", "Payment attempts the gateway confirmed paid.", ["gateway"]
)
PAYMENTS_FAILED = Counter(
    "dhakacart_payments_failed",
    "Payment attempts that failed, were cancelled or could not start.",
    ["gateway"],
)
PAYMENTS_REFUNDED = Counter("dhakacart_payments_refunded", "Payments given back.", ["gateway"])
REFUNDS_FAILED = Counter(
    "dhakacart_refunds_failed", "Refund tries the gateway did not complete.", ["gateway"]
)

for _gateway in GATEWAYS:
    for _counter in (PAYMENTS_STARTED, PAYMENTS_PAID, PAYMENTS_FAILED, PAYMENTS_REFUNDED, REFUNDS_FAILED):
        _counter.labels(gateway=_gateway)


def count(counter: Counter, gateway: str) -> None:
    counter.labels(gateway=gateway).inc()


def add_gauges() -> None:
    from dhakacart.metrics import SCRAPE_TIME_GAUGES

    from .models import AttemptStatus, PaymentAttempt
    from .services import unpaid_orders_past_timeout

    SCRAPE_TIME_GAUGES.add(
        "dhakacart_orders_awaiting_payment_past_timeout",
        "Online orders awaiting payment after PAYMENT_TIMEOUT_MINUTES: the timeout task is not running.",
        (),
        lambda: [((), float(unpaid_orders_past_timeout().count()))],
    )
    SCRAPE_TIME_GAUGES.add(
        "dhakacart_refunds_pending",
        "Payments waiting to be given back, by gateway.",
        ("gateway",),
        lambda: _by_gateway(PaymentAttempt.objects.filter(status=AttemptStatus.REFUND_PENDING)),
    )
    SCRAPE_TIME_GAUGES.add(
        "dhakacart_payments_on_hold",
        "Payments on hold for staff (risk level, not the amount due), by gateway.",
        ("gateway",),
        lambda: _by_gateway(PaymentAttempt.objects.filter(status=AttemptStatus.REVIEW)),
    )


def _by_gateway(queryset):
    counts = dict.fromkeys(GATEWAYS, 0)
    for gateway in queryset.values_list("gateway", flat=True):
        counts[gateway] = counts.get(gateway, 0) + 1
    return [((gateway,), float(number)) for gateway, number in counts.items()]
