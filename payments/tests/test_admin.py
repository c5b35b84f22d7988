"""Staff: payment status in the order list, every attempt and event on the order, re-check, refund."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from orders.models import Order, PaymentStatus
from payments.admin import recheck_payments, refund_payments
from payments.models import AttemptStatus, PaymentAttempt
from payments.services import start_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, django_user_model):
    manager = django_user_model.objects.create_user(
        email="orders@dhakacart.local", password="a-Strong-passw0rd", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(manager)
    return client


def run_action(client, action, *orders):
    return client.post(
        "/admin/orders/order/",
        {"action": action, "_selected_action": [order.pk for order in orders]},
        follow=True,
    )


def test_the_order_list_shows_and_filters_the_payment_status(
    manager_client, online_order, place, rice, standin
):
    awaiting = online_order("bkash")
    cash = place({rice: 1})

    page = manager_client.get("/admin/orders/order/").content.decode()
    filtered = manager_client.get("/admin/orders/order/?payment_status=awaiting_payment")

    assert "Awaiting payment" in page and "Cash on delivery" in page
    assert list(filtered.context["cl"].result_list) == [awaiting]
    assert cash not in filtered.context["cl"].result_list


def test_the_order_page_shows_every_attempt_and_gateway_transaction(
    manager_client, client, online_order, standin
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)
    client.post(reverse("payments:sslcommerz_success"), posted)

    html = manager_client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()

    assert attempt.reference in html and attempt.gateway_id in html
    assert posted["val_id"] in html and "৳900.00" in html and "VALID" in html


def test_re_checking_with_the_gateway_records_a_payment_the_shop_missed(
    manager_client, online_order, standin, django_capture_on_commit_callbacks, mailoutbox
):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    standin.bkash_pay(attempt.gateway_id)
    standin.bkash_execute({"paymentID": attempt.gateway_id})  # completed at bKash; the callback never came

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(manager_client, "recheck_payments", order)

    assert "Asked the gateway about 1 payment attempt." in response.content.decode()
    order.refresh_from_db()
    assert order.payment_status == PaymentStatus.PAID
    assert len(mailoutbox) == 1


def test_a_gateway_that_does_not_answer_a_re_check_is_reported(manager_client, online_order, standin):
    order = online_order("bkash")
    start_payment(order=order)
    standin.faults.failing_paths = {"/payment/status"}

    response = run_action(manager_client, "recheck_payments", order)

    assert "The payment service did not answer" in response.content.decode()
    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.AWAITING_PAYMENT


def test_the_refund_action_gives_a_held_payment_back(
    manager_client, client, online_order, standin, django_capture_on_commit_callbacks
):
    order = online_order("sslcommerz")
    attempt = start_payment(order=order)
    posted = standin.sslcommerz_pay(attempt.reference)
    standin.faults.validation = {"risk_level": "1"}
    client.post(reverse("payments:sslcommerz_success"), posted)
    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(manager_client, "refund_payments", order)

    assert "Started the refund of 1 payment" in response.content.decode()
    assert PaymentAttempt.objects.get().status == AttemptStatus.REFUNDED
    assert Order.objects.get(pk=order.pk).payment_status == PaymentStatus.REFUNDED


def test_the_refund_action_on_an_unpaid_order_refunds_nothing(manager_client, online_order, standin):
    order = online_order("bkash")
    start_payment(order=order)

    response = run_action(manager_client, "refund_payments", order)

    assert "Started the refunds of 0 payments" in response.content.decode()
    assert standin.count("/payment/refund") == 0


def test_the_payment_attempts_list_finds_late_payments(manager_client, online_order, standin):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    PaymentAttempt.objects.filter(pk=attempt.pk).update(arrived_late=True)

    response = manager_client.get("/admin/payments/paymentattempt/?arrived_late__exact=1")

    assert list(response.context["cl"].result_list) == [PaymentAttempt.objects.get()]


def test_the_payment_columns_filters_and_actions_have_bangla_names():
    from django.contrib import admin
    from django.utils import translation

    order_admin = admin.site._registry[Order]
    actions = {name: str(description) for _f, name, description in order_admin._get_base_actions()}

    with translation.override("bn"):
        names = [
            str(Order._meta.get_field("payment_status").verbose_name),
            str(PaymentStatus.AWAITING_PAYMENT.label),
            str(AttemptStatus.REFUND_PENDING.label),
            str(PaymentAttempt._meta.verbose_name_plural),
            *(str(order_admin.get_action(action)[2]) for action in (recheck_payments, refund_payments)),
        ]

    assert names == [
        "পেমেন্টের অবস্থা",
        "পেমেন্টের অপেক্ষায়",
        "রিফান্ড প্রক্রিয়াধীন",
        "পেমেন্টের চেষ্টাগুলো",
        "গেটওয়ের সাথে পেমেন্ট আবার যাচাই করুন",
        "বাছাই করা অর্ডারের পেমেন্ট ফেরত দিন",
    ]
    assert actions["recheck_payments"] == "Re-check payments with the gateway"
