from decimal import Decimal

import pytest
from django.test import Client

from checkout.cart import SESSION_KEY

pytestmark = pytest.mark.django_db


def cart_of(client) -> dict:
    return client.session.get(SESSION_KEY, {})


def add(client, product, quantity="1", **extra):
    return client.post("/cart/add/", {"product_id": product.pk, "quantity": quantity, **extra})


def test_adding_a_product_puts_it_in_the_cart_and_counts_units_in_the_header(client, make_product):
    rice = make_product(name="Miniket Rice", price=Decimal("420.00"))

    response = add(client, rice, "2")
    add(client, rice, "1")
    page = client.get("/cart/")

    assert response.status_code == 302 and response["Location"] == "/cart/"
    assert cart_of(client) == {str(rice.pk): 3}
    html = page.content.decode()
    assert "Miniket Rice" in html
    assert "৳1,260.00" in html
    assert '<span class="cart-count"' in html and ">3</span>" in html


def test_changing_a_quantity_and_removing_a_line(client, make_product):
    rice, dal = make_product(), make_product()
    add(client, rice, "2")
    add(client, dal, "1")

    client.post("/cart/update/", {"product_id": rice.pk, "quantity": "5"})
    client.post("/cart/remove/", {"product_id": dal.pk})

    assert cart_of(client) == {str(rice.pk): 5}


def test_a_quantity_of_zero_in_the_cart_removes_the_line(client, make_product):
    rice = make_product()
    add(client, rice, "2")

    client.post("/cart/update/", {"product_id": rice.pk, "quantity": "0"})

    assert cart_of(client) == {}


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Choose a quantity from 1 to 99."),
        ("-1", "Choose a quantity from 1 to 99."),
        ("100", "Choose a quantity from 1 to 99."),
        ("99999999999999999999", "Choose a quantity from 1 to 99."),
        ("two", "Enter the quantity as a whole number."),
        ("1.5", "Enter the quantity as a whole number."),
        ("", "Enter a quantity."),
        ("৩" * 10_000, "Enter the quantity as a whole number."),
    ],
)
def test_bad_quantities_are_refused_with_a_message_and_change_nothing(
    client, make_product, quantity, message
):
    rice = make_product()

    response = add(client, rice, quantity, next=f"/products/{rice.slug}/")

    assert response.status_code == 302 and response["Location"] == f"/products/{rice.slug}/"
    assert cart_of(client) == {}
    assert message in client.get(f"/products/{rice.slug}/").content.decode()


@pytest.mark.parametrize("product_id", ["999999", "abc", "-4", ""])
def test_unknown_product_ids_are_refused(client, product_id):
    client.post("/cart/add/", {"product_id": product_id, "quantity": "1"})

    assert cart_of(client) == {}


def test_inactive_and_out_of_stock_products_cannot_be_added(client, make_product):
    retired = make_product(is_active=False)
    sold_out = make_product(name="Hilsa", stock=0)

    add(client, retired)
    add(client, sold_out)

    assert cart_of(client) == {}
    html = client.get("/cart/").content.decode()
    assert "That product is not available." in html
    assert "Hilsa is out of stock." in html


def test_more_than_the_stock_is_refused_with_how_many_are_left(client, make_product):
    saree = make_product(name="Jamdani Saree", stock=3)
    add(client, saree, "2")

    add(client, saree, "2")

    assert cart_of(client) == {str(saree.pk): 2}
    assert "Only 3 of Jamdani Saree left." in client.get("/cart/").content.decode()


def test_the_cart_flags_a_line_whose_product_sold_out_meanwhile(client, make_product):
    fan = make_product(name="Table Fan", stock=5)
    add(client, fan, "4")
    fan.stock = 2
    fan.save()

    html = client.get("/cart/").content.decode()

    assert "Only 2 left: lower the quantity to check out." in html
    assert "Go to checkout" not in html


def test_an_external_next_url_is_not_followed(client, make_product):
    rice = make_product()

    response = add(client, rice, "0", next="https://evil.example/")

    assert response["Location"] == "/cart/"


def test_cart_commands_need_post_and_a_csrf_token(make_product):
    rice = make_product()
    client = Client(enforce_csrf_checks=True)

    assert client.get("/cart/add/").status_code == 405
    assert client.post("/cart/add/", {"product_id": rice.pk, "quantity": "1"}).status_code == 403
    assert cart_of(client) == {}


def test_the_cart_page_runs_a_constant_number_of_queries_whatever_its_size(
    client, make_product, django_assert_max_num_queries
):
    for _ in range(12):
        add(client, make_product(), "1")

    with django_assert_max_num_queries(3):
        response = client.get("/cart/")

    assert len(response.context["cart"].lines) == 12


def test_an_empty_cart_invites_the_shopper_to_browse(client):
    html = client.get("/cart/").content.decode()

    assert "Your cart is empty." in html
