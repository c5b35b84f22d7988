"""The gateways behind one small interface (base.Gateway), each configured only from the
environment (settings) and offered only when configured."""

from django.conf import settings

from ..models import Gateway as GatewayName
from .base import (
    Gateway,
    GatewayError,
    GatewayUnavailable,
    Outcome,
    Refunded,
    Started,
    Verdict,
)
from .bkash import BkashGateway
from .sslcommerz import SslcommerzGateway

GATEWAYS = {GatewayName.BKASH: BkashGateway, GatewayName.SSLCOMMERZ: SslcommerzGateway}


def configured_gateways() -> list[str]:
    """The gateways whose settings are all present, in the order the checkout offers them."""
    return [name for name, gateway in GATEWAYS.items() if gateway.configured(settings)]


def get_gateway(name: str) -> Gateway:
    """The gateway of that name, read from the settings now (so a changed setting takes effect).

    Raises GatewayUnavailable when it is not configured.
    """
    gateway = GATEWAYS.get(name)
    if gateway is None or not gateway.configured(settings):
        raise GatewayUnavailable(f"{name} is not configured")
    return gateway(settings)


def shopper_origins() -> list[str]:
    """The configured gateways' origins the shopper is sent to."""
    return [origin for name in configured_gateways() for origin in get_gateway(name).shopper_origins()]


def reference_of(name: str, data: dict) -> tuple[str, str]:
    """(field, value) naming the attempt in what a gateway sent back; needs no settings."""
    return GATEWAYS[name].reference_of(data)


__all__ = [
    "Gateway",
    "GatewayError",
    "GatewayUnavailable",
    "Outcome",
    "Refunded",
    "Started",
    "Verdict",
    "configured_gateways",
    "get_gateway",
    "reference_of",
    "shopper_origins",
]
