"""The checkout's summary: before the button, with the chosen zone's total, updated without JavaScript."""

import pytest

from orders.models import Order

pytestmark = pytest.mark.django_db


def fill_cart(client, product, quantity):
    client.post("/cart/add/", {"product_id": product.pk, "quantity": quantity})


def test_the_summary_comes_before_the_place_order_button_with_the_default_zones_total(client, rice):
    fill_cart(client, rice, 2)

    html = client.get("/checkout/").content.decode()

    assert html.index('id="summary-heading"') < html.index("Place order</button>")
    assert '<span class="summary-zone">Inside Dhaka</span>' in html
    assert '<strong class="summary-total-amount">৳900.00</strong>' in html
    assert "Total outside Dhaka" not in html


def test_updating_the_zone_without_javascript_shows_its_total_and_places_no_order(client, rice):
    fill_cart(client, rice, 2)
    token = client.get("/checkout/").context["form"].initial["checkout_token"]

    response = client.post(
        "/checkout/",
        {
            "checkout_token": token,
            "customer_name": "Karim",
            "delivery_zone": "outside_dhaka",
            "update_total": "1",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="summary-zone">Outside Dhaka</span>' in html
    assert '<strong class="summary-total-amount">৳960.00</strong>' in html
    assert 'value="Karim"' in html and "field-error" not in html
    assert not Order.objects.exists()


def test_each_zone_offers_its_fee_total_and_delivery_dates_for_the_script(client, rice):
    fill_cart(client, rice, 1)

    html = client.get("/bn/checkout/").content.decode()

    assert 'data-fee="৳৬০.০০" data-total="৳৪৮০.০০"' in html
    assert 'data-fee="৳১২০.০০" data-total="৳৫৪০.০০"' in html
    assert html.count('class="choice-window">পৌঁছাবে') == 2
