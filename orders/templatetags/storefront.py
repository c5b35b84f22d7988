"""What every storefront page may show about delivery and how to reach the shop."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import timezone

from checkout.pricing import delivery_fee
from orders.models import DeliveryZone

register = template.Library()


@dataclass(frozen=True)
class DeliveryOption:
    zone: str
    label: str
    fee: Decimal
    min_days: int
    max_days: int
    earliest: date
    latest: date


def delivery_options(today: date | None = None) -> list[DeliveryOption]:
    """Each zone's fee and delivery window, with the dates it means from today in Dhaka."""
    today = today or timezone.localdate(timezone=timezone.get_default_timezone())
    options = []
    for zone in DeliveryZone:
        min_days, max_days = settings.DELIVERY_WINDOWS[zone.value]
        options.append(
            DeliveryOption(
                zone=zone.value,
                label=zone.label,
                fee=delivery_fee(zone.value),
                min_days=min_days,
                max_days=max_days,
                earliest=today + timedelta(days=min_days),
                latest=today + timedelta(days=max_days),
            )
        )
    return options


@register.simple_tag(name="delivery_options")
def delivery_options_tag() -> list[DeliveryOption]:
    return delivery_options()


@register.simple_tag
def shop_contact() -> dict:
    return {
        "hotline": settings.SHOP_HOTLINE,
        "email": settings.SHOP_SUPPORT_EMAIL,
        "address": settings.SHOP_ADDRESS,
        "address_bn": settings.SHOP_ADDRESS_BN,
    }
