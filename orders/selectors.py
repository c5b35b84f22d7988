from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from shop.models import Product

from .models import DeliveryZone, Order, OrderStatus


def get_order_by_token(token: str) -> Order | None:
    """The guest's view of an order: whoever holds the token link may see it."""
    if not token or len(token) > 64:
        return None
    return Order.objects.prefetch_related("lines").filter(token=token).first()


def get_order_for_viewer(*, number: str, user, token: str = "") -> Order | None:
    """An order for whoever may see it: its owner, staff allowed to view orders, or the holder of its
    token link. Anyone else gets None, exactly as for an unknown number."""
    order = Order.objects.prefetch_related("lines").filter(number=number[:12]).first()
    if order is None:
        return None
    if user.is_authenticated and (order.user_id == user.pk or user.has_perm("orders.view_order")):
        return order
    if token and constant_time_compare(token, order.token):
        return order
    return None


def list_orders_for_user(user) -> QuerySet:
    return Order.objects.filter(user=user).prefetch_related("lines").order_by("-created_at", "-id")


def get_order_for_user(user, number: str) -> Order | None:
    """One of the user's own orders by number, or None (someone else's looks the same as none)."""
    return list_orders_for_user(user).prefetch_related("history").filter(number=number).first()


@dataclass(frozen=True)
class Dashboard:
    orders_today: int | None
    revenue_today: Decimal | None
    pending: int | None
    low_stock: list | None


def get_dashboard(user) -> Dashboard:
    """Today's orders and revenue (the Dhaka day) and low-stock products, as far as `user` may see."""
    can_see_orders = user.has_perm("orders.view_order")
    can_see_products = user.has_perm("shop.view_product")
    orders_today = revenue_today = pending = low_stock = None
    if can_see_orders:
        start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        today = Order.objects.filter(created_at__gte=start).exclude(status=OrderStatus.CANCELLED)
        totals = today.aggregate(count=Count("id"), revenue=Sum("total"))
        orders_today, revenue_today = totals["count"], totals["revenue"] or Decimal("0.00")
        pending = Order.objects.filter(status=OrderStatus.PENDING).count()
    if can_see_products:
        low_stock = list(
            Product.objects.filter(is_active=True, stock__lte=settings.LOW_STOCK_THRESHOLD)
            .select_related("category")
            .order_by("stock", "name")[:15]
        )
    return Dashboard(
        orders_today=orders_today, revenue_today=revenue_today, pending=pending, low_stock=low_stock
    )


@dataclass(frozen=True)
class DeliveryQuote:
    zone: str
    label: str
    fee: Decimal
    total: Decimal


def list_delivery_quotes(pricing) -> list[DeliveryQuote]:
    """What the order would cost in each delivery zone, with the cart's voucher (a checkout Pricing)."""
    quotes = []
    for zone, label in DeliveryZone.choices:
        priced = pricing.for_zone(zone)
        quotes.append(DeliveryQuote(zone=zone, label=label, fee=priced.delivery_fee, total=priced.total))
    return quotes
