"""Buying from the product list and the home page, without opening the product page."""

import pytest

from checkout.cart import SessionCart

pytestmark = pytest.mark.django_db


def test_each_card_has_a_one_unit_add_to_cart_form_that_comes_back_to_the_same_list_page(client, rice):
    html = client.get("/products/?sort=price").content.decode()

    assert 'class="card-add" method="post" action="/cart/add/"' in html
    assert 'name="quantity" value="1"' in html
    assert f'name="next" value="/products/?sort=price#product-{rice.pk}"' in html


def test_adding_from_the_list_returns_to_it_with_a_message(client, rice):
    response = client.post(
        "/cart/add/",
        {
            "product_id": rice.pk,
            "quantity": 1,
            "stay": "1",
            "next": f"/products/?sort=price#product-{rice.pk}",
        },
        follow=True,
    )

    assert response.redirect_chain == [(f"/products/?sort=price#product-{rice.pk}", 302)]
    assert "Added to your cart." in response.content.decode()
    assert SessionCart(client.session).quantities() == {rice.pk: 1}


def test_a_sold_out_card_has_a_disabled_out_of_stock_button(client, make_product):
    make_product(name="Padma Hilsa", stock=0)

    html = client.get("/products/").content.decode()

    assert '<button type="submit" class="button card-add-button" disabled>Out of stock</button>' in html


def test_the_bangla_list_shows_prices_and_counts_in_bangla_digits(client, rice, make_product):
    make_product(name="Oats", stock=3)

    html = client.get("/bn/products/").content.decode()

    assert "৳৪২০.০০" in html and "মাত্র ৩টি বাকি" in html and "২টি পণ্য" in html
    assert "কার্টে যোগ করুন" in html


def test_the_product_page_and_cart_show_each_zones_fee_and_delivery_window(client, rice):
    detail = client.get(f"/products/{rice.slug}/").content.decode()
    client.post("/cart/add/", {"product_id": rice.pk, "quantity": 1})
    cart = client.get("/cart/").content.decode()

    for html in (detail, cart):
        assert '<span class="delivery-zone">Inside Dhaka</span>' in html
        assert '<strong class="delivery-fee">৳60.00</strong>' in html
        assert '<strong class="delivery-fee">৳120.00</strong>' in html
        assert html.count('<span class="delivery-window">Arrives ') == 2
