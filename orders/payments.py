"""What orders needs from the payments app, which sits above it and registers itself here in its
AppConfig.ready (orders never imports payments): which online methods are offered, starting a
payment attempt, and the gateway page an order awaiting payment sends its shopper to.

Without a registered handler (no payments app) only cash on delivery is offered.
"""

from typing import Protocol

from .models import Order, PaymentMethod


class PaymentHandler(Protocol):
    def online_methods(self) -> list[str]:
        """The online methods whose gateway is configured."""

    def start_payment(self, *, order: Order) -> str:
        """Start a new attempt for an order awaiting payment; the gateway page's URL. Raises
        DomainError when the order cannot be paid now or the gateway refused."""

    def redirect_url(self, order: Order) -> str | None:
        """The gateway page of the order's open attempt, or None."""

    def origins(self) -> list[str]:
        """The configured gateways' origins a shopper's browser is sent to."""


_handler: PaymentHandler | None = None


def register_payment_handler(handler: PaymentHandler) -> None:
    global _handler
    _handler = handler


def available_payment_methods() -> list[str]:
    """Cash on delivery, then each configured online method."""
    online = _handler.online_methods() if _handler is not None else []
    return [PaymentMethod.CASH_ON_DELIVERY, *online]


def payment_method_choices() -> list[tuple[str, str]]:
    available = available_payment_methods()
    return [(value, label) for value, label in PaymentMethod.choices if value in available]


def start_payment(*, order: Order) -> str:
    if _handler is None:
        raise RuntimeError("no payments app is installed")
    return _handler.start_payment(order=order)


def payment_redirect_url(order: Order) -> str | None:
    return _handler.redirect_url(order) if _handler is not None else None


def allow_forms_to_the_gateways(response):
    """For a page whose form leads to a gateway (checkout, "Pay now"): browsers check the CSP's
    form-action on the redirect that follows the post too, so it must name the gateways' origins."""
    origins = _handler.origins() if _handler is not None else []
    if origins:
        response._csp_update = {"form-action": origins}
    return response
