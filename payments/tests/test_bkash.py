"""bKash tokenized checkout: paid once, execute's timeouts and errors settled by the status query."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import OrderStatus, PaymentStatus
from payments.models import AttemptStatus, PaymentEvent
from payments.services import start_payment

pytestmark = pytest.mark.django_db


def test_starting_creates_a_payment_for_the_amount_due_with_our_callback(online_order, standin):
    order = online_order("bkash")

    attempt = start_payment(order=order)

    payment = standin.payments[attempt.gateway_id]
    assert (payment["amount"], payment["invoice"]) == ("900.00", attempt.reference)
    assert payment["callbackURL"].endswith("/payments/bkash/callback/")
    assert attempt.redirect_url == f"{standin.url}/bkash/pay/{attempt.gateway_id}"
    assert attempt.amount == Decimal("900.00")


def test_the_id_token_is_granted_once_and_reused_for_every_payment(online_order, standin):
    for _ in range(3):
        start_payment(order=online_order("bkash"))

    assert standin.count("/token/grant") == 1
    assert standin.count("/create") == 3


def test_an_id_token_near_its_end_is_refreshed_not_granted_again(online_order, standin):
    from django.core.cache import cache

    start_payment(order=online_order("bkash"))
    (key,) = [key for key in cache.keys("payments:bkash:token:*")]
    cache.set(key, {**cache.get(key), "renew_at": 0}, timeout=60)

    start_payment(order=online_order("bkash"))

    assert (standin.count("/token/grant"), standin.count("/token/refresh")) == (1, 1)


def test_paid_through_the_callback(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    callback = standin.bkash_pay(attempt.gateway_id)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("payments:bkash_callback"), callback)

    assert response.status_code == 302
    assert response["Location"] == order.get_absolute_url()
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert len(mailoutbox) == 1
    event = PaymentEvent.objects.get()
    assert (event.transaction_id, event.amount) == (
        standin.payments[attempt.gateway_id]["trxID"],
        Decimal("900.00"),
    )


def test_the_callback_twice_is_one_payment_one_event_one_email(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    callback = standin.bkash_pay(attempt.gateway_id)

    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("payments:bkash_callback"), callback)
        client.get(reverse("payments:bkash_callback"), callback)  # execute answers "already completed"

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert PaymentEvent.objects.count() == 1
    assert len(mailoutbox) == 1
    assert standin.count("/payment/status") == 1


def test_execute_timing_out_while_the_payment_completed_is_found_by_the_status_query(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    callback = standin.bkash_pay(attempt.gateway_id)
    standin.faults.execute_delay = 3  # beyond the 2 s the tests give a gateway call

    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("payments:bkash_callback"), callback)

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert (standin.count("/execute"), standin.count("/payment/status")) == (1, 1)
    assert len(mailoutbox) == 1


def test_execute_answering_an_error_after_completing_is_not_a_failure(
    client, online_order, standin, django_capture_on_commit_callbacks
):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    callback = standin.bkash_pay(attempt.gateway_id)
    standin.faults.execute_error = "503"

    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("payments:bkash_callback"), callback)

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID


def test_a_completed_payment_of_another_amount_is_held_for_staff(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    callback = standin.bkash_pay(attempt.gateway_id)
    standin.faults.validation = {"amount": "90.00"}

    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("payments:bkash_callback"), callback)

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.REVIEW
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("action", "status"), [("cancel", AttemptStatus.CANCELLED), ("fail", AttemptStatus.FAILED)]
)
def test_the_shopper_cancelling_or_failing_at_bkash_leaves_the_order_payable(
    client, online_order, standin, action, status
):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    callback = standin.bkash_pay(attempt.gateway_id, action)

    response = client.get(reverse("payments:bkash_callback"), callback)

    assert response.status_code == 302
    attempt.refresh_from_db()
    order.refresh_from_db()
    assert attempt.status == status
    assert (order.status, order.payment_status, order.awaits_payment) == (
        OrderStatus.PENDING,
        PaymentStatus.FAILED,
        True,
    )
    assert standin.count("/execute") == 0


def test_a_forged_success_callback_is_not_believed(client, online_order, standin):
    order = online_order("bkash")
    attempt = start_payment(order=order)  # the shopper never pressed Pay

    response = client.get(
        reverse("payments:bkash_callback"), {"paymentID": attempt.gateway_id, "status": "success"}
    )

    assert response.status_code == 302
    order.refresh_from_db()
    attempt.refresh_from_db()
    assert (order.payment_status, attempt.status) == (PaymentStatus.AWAITING_PAYMENT, AttemptStatus.STARTED)
    assert PaymentEvent.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [{"paymentID": "TR0011NOSUCH", "status": "success"}, {}, {"paymentID": "x" * 3000, "status": "\x00"}],
    ids=["unknown", "empty", "garbage"],
)
def test_a_callback_for_no_payment_of_ours_is_refused_without_a_500(client, online_order, standin, query):
    start_payment(order=online_order("bkash"))

    response = client.get(reverse("payments:bkash_callback"), query)

    assert response.status_code == 400
    assert PaymentEvent.objects.count() == 0
