"""Signed-in shoppers' carts live in the database and take in the guest cart on login."""

import pytest
from django.test import Client

from checkout.models import CartItem

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-passw0rd"


def add(client, product, quantity):
    return client.post("/cart/add/", {"product_id": product.pk, "quantity": quantity})


def saved_cart(user) -> dict:
    return dict(CartItem.objects.filter(cart__user=user).values_list("product_id", "quantity"))


def test_a_signed_in_shoppers_cart_is_kept_in_the_database(client, user, make_product):
    rice = make_product()
    client.force_login(user)

    add(client, rice, 2)

    assert saved_cart(user) == {rice.pk: 2}
    assert "cart" not in client.session


def test_the_cart_survives_logout_and_follows_the_shopper_to_another_device(user, make_product):
    rice = make_product()
    phone, laptop = Client(), Client()
    phone.login(email=user.email, password=PASSWORD)
    add(phone, rice, 3)

    phone.post("/accounts/logout/")
    laptop.login(email=user.email, password=PASSWORD)

    assert laptop.get("/cart/").context["cart"].unit_count == 3


def test_logging_in_merges_the_guest_cart_into_the_saved_one(client, user, make_product):
    rice, oil, dal = make_product(stock=50), make_product(stock=50), make_product(stock=50)
    client.force_login(user)
    add(client, rice, 2)
    add(client, oil, 1)
    client.logout()
    add(client, rice, 3)  # as a guest now
    add(client, dal, 4)

    client.login(email=user.email, password=PASSWORD)

    assert saved_cart(user) == {rice.pk: 5, oil.pk: 1, dal.pk: 4}
    assert "cart" not in client.session


def test_a_merge_that_would_exceed_the_stock_is_capped_at_the_stock(client, user, make_product):
    saree = make_product(name="Jamdani Saree", stock=4)
    client.force_login(user)
    add(client, saree, 3)
    client.logout()
    add(client, saree, 3)

    client.login(email=user.email, password=PASSWORD)

    assert saved_cart(user) == {saree.pk: 4}


def test_a_merge_never_goes_past_99(client, user, make_product):
    rice = make_product(stock=500)
    client.force_login(user)
    add(client, rice, 90)
    client.logout()
    add(client, rice, 20)

    client.login(email=user.email, password=PASSWORD)

    assert saved_cart(user) == {rice.pk: 99}


def test_products_sold_out_or_withdrawn_meanwhile_are_dropped_on_merge(client, user, make_product):
    fan, lamp = make_product(stock=5), make_product(stock=5)
    add(client, fan, 1)
    add(client, lamp, 1)
    fan.stock = 0
    fan.save()
    lamp.is_active = False
    lamp.save()

    client.login(email=user.email, password=PASSWORD)

    assert saved_cart(user) == {}


def test_the_header_count_and_cart_page_read_the_saved_cart(
    client, user, make_product, django_assert_max_num_queries
):
    client.force_login(user)
    for _ in range(10):
        add(client, make_product(), 2)

    with django_assert_max_num_queries(6):
        response = client.get("/cart/")

    assert response.context["cart_unit_count"] == 20
    assert len(response.context["cart"].lines) == 10


def test_one_shoppers_cart_is_never_anothers(client, user, django_user_model, make_product):
    other = django_user_model.objects.create_user(email="other@example.com", password=PASSWORD)
    rice = make_product()
    client.force_login(other)
    add(client, rice, 2)

    client.force_login(user)

    assert client.get("/cart/").context["cart"].is_empty
    client.post("/cart/remove/", {"product_id": rice.pk})
    assert saved_cart(other) == {rice.pk: 2}
