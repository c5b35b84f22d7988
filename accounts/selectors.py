"""Reads for accounts. Every address read is scoped to its owner, so a guessed id finds nothing."""

from django.db.models import QuerySet

from .models import Address, User


def list_addresses_for_user(*, user: User) -> QuerySet[Address]:
    """The user's addresses, the default first, then the newest."""
    return Address.objects.filter(user=user).order_by("-is_default", "-created_at", "-pk")


def get_address_for_user(*, user: User, pk: int) -> Address:
    """One of the user's addresses; raises Address.DoesNotExist for anyone else's (answer 404)."""
    return Address.objects.get(user=user, pk=pk)


def get_default_address(*, user) -> Address | None:
    """The address to prefill checkout with: None for a guest or a user with no saved address."""
    if not user.is_authenticated:
        return None
    return Address.objects.filter(user=user, is_default=True).first()
