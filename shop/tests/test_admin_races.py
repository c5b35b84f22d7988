"""A staff stock edit racing a real order placed from another thread (its own connection)."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from orders.models import Order
from orders.services import OrderLine, place_order
from shop.admin import ProductAdminForm
from shop.models import Product

from .factories import ProductFactory
from .test_admin import edit, list_edit

# serialized_rollback: the flush after each test would drop the groups the migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def manager_client(client, django_user_model):
    manager = django_user_model.objects.create_user(
        email="catalogue@example.com", password="a-Strong-passw0rd", full_name="Nusrat Jahan", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Catalogue managers"))
    client.force_login(manager)
    return client


@pytest.fixture
def order_lands_after_the_check(monkeypatch, customer):
    """Right after the admin form has checked the stock, a shopper's order commits in another thread."""
    placed = []
    checked = ProductAdminForm.clean

    def clean_then_an_order_commits(form):
        cleaned = checked(form)

        def buy():
            try:
                placed.append(place_order(lines=[OrderLine(form.instance.pk, 3)], customer=customer))
            finally:
                connection.close()

        shopper = threading.Thread(target=buy)
        shopper.start()
        shopper.join(timeout=30)
        return cleaned

    monkeypatch.setattr(ProductAdminForm, "clean", clean_then_an_order_commits)
    return placed


def test_an_order_between_the_check_and_the_write_keeps_its_decrement_on_the_edit_page(
    manager_client, order_lands_after_the_check
):
    rice = ProductFactory(stock=30)

    response = edit(manager_client, rice, stock=50)

    [order] = order_lands_after_the_check
    assert Order.objects.filter(pk=order.pk).exists()
    assert Product.objects.get(pk=rice.pk).stock == 27  # the order's 3 units stay taken
    assert response.status_code == 302
    page = manager_client.get(response["Location"])
    assert "Orders changed the stock to 27 since this page was opened." in page.content.decode()


def test_an_order_between_the_check_and_the_write_keeps_its_decrement_in_the_list(
    manager_client, order_lands_after_the_check
):
    rice = ProductFactory(stock=30)
    dal = ProductFactory(stock=12)

    response = list_edit(manager_client, [(dal, dal.price, 20), (rice, rice.price, 50)])

    assert Product.objects.get(pk=rice.pk).stock == 27
    assert Product.objects.get(pk=dal.pk).stock == 9  # the list's save rolled back whole
    page = manager_client.get(response["Location"])
    assert "Orders changed the stock to" in page.content.decode()


def test_an_edit_with_no_order_in_between_is_saved(manager_client):
    rice = ProductFactory(stock=30)

    edit(manager_client, rice, stock=50)

    assert Product.objects.get(pk=rice.pk).stock == 50
