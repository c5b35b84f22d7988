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


def get_delivery_details(*, user) -> dict[str, str]:
    """What a signed-in shopper need not type again at checkout (page and API alike): the profile's
    contact, overridden by the default address. Only the values they have; nothing for a guest."""
    if not user.is_authenticated:
        return {}
    email = user.email if user.has_mailbox else ""
    details = {"customer_name": user.full_name, "email": email, "phone": user.phone}
    address = get_default_address(user=user)
    if address is not None:
        details.update(
            customer_name=address.full_name or user.full_name,
            phone=address.phone or user.phone,
            address_line=address.address_line,
            area=address.area,
            city=address.city,
            postcode=address.postcode,
        )
    return {key: value for key, value in details.items() if value}
