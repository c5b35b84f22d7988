"""set_stock: the one way staff set a stock figure, compare-and-set against the figure they saw."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from shop.cache import catalogue_version
from shop.exceptions import StockMoved
from shop.models import Product
from shop.stock import product_restocked, set_stock

from .factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restocks():
    sent = []

    def record(sender, product_ids, **kwargs):
        sent.append(product_ids)

    product_restocked.connect(record)
    yield sent
    product_restocked.disconnect(record)


def test_set_stock_writes_the_figure_and_tells_the_catalogue_cache_on_commit(
    restocks, django_capture_on_commit_callbacks
):
    rice = ProductFactory(stock=30)
    saved_at = Product.objects.get(pk=rice.pk).updated_at
    version = catalogue_version()

    with django_capture_on_commit_callbacks(execute=True):
        restocked = set_stock(product_id=rice.pk, stock=50, expected=30)

    rice.refresh_from_db()
    assert (restocked, rice.stock, restocks) == (False, 50, [])
    assert rice.updated_at > saved_at
    assert catalogue_version() == version + 1


def test_set_stock_from_zero_announces_the_restock(restocks):
    dal = ProductFactory(stock=0)

    restocked = set_stock(product_id=dal.pk, stock=12, expected=0)

    assert restocked is True
    assert restocks == [[dal.pk]]
    assert Product.objects.get(pk=dal.pk).stock == 12


def test_set_stock_over_a_figure_orders_changed_raises_and_writes_nothing(
    restocks, django_capture_on_commit_callbacks
):
    rice = ProductFactory(stock=27)
    saved_at = Product.objects.get(pk=rice.pk).updated_at

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(StockMoved) as refused:
        set_stock(product_id=rice.pk, stock=50, expected=30)

    rice.refresh_from_db()
    assert refused.value.extra == {"current": 27}
    assert refused.value.code == "stock_moved"
    assert "Orders changed the stock to 27 since this page was opened." in refused.value.message
    assert (rice.stock, rice.updated_at, restocks, callbacks) == (27, saved_at, [], [])


def test_the_product_list_restocks_through_the_service_once(client, django_user_model, restocks):
    manager = django_user_model.objects.create_user(
        email="catalogue@example.com", password="a-Strong-passw0rd", full_name="Nusrat Jahan", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Catalogue managers"))
    client.force_login(manager)
    dal = ProductFactory(stock=0)

    response = client.post(
        reverse("admin:shop_product_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-MIN_NUM_FORMS": 0,
            "form-MAX_NUM_FORMS": 1000,
            "_save": "Save",
            "form-0-id": dal.pk,
            "form-0-price": dal.price,
            "form-0-stock": 8,
            "initial-form-0-stock": 0,
        },
    )

    assert response.status_code == 302
    assert Product.objects.get(pk=dal.pk).stock == 8
    assert restocks == [[dal.pk]]
