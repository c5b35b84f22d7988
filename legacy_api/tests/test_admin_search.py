"""Staff find an order by the `#<id>` the first clients show, as well as by its number."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, django_user_model):
    manager = django_user_model.objects.create_user(
        email="orders@dhakacart.local", password="a-Strong-passw0rd", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(manager)
    return client


def test_an_order_is_found_by_the_hash_id_the_old_client_shows(manager_client, place, rice):
    wanted = place({rice: 1})
    other = place({rice: 1})

    html = manager_client.get("/admin/orders/order/", {"q": f"#{wanted.pk}"}).content.decode()

    assert wanted.number in html and other.number not in html


@pytest.mark.parametrize("spelling", ["{id}", " {id} "])
def test_an_order_is_found_by_its_bare_id_among_the_other_matches(manager_client, place, rice, spelling):
    wanted = place({rice: 1})

    html = manager_client.get("/admin/orders/order/", {"q": spelling.format(id=wanted.pk)}).content.decode()

    assert wanted.number in html


def test_an_order_is_still_found_by_its_number(manager_client, place, rice):
    wanted = place({rice: 1})
    other = place({rice: 1})

    html = manager_client.get("/admin/orders/order/", {"q": wanted.number}).content.decode()

    assert wanted.number in html and other.number not in html
