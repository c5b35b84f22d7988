"""What a voucher takes off, to the paisa, and every reason it may not apply."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from dhakacart.api.errors import domain_status
from dhakacart.money import percent_of, round_taka
from promotions.exceptions import (
    VoucherAlreadyUsed,
    VoucherExpired,
    VoucherMinimumNotMet,
    VoucherNotStarted,
    VoucherUnknown,
    VoucherUsedUp,
)
from promotions.models import Voucher
from promotions.selectors import check_voucher, discount_for

from .factories import VoucherFactory, free_delivery

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("33.335", "33.34"),
        ("33.334", "33.33"),
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("2.675", "2.68"),  # a float would make this 2.67
        ("1249.995", "1250.00"),
    ],
)
def test_taka_round_half_up_to_the_paisa(amount, expected):
    assert round_taka(Decimal(amount)) == Decimal(expected)


@pytest.mark.parametrize(
    ("subtotal", "percent", "expected"),
    [
        ("100.00", "33.335", "33.34"),  # 33.335 exactly: the half goes up
        ("0.03", "50", "0.02"),  # 0.015
        ("999.99", "12.5", "125.00"),  # 124.99875
        ("1000.00", "100", "1000.00"),
        ("10.10", "10", "1.01"),
    ],
)
def test_percentages_of_a_subtotal_round_half_up_to_the_paisa(subtotal, percent, expected):
    voucher = VoucherFactory.build(percent=Decimal(percent))

    assert percent_of(Decimal(subtotal), Decimal(percent)) == Decimal(expected)
    assert discount_for(voucher, Decimal(subtotal)) == Decimal(expected)


def test_a_percentage_stops_at_its_cap():
    voucher = VoucherFactory.build(percent=Decimal("20"), max_discount=Decimal("150.00"))

    assert discount_for(voucher, Decimal("500.00")) == Decimal("100.00")
    assert discount_for(voucher, Decimal("750.00")) == Decimal("150.00")
    assert discount_for(voucher, Decimal("5000.00")) == Decimal("150.00")


def test_a_fixed_amount_above_the_subtotal_takes_the_items_to_zero_not_below():
    voucher = Voucher(kind="fixed", amount=Decimal("500.00"))

    assert discount_for(voucher, Decimal("420.00")) == Decimal("420.00")
    assert discount_for(voucher, Decimal("500.01")) == Decimal("500.00")


def test_free_delivery_takes_nothing_off_the_items():
    voucher = Voucher(kind="free_delivery")

    assert discount_for(voucher, Decimal("420.00")) == Decimal("0.00")


def test_a_voucher_that_applies_returns_its_discount():
    voucher = VoucherFactory(code="EID10", minimum_subtotal=Decimal("500.00"))

    assert check_voucher(voucher, code="eid10", subtotal=Decimal("500.00")) == Decimal("50.00")


def refusal(error_class, voucher, **kwargs):
    kwargs.setdefault("subtotal", Decimal("1000.00"))
    with pytest.raises(error_class) as caught:
        check_voucher(voucher, code=kwargs.pop("code", voucher.code if voucher else "NOPE"), **kwargs)
    return caught.value


def test_an_unknown_code_is_refused_with_the_code_upper_case():
    error = refusal(VoucherUnknown, None, code=" nope ")

    assert error.code == "voucher_unknown" and domain_status(error) == 404
    assert error.message == "There is no promo code NOPE. Check the spelling and try again."


def test_a_voucher_before_its_start_is_refused_with_the_dhaka_start_time():
    start = timezone.now() + timedelta(days=2)
    voucher = VoucherFactory(code="BOISHAKH", valid_from=start)

    error = refusal(VoucherNotStarted, voucher)

    shown = timezone.localtime(start)  # Asia/Dhaka
    assert error.code == "voucher_not_started"
    assert error.message.startswith("Promo code BOISHAKH is not valid yet: it starts on ")
    assert f"{shown.day} " in error.message and shown.strftime("%Y") in error.message


def test_a_voucher_after_its_end_or_switched_off_is_expired():
    ended = VoucherFactory(code="OLD", valid_until=timezone.now() - timedelta(minutes=1))
    switched_off = VoucherFactory(code="OFF", is_active=False)

    assert refusal(VoucherExpired, ended).message == "Promo code OLD has expired."
    assert refusal(VoucherExpired, switched_off).code == "voucher_expired"


def test_the_end_of_a_voucher_is_the_first_moment_it_no_longer_works():
    end = timezone.now() + timedelta(hours=1)
    voucher = VoucherFactory(code="LAST", valid_until=end)

    assert check_voucher(voucher, code="LAST", subtotal=Decimal("100"), now=end - timedelta(seconds=1))
    refusal(VoucherExpired, voucher, now=end)


def test_a_voucher_with_no_uses_left_is_used_up():
    voucher = VoucherFactory(code="LIMITED", total_uses=3, times_used=3)

    error = refusal(VoucherUsedUp, voucher)

    assert error.code == "voucher_used_up" and error.message == "Promo code LIMITED has been used up."


def test_a_customer_at_their_limit_is_refused(place, rice, user):
    voucher = VoucherFactory(code="ONCE")
    place({rice: 1}, user=user, voucher_code="ONCE")

    error = refusal(VoucherAlreadyUsed, Voucher.objects.get(pk=voucher.pk), user=user)

    assert error.code == "voucher_already_used"
    assert error.message == "You have already used promo code ONCE as many times as it allows."


def test_below_the_minimum_says_how_much_more_to_add():
    voucher = VoucherFactory(code="BIG", minimum_subtotal=Decimal("1500.00"))

    error = refusal(VoucherMinimumNotMet, voucher, subtotal=Decimal("1249.50"))

    assert error.code == "voucher_minimum_not_met"
    assert error.message == "Promo code BIG needs a subtotal of at least ৳1,500.00: add ৳250.50 more."
    assert error.extra == {"minimum": "1500.00", "missing": "250.50"}


def test_refusals_speak_bangla_on_bangla_pages():
    voucher = VoucherFactory(code="LIMITED", total_uses=1, times_used=1)

    with translation.override("bn"):
        error = refusal(VoucherUsedUp, voucher)

    assert "LIMITED" in error.message and "ব্যবহার" in error.message


def test_free_delivery_vouchers_check_like_any_other():
    voucher = free_delivery(code="SHIPFREE", minimum_subtotal=Decimal("300.00"))

    assert check_voucher(voucher, code="shipfree", subtotal=Decimal("300.00")) == Decimal("0.00")
    refusal(VoucherMinimumNotMet, voucher, subtotal=Decimal("299.99"))
