from django.db.models import QuerySet

from .models import Order


def get_order_by_token(token: str) -> Order | None:
    """The guest's view of an order: whoever holds the token link may see it."""
    if not token or len(token) > 64:
        return None
    return Order.objects.prefetch_related("lines").filter(token=token).first()


def list_orders_for_user(user) -> QuerySet:
    return Order.objects.filter(user=user).prefetch_related("lines").order_by("-created_at", "-id")


def get_order_for_user(user, number: str) -> Order | None:
    """One of the user's own orders by number, or None (someone else's looks the same as none)."""
    return list_orders_for_user(user).prefetch_related("history").filter(number=number).first()
