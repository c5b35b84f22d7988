"""Real threads with their own PostgreSQL connections: every input at once, one payment."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dhakacart.tests.races import run_at_once
from orders.exceptions import OutOfStock
from orders.models import Order, OrderStatus, PaymentStatus
from orders.services import OrderLine, place_order
from payments.models import PaymentEvent
from payments.services import recheck_payment, start_payment
from payments.tasks import expire_unpaid_orders_task
from shop.models import Product

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("payment_races"),
]


def test_the_sslcommerz_return_and_ipn_at_once_make_one_payment_one_event_one_email(lamp, customer, standin):
    order = place_order(
        lines=[OrderLine(lamp.pk, 1)], customer=replace(customer, payment_method="sslcommerz")
    )
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)
    mail.outbox = []

    results = run_at_once(
        [
            lambda: Client().post(reverse("payments:sslcommerz_success"), posted).status_code,
            lambda: Client().post(reverse("payments:sslcommerz_ipn"), posted).status_code,
        ]
    )

    assert sorted(results) == [200, 302]
    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.PAID
    assert PaymentEvent.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_bkash_callback_and_a_reconciliation_at_once_make_one_payment_one_event_one_email(
    lamp, customer, standin
):
    order = place_order(lines=[OrderLine(lamp.pk, 1)], customer=replace(customer, payment_method="bkash"))
    attempt = start_payment(order=order)
    callback = standin.bkash_pay(attempt.gateway_id)
    mail.outbox = []

    results = run_at_once(
        [
            lambda: Client().get(reverse("payments:bkash_callback"), callback).status_code,
            lambda: Client().get(reverse("payments:bkash_callback"), callback).status_code,
            lambda: recheck_payment(attempt=attempt).pk,
        ]
    )

    assert results[:2] == [302, 302]
    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.PAID
    assert PaymentEvent.objects.count() == 1
    assert len(mail.outbox) == 1


def test_twenty_shoppers_paying_online_for_the_last_five_lamps_never_oversell_and_abandoned_lamps_return_once(
    lamp, customer, standin, settings
):
    methods = ["bkash", "sslcommerz"] * 10
    results = run_at_once(
        [
            (
                lambda method=method: place_order(
                    lines=[OrderLine(lamp.pk, 1)], customer=replace(customer, payment_method=method)
                )
            )
            for method in methods
        ]
    )
    orders = [result for result in results if isinstance(result, Order)]
    assert len(orders) == 5
    assert sum(isinstance(result, OutOfStock) for result in results) == 15
    assert Product.objects.get(pk=lamp.pk).stock == 0
    paying, abandoning = orders[:3], orders[3:]
    attempts = {order.pk: start_payment(order=order) for order in orders}
    Order.objects.filter(pk__in=[order.pk for order in abandoning]).update(
        created_at=timezone.now() - timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES + 1)
    )

    def pay(order):
        attempt = attempts[order.pk]
        if attempt.gateway == "bkash":
            return Client().get(reverse("payments:bkash_callback"), standin.bkash_pay(attempt.gateway_id))
        return Client().post(reverse("payments:sslcommerz_ipn"), standin.sslcommerz_pay(attempt.reference))

    run_at_once([lambda order=order: pay(order) for order in paying] + [expire_unpaid_orders_task] * 3)

    assert Product.objects.get(pk=lamp.pk).stock == 2
    statuses = {order.pk: Order.objects.get(pk=order.pk) for order in orders}
    assert [(statuses[o.pk].status, statuses[o.pk].payment_status) for o in paying] == [
        (OrderStatus.PENDING, PaymentStatus.PAID)
    ] * 3
    assert [(statuses[o.pk].status, statuses[o.pk].payment_status) for o in abandoning] == [
        (OrderStatus.CANCELLED, PaymentStatus.FAILED)
    ] * 2
    assert expire_unpaid_orders_task() == 0
    assert Product.objects.get(pk=lamp.pk).stock == 2


@pytest.mark.parametrize("gateway", ["sslcommerz", "bkash"])
def test_a_payment_racing_the_timeout_is_either_kept_or_refunded_never_kept_on_a_cancelled_order(
    lamp, customer, standin, settings, gateway
):
    order = place_order(lines=[OrderLine(lamp.pk, 1)], customer=replace(customer, payment_method=gateway))
    attempt = start_payment(order=order)
    Order.objects.filter(pk=order.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES + 1)
    )
    if gateway == "bkash":
        callback = standin.bkash_pay(attempt.gateway_id)
        pay = lambda: Client().get(reverse("payments:bkash_callback"), callback)  # noqa: E731
    else:
        posted = standin.sslcommerz_pay(attempt.reference)
        pay = lambda: Client().post(reverse("payments:sslcommerz_ipn"), posted)  # noqa: E731

    run_at_once([pay, expire_unpaid_orders_task])

    order = Order.objects.get(pk=order.pk)
    assert (order.status, order.payment_status) in [
        (OrderStatus.PENDING, PaymentStatus.PAID),
        (OrderStatus.CANCELLED, PaymentStatus.REFUNDED),
    ]
    assert Product.objects.get(pk=lamp.pk).stock == (5 if order.status == OrderStatus.CANCELLED else 4)
