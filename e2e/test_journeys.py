"""The shopper's and the staff's main journeys, clicked through in a real browser."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from orders.models import Order
from shop.models import Product

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def catalogue(make_product):
    return {
        "rice": make_product(name="Miniket Rice 5kg", price=Decimal("420.00"), stock=10),
        "oil": make_product(name="Soybean Oil 1L", price=Decimal("185.00"), stock=1),
    }


def test_a_guest_finds_a_product_buys_it_and_sees_the_confirmation(page, catalogue, mailoutbox):
    page.goto("/")
    page.fill("#site-search", "miniket")
    page.press("#site-search", "Enter")
    page.click("text=Miniket Rice 5kg")
    page.fill("input[name=quantity]", "2")
    page.click("form.add-to-cart button")

    assert page.locator(".cart-count").inner_text() == "2"
    assert "৳840.00" in page.locator(".cart-summary").inner_text()

    page.click("text=Go to checkout")
    page.fill("input[name=customer_name]", "Ayesha Rahman")
    page.fill("input[name=phone]", "01712345678")
    page.fill("input[name=email]", "ayesha@example.com")
    page.fill("input[name=address_line]", "House 12, Road 5")
    page.fill("input[name=area]", "Dhanmondi")
    page.fill("input[name=city]", "Dhaka")
    page.click("text=Place order")

    order = Order.objects.get()
    assert f"Your order {order.number} is placed" in page.locator("h1").inner_text()
    assert "৳900.00" in page.content()
    assert Product.objects.get(pk=catalogue["rice"].pk).stock == 8
    assert [message.to for message in mailoutbox] == [["ayesha@example.com"]]


def test_a_shopper_who_asks_for_more_than_is_left_is_told_how_many_there_are(page, catalogue):
    page.goto(catalogue["oil"].get_absolute_url())

    assert page.locator(".stock").inner_text() == "Only 1 left"
    page.fill("input[name=quantity]", "1")
    page.click("form.add-to-cart button")
    page.goto(catalogue["oil"].get_absolute_url())
    page.fill("input[name=quantity]", "1")
    page.evaluate("document.querySelector('input[name=quantity]').removeAttribute('max')")
    page.click("form.add-to-cart button")

    assert "Only 1 of Soybean Oil 1L left." in page.locator(".messages").inner_text()


def test_a_shopper_signs_up_and_finds_the_order_in_their_history(page, catalogue):
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", "karim@example.com")
    page.fill("input[name=full_name]", "Karim Hossain")
    page.fill("input[name=phone]", "01812345678")
    page.fill("input[name=password]", "Dhaka-Shop-2026!")
    page.fill("input[name=password_confirmation]", "Dhaka-Shop-2026!")
    page.click("main form button[type=submit]")
    page.goto(catalogue["rice"].get_absolute_url())
    page.click("form.add-to-cart button")
    page.goto("/checkout/")

    assert page.input_value("input[name=customer_name]") == "Karim Hossain"
    page.fill("input[name=address_line]", "Flat 2A, House 9")
    page.fill("input[name=area]", "Uttara")
    page.fill("input[name=city]", "Dhaka")
    page.check("input[name=save_address]")
    page.click("text=Place order")
    number = Order.objects.get().number
    page.goto("/accounts/orders/")
    page.click(f"text={number}")
    page.click("text=Cancel this order")

    assert f"Order {number} is cancelled." in page.locator(".messages").inner_text()
    assert Product.objects.get(pk=catalogue["rice"].pk).stock == 10


def test_an_order_manager_confirms_an_order_from_the_admin(page, catalogue, place, django_user_model):
    order = place({catalogue["rice"]: 1})
    manager = django_user_model.objects.create_user(
        email="orders@dhakacart.local", password="Manager-Pass-2026", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Order managers"))

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/")
    page.fill("input[name=username]", "orders@dhakacart.local")
    page.fill("input[name=password]", "Manager-Pass-2026")
    page.click("input[type=submit]")
    assert page.locator("#orders-today").inner_text() == "1"
    page.goto("/admin/orders/order/")
    page.check(f"input[name=_selected_action][value='{order.pk}']")
    page.select_option("select[name=action]", "confirm_order")
    page.click("button[name=index]")

    assert "Confirmed 1 order(s)." in page.locator(".messagelist").inner_text()
    assert Order.objects.get(pk=order.pk).status == "confirmed"
