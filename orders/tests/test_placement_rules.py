"""Placing an order when the random number is taken, and the delivery zone's one rule."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation

from orders.exceptions import InvalidOrder
from orders.models import Order
from orders.services import zone_for_address
from promotions.models import Voucher, VoucherUse
from promotions.tests.factories import VoucherFactory
from shop.models import Product

from .test_checkout import checkout_form, fill_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbers_drawn(monkeypatch):
    """The order-number field draws these numbers first, then random ones as usual."""
    field = Order._meta.get_field("number")
    queue: list[str] = []
    random_number = field.default

    def next_number():
        return queue.pop(0) if queue else random_number()

    monkeypatch.setattr(field, "default", next_number)
    return queue


def test_a_taken_order_number_is_drawn_again_and_the_order_is_placed(place, rice, numbers_drawn):
    first = place({rice: 1})
    numbers_drawn.append(first.number)

    second = place({rice: 2})

    assert second.number != first.number
    assert second.number.startswith("DC-")
    assert Order.objects.count() == 2
    assert Product.objects.get(pk=rice.pk).stock == 7  # both orders' stock taken, once each
    assert second.lines.get().quantity == 2


def test_a_taken_number_at_checkout_still_places_the_order(client, rice, place, numbers_drawn):
    taken = place({rice: 1}).number
    fill_cart(client, (rice, 1))
    form = checkout_form(client)
    numbers_drawn.append(taken)

    response = client.post("/checkout/", form)

    assert response.status_code == 302
    assert Order.objects.exclude(number=taken).count() == 1


def test_a_taken_number_with_a_promo_code_is_drawn_again_and_takes_one_use(place, rice, numbers_drawn):
    voucher = VoucherFactory(code="AGAIN", uses_per_customer=None)
    first = place({rice: 1}, voucher_code="AGAIN")
    numbers_drawn.append(first.number)

    second = place({rice: 1}, voucher_code="AGAIN")

    assert second.number != first.number
    assert set(VoucherUse.objects.values_list("order_number", flat=True)) == {first.number, second.number}
    assert Voucher.objects.get(pk=voucher.pk).times_used == 2


@pytest.mark.parametrize(
    ("area", "city", "zone"),
    [
        ("Dhanmondi", "Dhaka", "inside_dhaka"),
        ("", "  DHAKA ", "inside_dhaka"),
        ("ধানমন্ডি", "ঢাকা", "inside_dhaka"),
        ("Gulshan", "Dhaka  City", "inside_dhaka"),
        ("Mirpur 10", "Dhaka-1216", "inside_dhaka"),
        ("Old Dhaka", "Dhaka South City Corporation", "inside_dhaka"),
        ("", "Dhaka Cantonment", "inside_dhaka"),
        ("Uttara", "DNCC", "inside_dhaka"),
        ("Hemayetpur, Savar", "Dhaka District", "outside_dhaka"),
        ("Savar", "Dhaka", "outside_dhaka"),
        ("Ashulia", "ঢাকা", "outside_dhaka"),
        ("Zinzira", "Keraniganj, Dhaka", "outside_dhaka"),
        ("Sadar", "ঢাকা জেলা", "outside_dhaka"),
        ("", "Dhaka Division", "outside_dhaka"),
        ("Tongi", "Gazipur", "outside_dhaka"),
        ("Fatullah", "Narayanganj", "outside_dhaka"),
        ("চাষাড়া", "নারায়ণগঞ্জ", "outside_dhaka"),
        ("Agrabad", "Chattogram", "outside_dhaka"),
        ("Mirpur", "", "outside_dhaka"),
        ("", "", "outside_dhaka"),
    ],
)
def test_the_address_decides_the_zone(area, city, zone):
    assert zone_for_address(area=area, city=city) == zone


def test_a_chattogram_address_cannot_pay_the_dhaka_fee(place, rice, customer):
    cheat = replace(customer, city="Chattogram", delivery_zone="inside_dhaka")

    with pytest.raises(InvalidOrder) as refused:
        place({rice: 1}, customer=cheat)

    assert refused.value.message == (
        "Delivery to Dhanmondi, Chattogram is “Outside Dhaka”. Please choose that delivery zone."
    )
    assert refused.value.extra["delivery_zone"] == "outside_dhaka"
    assert Order.objects.count() == 0
    assert Product.objects.get(pk=rice.pk).stock == 10


def test_a_dhaka_address_choosing_outside_is_refused_too(place, rice, customer):
    with pytest.raises(InvalidOrder):
        place({rice: 1}, customer=replace(customer, delivery_zone="outside_dhaka"))

    assert Order.objects.count() == 0


def test_a_door_without_a_zone_gets_the_citys(place, rice, customer):
    outside = place({rice: 1}, customer=replace(customer, city="Sylhet", delivery_zone=""))
    inside = place({rice: 1}, customer=replace(customer, city="dhaka", delivery_zone=""))

    assert (outside.delivery_zone, outside.delivery_fee) == ("outside_dhaka", Decimal("120.00"))
    assert (inside.delivery_zone, inside.delivery_fee) == ("inside_dhaka", Decimal("60.00"))


def test_the_checkout_page_shows_the_zone_mismatch_and_places_nothing(client, rice):
    fill_cart(client, (rice, 1))
    form = {**checkout_form(client), "city": "Chattogram", "delivery_zone": "inside_dhaka"}

    response = client.post("/checkout/", form)

    assert response.status_code == 200
    assert "Delivery to Banani, Chattogram is “Outside Dhaka”." in response.content.decode()
    assert Order.objects.count() == 0


@pytest.fixture
def english_afterwards():
    """A /bn/ request leaves Bangla active in this thread; the next tests expect English."""
    yield
    translation.activate("en")


def test_the_checkout_page_in_bangla_explains_the_mismatch_in_bangla(client, rice, english_afterwards):
    fill_cart(client, (rice, 1))
    client.get("/bn/checkout/")
    form = {**checkout_form(client), "city": "Chattogram", "delivery_zone": "inside_dhaka"}

    response = client.post("/bn/checkout/", form)

    assert "Chattogram" in response.content.decode()
    assert "Please choose that delivery zone." not in response.content.decode()
