"""A guest and a member pay with bKash and SSLCommerz in a real browser, against the local
stand-ins over a real socket, in English and in Bangla."""

from decimal import Decimal

import pytest

from orders.models import Order
from payments.models import PaymentEvent
from payments.standins import GatewayStandIn
from shop.models import Product

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def gateways(settings, live_server):
    """Both gateways against a stand-in; they send the shopper back to the live server."""
    standin = GatewayStandIn().start()
    for name, value in standin.settings().items():
        setattr(settings, name, value)
    settings.SITE_URL = live_server.url
    yield standin
    standin.stop()


@pytest.fixture
def rice(make_product):
    return make_product(name="Miniket Rice 5kg", price=Decimal("420.00"), stock=10)


def buy_and_pay(page, rice, *, method: str, prefix: str = "", guest: bool = True) -> Order:
    page.goto(prefix + rice.get_absolute_url().removeprefix("/bn"))
    page.fill("input[name=quantity]", "2")
    page.click("form.add-to-cart button")
    page.goto(f"{prefix}/checkout/")
    if guest:
        page.fill("input[name=customer_name]", "Ayesha Rahman")
        page.fill("input[name=phone]", "01712345678")
        page.fill("input[name=email]", "ayesha@example.com")
    page.fill("input[name=address_line]", "House 12, Road 5")
    page.fill("input[name=area]", "Dhanmondi")
    page.fill("input[name=city]", "Dhaka")
    page.check(f"input[name=payment_method][value={method}]")
    page.click("button.place-order")
    page.wait_for_selector("text=Amount: BDT 900.00")  # the gateway's own page
    page.click("button[value=pay]")
    page.wait_for_selector(".payment-state")
    return Order.objects.get()


@pytest.mark.parametrize("method", ["bkash", "sslcommerz"])
def test_a_guest_pays_online_and_comes_back_to_a_paid_order(page, gateways, rice, method, mailoutbox):
    order = buy_and_pay(page, rice, method=method)

    assert page.url.endswith(f"/orders/{order.token}/")
    assert f"Your order {order.number} is placed" in page.locator("h1").inner_text()
    assert "Paid" in page.locator(".payment-state").inner_text()
    assert order.payment_status == "paid" and PaymentEvent.objects.count() == 1
    assert Product.objects.get(pk=rice.pk).stock == 8
    assert [message.to for message in mailoutbox] == [["ayesha@example.com"]]


@pytest.mark.parametrize("method", ["bkash", "sslcommerz"])
def test_a_member_pays_online_in_bangla(page, gateways, rice, method, django_user_model, mailoutbox):
    django_user_model.objects.create_user(
        email="karim@example.com",
        password="Dhaka-Shop-2026!",
        full_name="Karim Hossain",
        phone="+8801812345678",
    )
    page.goto("/bn/accounts/login/")
    page.fill("input[name=username]", "karim@example.com")
    page.fill("input[name=password]", "Dhaka-Shop-2026!")
    page.click("main form button[type=submit]")

    order = buy_and_pay(page, rice, method=method, prefix="/bn", guest=False)

    assert page.url.endswith(f"/bn/orders/{order.token}/")
    assert "পরিশোধিত" in page.locator(".payment-state").inner_text()
    assert order.user.email == "karim@example.com" and order.payment_status == "paid"
    assert len(mailoutbox) == 1


def test_a_shopper_who_cancels_at_the_gateway_pays_later_with_pay_now(page, gateways, rice):
    page.goto(rice.get_absolute_url())
    page.click("form.add-to-cart button")
    page.goto("/checkout/")
    page.fill("input[name=customer_name]", "Ayesha Rahman")
    page.fill("input[name=phone]", "01712345678")
    page.fill("input[name=email]", "ayesha@example.com")
    page.fill("input[name=address_line]", "House 12, Road 5")
    page.fill("input[name=area]", "Dhanmondi")
    page.fill("input[name=city]", "Dhaka")
    page.check("input[name=payment_method][value=sslcommerz]")
    page.click("button.place-order")
    page.click("button[value=cancel]")

    assert "The payment did not go through" in page.locator(".payment-state").inner_text()
    page.click("text=Pay now")
    page.click("button[value=pay]")
    page.wait_for_selector("text=Thank you!")
    assert Order.objects.get().payment_status == "paid"
