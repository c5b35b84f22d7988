"""Unpaid orders time out (asking the gateway first), late money goes back, refunds are retried."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import Order, OrderStatus, PaymentStatus
from orders.services import cancel_order, cancel_order_as_shopper
from payments.models import AttemptStatus, EventKind, PaymentAttempt, PaymentEvent
from payments.services import start_payment
from payments.tasks import expire_unpaid_orders_task, retry_refunds_task
from promotions.models import Voucher
from promotions.tests.factories import VoucherFactory
from shop.models import Product

pytestmark = pytest.mark.django_db


def past_the_timeout(order, settings):
    Order.objects.filter(pk=order.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES + 1)
    )


@pytest.mark.parametrize("gateway", ["sslcommerz", "bkash"])
def test_nothing_arriving_asks_the_gateway_then_cancels_and_gives_stock_and_voucher_back_once(
    online_order, standin, settings, rice, gateway, mailoutbox
):
    voucher = VoucherFactory(code="EID10")
    order = online_order(gateway, voucher_code="EID10")
    attempt = start_payment(order=order)
    assert (Product.objects.get(pk=rice.pk).stock, Voucher.objects.get(pk=voucher.pk).times_used) == (8, 1)
    past_the_timeout(order, settings)

    cancelled = expire_unpaid_orders_task()
    again = expire_unpaid_orders_task()

    assert (cancelled, again) == (1, 0)
    order.refresh_from_db()
    attempt.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.CANCELLED, PaymentStatus.FAILED)
    assert attempt.status == AttemptStatus.FAILED
    assert Product.objects.get(pk=rice.pk).stock == 10
    assert Voucher.objects.get(pk=voucher.pk).times_used == 0
    asked = "merchantTransIDvalidationAPI.php" if gateway == "sslcommerz" else "/payment/status"
    assert standin.count(asked) == 1
    assert mailoutbox == []


def test_an_order_younger_than_the_timeout_is_left_alone(online_order, standin, settings):
    order = online_order("sslcommerz")
    start_payment(order=order)

    assert expire_unpaid_orders_task() == 0

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.AWAITING_PAYMENT


def test_a_payment_only_the_gateway_knows_of_is_found_at_the_timeout_and_kept(
    online_order, standin, settings, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    standin.sslcommerz_pay(attempt.reference)  # paid, but the tab closed and no IPN came
    past_the_timeout(order, settings)

    with django_capture_on_commit_callbacks(execute=True):
        assert expire_unpaid_orders_task() == 0

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.PENDING, PaymentStatus.PAID)
    assert PaymentEvent.objects.get().source == "reconcile"
    assert len(mailoutbox) == 1


def test_a_gateway_that_cannot_answer_at_the_timeout_keeps_the_order_waiting(online_order, standin, settings):
    order = online_order("bkash")
    start_payment(order=order)
    past_the_timeout(order, settings)
    standin.faults.failing_paths = {"/payment/status"}

    assert expire_unpaid_orders_task() == 0

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.PENDING, PaymentStatus.AWAITING_PAYMENT)


@pytest.mark.parametrize("gateway", ["sslcommerz", "bkash"])
def test_a_payment_arriving_after_the_cancel_is_refunded_and_shown_to_staff(
    client, online_order, standin, settings, rice, gateway, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order(gateway)
    attempt = start_payment(order=order)
    past_the_timeout(order, settings)
    expire_unpaid_orders_task()

    with django_capture_on_commit_callbacks(execute=True):
        if gateway == "sslcommerz":
            client.post(reverse("payments:sslcommerz_success"), standin.sslcommerz_pay(attempt.reference))
        else:
            client.get(reverse("payments:bkash_callback"), standin.bkash_pay(attempt.gateway_id))

    order.refresh_from_db()
    attempt.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.CANCELLED, PaymentStatus.REFUNDED)
    assert (attempt.status, attempt.arrived_late) == (AttemptStatus.REFUNDED, True)
    assert list(attempt.events.values_list("kind", flat=True)) == [EventKind.PAYMENT, EventKind.REFUND]
    assert Product.objects.get(pk=rice.pk).stock == 10  # back once, at the cancel
    assert mailoutbox == []


@pytest.mark.parametrize("gateway", ["sslcommerz", "bkash"])
def test_cancelling_a_paid_order_refunds_it_and_a_failed_refund_is_retried_until_it_succeeds(
    client, online_order, standin, staff_user, gateway, django_capture_on_commit_callbacks
):
    order = online_order(gateway)
    attempt = start_payment(order=order)
    with django_capture_on_commit_callbacks(execute=True):
        if gateway == "sslcommerz":
            client.post(reverse("payments:sslcommerz_ipn"), standin.sslcommerz_pay(attempt.reference))
        else:
            client.get(reverse("payments:bkash_callback"), standin.bkash_pay(attempt.gateway_id))
    standin.faults.refund_failures = 1

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=Order.objects.get(pk=order.pk), by=staff_user)

    order.refresh_from_db()
    attempt.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.CANCELLED, PaymentStatus.REFUND_PENDING)
    assert (attempt.status, attempt.refund_tries) == (AttemptStatus.REFUND_PENDING, 1)
    assert attempt.refund_next_attempt_at > timezone.now()
    assert retry_refunds_task() == 0  # not due yet

    PaymentAttempt.objects.filter(pk=attempt.pk).update(refund_next_attempt_at=timezone.now())
    assert retry_refunds_task() == 1
    assert retry_refunds_task() == 0

    order.refresh_from_db()
    attempt.refresh_from_db()
    assert order.payment_status == PaymentStatus.REFUNDED
    assert (attempt.status, attempt.refund_tries) == (AttemptStatus.REFUNDED, 2)
    assert attempt.events.filter(kind=EventKind.REFUND).count() == 1


def test_the_shopper_cancelling_an_order_awaiting_payment_gives_stock_back_and_needs_no_refund(
    online_order, standin, rice
):
    order = online_order("bkash")
    start_payment(order=order)

    cancel_order_as_shopper(order=order)

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.CANCELLED, PaymentStatus.FAILED)
    assert Product.objects.get(pk=rice.pk).stock == 10
    assert standin.count("/payment/refund") == 0


def test_cash_on_delivery_orders_are_never_touched_by_the_timeout(place, rice, settings, standin):
    order = place({rice: 1})
    past_the_timeout(order, settings)

    assert expire_unpaid_orders_task() == 0

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.PENDING, PaymentStatus.UNPAID)


def test_a_payment_made_after_a_reported_failure_is_found_at_the_timeout(
    client, online_order, standin, settings, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    client.post(reverse("payments:sslcommerz_fail"), standin.sslcommerz_pay(attempt.reference, "fail"))
    standin.sslcommerz_pay(attempt.reference)  # tried again on the gateway's page; no IPN came
    past_the_timeout(order, settings)

    with django_capture_on_commit_callbacks(execute=True):
        assert expire_unpaid_orders_task() == 0

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.PENDING, PaymentStatus.PAID)
    assert len(mailoutbox) == 1
