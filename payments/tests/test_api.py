"""API v1: online payment methods, the order's payment state, and POST orders/<number>/pay/."""

import pytest
from django.contrib.auth.models import Permission

from dhakacart.tests.api import client_for, error_of
from orders.models import Order, PaymentStatus
from orders.tests.test_api import body, item
from payments.models import PaymentAttempt
from payments.services import start_payment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    settings.API_THROTTLE_RATES = dict.fromkeys(settings.API_THROTTLE_RATES, "100000/min")


@pytest.mark.parametrize(("method", "page"), [("bkash", "/bkash/pay/"), ("sslcommerz", "/sslcommerz/pay/")])
def test_an_online_order_awaits_payment_and_says_where_to_pay(api_client, rice, standin, method, page):
    response = api_client.post("/api/v1/orders/", body(item(rice, 2), payment_method=method), format="json")

    assert response.status_code == 201
    data = response.json()
    attempt = PaymentAttempt.objects.get()
    assert (data["payment_method"], data["payment_status"]) == (method, "awaiting_payment")
    assert data["payment"] == {"redirect_url": attempt.redirect_url}
    assert data["payment"]["redirect_url"].startswith(standin.url + page)
    assert data["total"] == "900.00" and attempt.amount == Order.objects.get().total


def test_a_cash_on_delivery_order_is_unpaid_with_no_payment(api_client, rice, standin):
    data = api_client.post("/api/v1/orders/", body(item(rice)), format="json").json()

    assert (data["payment_method"], data["payment_status"], data["payment"]) == ("cod", "unpaid", None)


def test_an_unconfigured_gateway_is_refused_and_nothing_is_written(api_client, rice):
    response = api_client.post("/api/v1/orders/", body(item(rice), payment_method="bkash"), format="json")

    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["payment_method"]
    assert Order.objects.count() == 0


def test_a_gateway_down_at_ordering_leaves_the_order_with_no_payment_yet(api_client, rice, standin):
    standin.faults.failing_paths = {"/create"}

    response = api_client.post("/api/v1/orders/", body(item(rice), payment_method="bkash"), format="json")

    assert response.status_code == 201
    assert (response.json()["payment_status"], response.json()["payment"]) == ("awaiting_payment", None)


def test_the_guest_pays_with_the_token_and_gets_a_new_attempt(api_client, online_order, standin):
    order = online_order("bkash")

    response = api_client.post(f"/api/v1/orders/{order.number}/pay/?token={order.token}")

    assert response.status_code == 201
    attempt = PaymentAttempt.objects.get()
    assert response.json()["payment"] == {"redirect_url": attempt.redirect_url}


def test_the_owner_pays_with_their_account(user, online_order, standin):
    order = online_order("sslcommerz", user=user)

    response = client_for(user).post(f"/api/v1/orders/{order.number}/pay/")

    assert response.status_code == 201
    assert PaymentAttempt.objects.get().order == order


def test_someone_else_gets_the_404_of_an_unknown_order_and_nothing_starts(
    other_user, user, online_order, standin
):
    order = online_order("bkash", user=user)

    as_other = client_for(other_user).post(f"/api/v1/orders/{order.number}/pay/")
    wrong_token = client_for(other_user).post(f"/api/v1/orders/{order.number}/pay/?token=not-the-token")

    assert (as_other.status_code, wrong_token.status_code) == (404, 404)
    assert error_of(as_other)["code"] == "not_found"
    assert PaymentAttempt.objects.count() == 0


def test_staff_who_may_view_orders_may_not_pay_for_the_shopper(staff_user, user, online_order, standin):
    staff_user.user_permissions.add(Permission.objects.get(codename="view_order"))
    order = online_order("bkash", user=user)

    response = client_for(staff_user).post(f"/api/v1/orders/{order.number}/pay/")

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert PaymentAttempt.objects.count() == 0


def test_paying_a_paid_order_is_a_409(api_client, client, online_order, standin):
    order = online_order("bkash")
    attempt = start_payment(order=order)
    client.get("/payments/bkash/callback/", standin.bkash_pay(attempt.gateway_id))

    response = api_client.post(f"/api/v1/orders/{order.number}/pay/?token={order.token}")

    assert response.status_code == 409
    assert error_of(response)["code"] == "payment_not_possible"
    assert Order.objects.get().payment_status == PaymentStatus.PAID
    assert api_client.get(f"/api/v1/orders/{order.number}/?token={order.token}").json()["payment"] is None


def test_paying_a_cash_on_delivery_order_is_a_409(api_client, place, rice, standin):
    order = place({rice: 1})

    response = api_client.post(f"/api/v1/orders/{order.number}/pay/?token={order.token}")

    assert (response.status_code, error_of(response)["code"]) == (409, "payment_not_possible")


def test_a_gateway_that_cannot_be_reached_is_a_503_and_the_order_stays_payable(
    api_client, online_order, standin
):
    order = online_order("sslcommerz")
    standin.faults.failing_paths = {"/gwprocess/v4/api.php"}

    response = api_client.post(f"/api/v1/orders/{order.number}/pay/?token={order.token}")

    assert (response.status_code, error_of(response)["code"]) == (503, "payment_gateway_unavailable")
    assert Order.objects.get().awaits_payment


def test_the_legacy_api_stays_cash_on_delivery(api_client, rice, standin):
    response = api_client.post(
        "/api/orders",
        {
            "customer_name": "Ayesha Rahman",
            "customer_phone": "01712345678",
            "customer_email": "ayesha@example.com",
            "delivery_address": "House 12, Dhanmondi, Dhaka",
            "payment_method": "bkash",
            "items": [{"product_id": rice.pk, "quantity": 1, "price": 420}],
            "total_amount": 420,
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    order = Order.objects.get()
    assert (order.payment_method, order.payment_status) == ("cod", "unpaid")
