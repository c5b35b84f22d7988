"""Orders placed with a promo code: the snapshot, the money, the uses, and cancelling."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.utils import translation
from prometheus_client import REGISTRY

from dhakacart.api.errors import domain_status
from orders.exceptions import InvalidTransition, VoucherUnavailable
from orders.models import Order, OrderItem
from orders.services import Customer, cancel_order
from promotions.models import Voucher, VoucherUse
from promotions.selectors import count_customer_uses
from promotions.services import release_voucher
from shop.models import Product

from .factories import VoucherFactory, fixed, free_delivery

pytestmark = pytest.mark.django_db


def uses_of(voucher) -> int:
    return Voucher.objects.get(pk=voucher.pk).times_used


def test_an_order_with_a_percentage_code_keeps_the_code_kind_and_discount(place, rice, oil):
    voucher = VoucherFactory(code="EID10", percent=Decimal("10"))

    order = place({rice: 2, oil: 1}, voucher_code=" eid10 ")

    order.refresh_from_db()
    assert (order.voucher, order.voucher_code, order.voucher_kind) == (voucher, "EID10", "percentage")
    assert order.subtotal == Decimal("1025.00")
    assert order.discount == Decimal("102.50")
    assert order.delivery_fee == Decimal("60.00")
    assert order.total == Decimal("982.50")
    assert uses_of(voucher) == 1


def test_awkward_percentages_round_half_up_on_the_order_too(place, make_product):
    item = make_product(price=Decimal("33.33"))
    VoucherFactory(code="ODD", percent=Decimal("33.335"))

    order = place({item: 3}, voucher_code="ODD")

    # 99.99 × 33.335 % = 33.3316665 → 33.33; total = 99.99 − 33.33 + 60
    assert order.discount == Decimal("33.33")
    assert order.total == Decimal("126.66")


def test_a_capped_percentage_takes_off_the_cap(place, rice):
    VoucherFactory(code="CAP", percent=Decimal("25"), max_discount=Decimal("150.00"))

    order = place({rice: 2}, voucher_code="CAP")

    assert order.discount == Decimal("150.00") and order.total == Decimal("750.00")


def test_a_fixed_amount_above_the_subtotal_leaves_only_the_delivery_fee(place, oil):
    fixed(code="BIGGIFT", amount=Decimal("500.00"))

    order = place({oil: 1}, voucher_code="BIGGIFT")

    assert order.subtotal == Decimal("185.00")
    assert order.discount == Decimal("185.00")
    assert order.total == order.delivery_fee == Decimal("60.00")


def test_free_delivery_waives_the_fee_of_either_zone(place, rice, customer):
    free_delivery(code="SHIPFREE", uses_per_customer=None)
    outside = Customer(**{**customer.__dict__, "city": "Sylhet", "delivery_zone": "outside_dhaka"})

    inside_order = place({rice: 1}, voucher_code="SHIPFREE")
    outside_order = place({rice: 1}, voucher_code="SHIPFREE", customer=outside)

    for order in (inside_order, outside_order):
        assert order.free_delivery and order.voucher_kind == "free_delivery"
        assert order.discount == Decimal("0.00") and order.delivery_fee == Decimal("0.00")
        assert order.total == Decimal("420.00")


def test_the_database_refuses_a_discount_above_the_subtotal_or_a_total_that_does_not_add_up(place, rice):
    order = place({rice: 1})

    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(discount=Decimal("421.00"), total=Decimal("59.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.filter(pk=order.pk).update(discount=Decimal("20.00"))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: None, "voucher_unknown"),
        (lambda: VoucherFactory(code="GONE", is_active=False), "voucher_expired"),
        (lambda: VoucherFactory(code="GONE", total_uses=2, times_used=2), "voucher_used_up"),
        (lambda: VoucherFactory(code="GONE", minimum_subtotal=Decimal("5000")), "voucher_minimum_not_met"),
    ],
)
def test_a_code_that_stopped_applying_refuses_the_order_and_writes_nothing(place, rice, make, reason):
    voucher = make()

    with pytest.raises(VoucherUnavailable) as caught:
        place({rice: 2}, voucher_code="gone")

    error = caught.value
    assert error.code == "voucher_unavailable" and domain_status(error) == 409
    assert error.extra == {"reason": reason, "voucher_code": "GONE"}
    assert "Your order was not placed" in error.message
    assert Order.objects.count() == 0 and OrderItem.objects.count() == 0
    assert Product.objects.get(pk=rice.pk).stock == 10
    if voucher is not None:
        assert uses_of(voucher) == voucher.times_used


def test_a_guest_is_counted_by_phone_number(place, rice, customer):
    voucher = VoucherFactory(code="ONCE")
    place({rice: 1}, voucher_code="ONCE")
    someone_else = Customer(**{**customer.__dict__, "phone": "+8801912345678"})

    with pytest.raises(VoucherUnavailable) as caught:
        place({rice: 1}, voucher_code="ONCE")
    place({rice: 1}, voucher_code="ONCE", customer=someone_else)

    assert caught.value.extra["reason"] == "voucher_already_used"
    assert uses_of(voucher) == 2


def test_a_signed_in_shopper_is_counted_by_account(place, rice, user, customer):
    VoucherFactory(code="TWICE", uses_per_customer=2)
    other_phone = Customer(**{**customer.__dict__, "phone": "+8801912345678"})
    place({rice: 1}, voucher_code="TWICE", user=user)
    place({rice: 1}, voucher_code="TWICE", user=user, customer=other_phone)

    with pytest.raises(VoucherUnavailable) as caught:
        place({rice: 1}, voucher_code="TWICE", user=user, customer=other_phone)

    assert caught.value.extra["reason"] == "voucher_already_used"


def test_the_refusal_speaks_the_shoppers_language(place, rice):
    VoucherFactory(code="DONE", total_uses=1, times_used=1)

    with translation.override("bn"), pytest.raises(VoucherUnavailable) as caught:
        place({rice: 1}, voucher_code="DONE")

    assert "DONE" in caught.value.message and "অর্ডার" in caught.value.message


def test_cancelling_gives_the_use_back_once_and_the_customer_may_use_it_again(place, rice, user):
    voucher = VoucherFactory(code="ONE", total_uses=1)
    order = place({rice: 1}, voucher_code="ONE", user=user)
    assert uses_of(voucher) == 1

    cancel_order(order=order)
    with pytest.raises(InvalidTransition):
        cancel_order(order=order)

    assert uses_of(voucher) == 0
    again = place({rice: 1}, voucher_code="ONE", user=user)
    assert again.discount == Decimal("42.00") and uses_of(voucher) == 1


def test_each_order_records_its_use_and_a_cancellation_gives_it_back_exactly_once(place, rice, user):
    voucher = VoucherFactory(code="TWICE", uses_per_customer=None)
    order = place({rice: 1}, voucher_code="TWICE", user=user)
    use = VoucherUse.objects.get(voucher=voucher)
    assert (use.order_number, use.user, use.phone, use.discount) == (
        order.number,
        user,
        order.phone,
        order.discount,
    )
    assert use.released_at is None

    cancel_order(order=order)

    assert release_voucher(order_number=order.number) is False  # a retried cancellation gives nothing more
    assert VoucherUse.objects.get(pk=use.pk).released_at is not None
    assert uses_of(voucher) == 0


def test_uses_of_orders_placed_before_they_were_recorded_are_copied_from_the_orders(place, rice, user):
    voucher = VoucherFactory(code="OLDER", uses_per_customer=None)
    kept = place({rice: 1}, voucher_code="OLDER", user=user)
    cancelled = place({rice: 1}, voucher_code="OLDER")
    cancel_order(order=cancelled)
    place({rice: 1})  # no voucher, no use
    VoucherUse.objects.all().delete()
    backfill = import_module("promotions.migrations.0004_voucher_uses_of_earlier_orders")

    backfill.copy_uses_from_orders(django_apps, None)

    copied = {use.order_number: use for use in VoucherUse.objects.filter(voucher=voucher)}
    assert set(copied) == {kept.number, cancelled.number}
    assert copied[kept.number].user == user and copied[kept.number].released_at is None
    assert copied[cancelled.number].released_at is not None
    assert count_customer_uses(voucher, user=user) == 1
    assert count_customer_uses(voucher, phone=cancelled.phone) == 1  # the cancelled order's use is back


def test_an_idempotent_replay_takes_no_second_use(place, rice):
    voucher = VoucherFactory(code="REPLAY", uses_per_customer=None)

    first = place({rice: 1}, voucher_code="REPLAY", idempotency_key="k1", request_hash="h")
    second = place({rice: 1}, voucher_code="REPLAY", idempotency_key="k1", request_hash="h")

    assert first.pk == second.pk and second.replayed
    assert uses_of(voucher) == 1


def sample(name, code):
    return REGISTRY.get_sample_value(name, {"code": code}) or 0.0


def test_redemptions_and_the_taka_given_are_counted_by_code_after_commit(
    place, rice, customer, django_capture_on_commit_callbacks
):
    VoucherFactory(code="METRIC", percent=Decimal("10"))
    free_delivery(code="METRICSHIP")
    redeemed, given = (
        sample("dhakacart_vouchers_redeemed_total", "METRIC"),
        sample("dhakacart_voucher_discount_taka_total", "METRIC"),
    )
    shipped = sample("dhakacart_voucher_discount_taka_total", "METRICSHIP")

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 2}, voucher_code="METRIC")
        place({rice: 1}, voucher_code="METRICSHIP")

    assert sample("dhakacart_vouchers_redeemed_total", "METRIC") == redeemed + 1
    assert sample("dhakacart_voucher_discount_taka_total", "METRIC") == given + 84.0
    assert sample("dhakacart_voucher_discount_taka_total", "METRICSHIP") == shipped + 60.0


def test_single_use_codes_of_one_campaign_are_counted_as_one_series(
    place, rice, django_capture_on_commit_callbacks
):
    VoucherFactory(code="RAFSAN-ABCDEFGH", campaign="RAFSAN", total_uses=1)
    before = sample("dhakacart_vouchers_redeemed_total", "RAFSAN-*")

    with django_capture_on_commit_callbacks(execute=True):
        place({rice: 1}, voucher_code="rafsan-abcdefgh")

    assert sample("dhakacart_vouchers_redeemed_total", "RAFSAN-*") == before + 1
    assert sample("dhakacart_vouchers_redeemed_total", "RAFSAN-ABCDEFGH") == 0.0
