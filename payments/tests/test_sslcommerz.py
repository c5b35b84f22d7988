"""SSLCommerz: paid once whichever way the news arrives, and never on the browser's word."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import Order, OrderStatus, PaymentStatus
from payments.models import AttemptStatus, PaymentEvent
from payments.services import recheck_payment, start_payment
from sms.models import Message

pytestmark = pytest.mark.django_db


def test_placing_an_sslcommerz_order_awaits_payment_and_sends_no_confirmation_yet(
    online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        order = online_order("sslcommerz")

    assert order.payment_status == PaymentStatus.AWAITING_PAYMENT
    assert mailoutbox == []


def test_starting_opens_a_session_for_the_amount_due_and_sends_the_shopper_to_its_page(online_order, standin):
    order = online_order("sslcommerz")

    attempt = start_payment(order=order)

    assert attempt.amount == Decimal("900.00") == order.total
    assert attempt.redirect_url == f"{standin.url}/sslcommerz/pay/{attempt.reference}"
    assert standin.sessions[attempt.reference]["amount"] == "900.00"
    assert standin.sessions[attempt.reference]["ipn_url"].endswith("/payments/sslcommerz/ipn/")
    assert attempt.gateway_id == standin.sessions[attempt.reference]["sessionkey"]


def test_paid_through_the_browser_return(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("payments:sslcommerz_success"), posted)

    assert response.status_code == 302
    assert response["Location"] == order.get_absolute_url()
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert [message.to for message in mailoutbox] == [["ayesha@example.com"]]
    event = PaymentEvent.objects.get()
    assert (event.transaction_id, event.amount, event.source) == (
        posted["val_id"],
        Decimal("900.00"),
        "return:success",
    )
    assert standin.count("validationserverAPI.php") == 1


def test_the_return_and_the_ipn_together_send_one_paid_sms(
    client, online_order, standin, django_capture_on_commit_callbacks, smsoutbox
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("payments:sslcommerz_success"), posted)
        client.post(reverse("payments:sslcommerz_ipn"), posted)

    paid = Message.objects.filter(order=order, event="paid")
    assert paid.count() == 1
    assert [sms.text for sms in smsoutbox].count(paid.get().text) == 1  # "৳900.00 received …", sent once


def test_paid_through_the_ipn_alone(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("payments:sslcommerz_ipn"), posted)

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert len(mailoutbox) == 1
    assert PaymentEvent.objects.get().source == "ipn"


def test_the_ipn_twice_is_one_payment_one_event_one_email(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("payments:sslcommerz_ipn"), posted)
        second = client.post(reverse("payments:sslcommerz_ipn"), posted)

    assert (first.status_code, second.status_code) == (200, 200)
    assert PaymentEvent.objects.count() == 1
    assert len(mailoutbox) == 1
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID


@pytest.mark.parametrize(
    ("tampered", "raw_status"),
    [
        ({"amount": "9.00"}, "VALID; not the amount due"),
        ({"currency": "USD"}, "VALID; not the amount due"),
        ({"risk_level": "1"}, "VALID; risk_level 1"),
    ],
)
def test_a_validation_with_another_amount_or_risk_level_1_puts_the_payment_on_hold_without_an_email(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox, tampered, raw_status
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)
    standin.faults.validation = tampered

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("payments:sslcommerz_success"), posted)

    order.refresh_from_db()
    attempt.refresh_from_db()
    assert order.payment_status == PaymentStatus.REVIEW
    assert (attempt.status, attempt.raw_status) == (AttemptStatus.REVIEW, raw_status)
    assert PaymentEvent.objects.count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize(
    "tampered",
    [{"tran_id": "DC-OTHER-1234"}, {"status": "INVALID_TRANSACTION"}],
    ids=["other_tran_id", "invalid"],
)
def test_a_validation_for_another_transaction_or_an_invalid_one_is_refused_and_writes_nothing(
    client, online_order, standin, mailoutbox, tampered
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)
    standin.faults.validation = tampered

    returned = client.post(reverse("payments:sslcommerz_success"), posted)
    ipn = client.post(reverse("payments:sslcommerz_ipn"), posted)

    assert (returned.status_code, ipn.status_code) == (400, 400)
    order.refresh_from_db()
    attempt.refresh_from_db()
    assert (order.payment_status, attempt.status) == (PaymentStatus.AWAITING_PAYMENT, AttemptStatus.STARTED)
    assert PaymentEvent.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    "forged",
    [
        {"tran_id": "DC-NOSUCH-0000", "val_id": "VAL1", "amount": "900.00", "status": "VALID"},
        {"val_id": "VAL1", "status": "VALID"},
        {},
        {"tran_id": "x" * 5000, "val_id": "\x00"},
    ],
    ids=["unknown_tran_id", "no_tran_id", "empty", "garbage"],
)
@pytest.mark.parametrize("url", ["success", "fail", "cancel", "ipn"])
def test_forged_posts_are_refused_without_a_500_and_write_nothing(client, online_order, standin, forged, url):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)

    response = client.post(reverse(f"payments:sslcommerz_{url}"), forged)

    assert response.status_code == 400
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.STARTED
    assert PaymentEvent.objects.count() == 0


def test_a_forged_success_for_a_real_attempt_is_refused_by_the_validation_api(client, online_order, standin):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    forged = {"tran_id": attempt.reference, "val_id": "VALFORGED", "amount": "900.00", "status": "VALID"}

    response = client.post(reverse("payments:sslcommerz_success"), forged)

    assert response.status_code == 400
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.AWAITING_PAYMENT
    assert PaymentEvent.objects.count() == 0


def test_the_shopper_cancelling_at_the_gateway_leaves_the_order_payable(client, online_order, standin):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference, "cancel")

    response = client.post(reverse("payments:sslcommerz_cancel"), posted)

    assert response.status_code == 302
    attempt.refresh_from_db()
    order.refresh_from_db()
    assert attempt.status == AttemptStatus.CANCELLED
    assert (order.status, order.payment_status) == (OrderStatus.PENDING, PaymentStatus.FAILED)
    assert order.awaits_payment
    assert PaymentEvent.objects.count() == 0


def test_a_cancel_post_for_an_attempt_the_gateway_saw_paid_counts_the_payment(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    standin.sslcommerz_pay(attempt.reference)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("payments:sslcommerz_cancel"), {"tran_id": attempt.reference, "status": "CANCELLED"}
        )

    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert len(mailoutbox) == 1


def test_a_gateway_that_does_not_answer_leaves_the_attempt_open_and_the_shopper_on_the_order_page(
    client, online_order, standin
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)
    standin.faults.failing_paths = {"validationserverAPI.php"}

    returned = client.post(reverse("payments:sslcommerz_success"), posted)
    ipn = client.post(reverse("payments:sslcommerz_ipn"), posted)

    assert returned.status_code == 302
    assert ipn.status_code == 503
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.STARTED
    standin.faults.failing_paths = set()
    recheck_payment(attempt=attempt)
    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.PAID


def test_a_second_paid_attempt_on_a_paid_order_is_refunded(
    client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("sslcommerz")
    first = start_payment(order=order)
    other_tab = start_payment(order=order)  # "Pay now" pressed again before the first was paid

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("payments:sslcommerz_success"), standin.sslcommerz_pay(first.reference))
        client.post(reverse("payments:sslcommerz_success"), standin.sslcommerz_pay(other_tab.reference))

    first.refresh_from_db()
    other_tab.refresh_from_db()
    order.refresh_from_db()
    assert (first.status, other_tab.status) == (AttemptStatus.PAID, AttemptStatus.REFUNDED)
    assert order.payment_status == PaymentStatus.PAID
    assert len(mailoutbox) == 1
    assert list(PaymentEvent.objects.values_list("attempt__reference", "kind")) == [
        (first.reference, "payment"),
        (other_tab.reference, "payment"),
        (other_tab.reference, "refund"),
    ]
