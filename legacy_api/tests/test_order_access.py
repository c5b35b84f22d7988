"""GET /api/orders/<id>: staff, the owner (session or JWT) or `?token=`; anyone else the unknown id's 404."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework_simplejwt.tokens import RefreshToken

from .contract import BROWSER

pytestmark = pytest.mark.django_db
UNKNOWN = {"error": "অর্ডারটি পাওয়া যায়নি।", "details": []}


@pytest.fixture
def order(place, rice, user):
    return place({rice: 2}, user=user)


@pytest.fixture
def stranger(django_user_model):
    return django_user_model.objects.create_user(email="karim@example.com", password="a-Strong-passw0rd")


def jwt_for(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {RefreshToken.for_user(user).access_token}"}


def test_the_owner_sees_the_order_by_jwt_with_its_items(client, order, user, rice):
    response = client.get(f"/api/orders/{order.pk}", **BROWSER, **jwt_for(user))

    data = response.json()
    assert response.status_code == 200
    assert data["order"]["id"] == order.pk and data["order"]["number"] == order.number
    assert data["items"] == [
        {
            "id": order.lines.get().pk,
            "order_id": order.pk,
            "product_id": rice.pk,
            "product_name": "Miniket Rice 5kg",
            "quantity": 2,
            "price": 420,
            "line_total": 840,
        }
    ]


def test_the_owner_sees_the_order_by_session(client, order, user):
    client.force_login(user)

    assert client.get(f"/api/orders/{order.pk}", **BROWSER).status_code == 200


def test_staff_who_may_view_orders_see_it(client, order, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="view_order"))

    response = client.get(f"/api/orders/{order.pk}", **BROWSER, **jwt_for(staff_user))

    assert response.status_code == 200


def test_the_token_holder_sees_it_without_signing_in(client, order):
    response = client.get(f"/api/orders/{order.pk}?token={order.token}", **BROWSER)

    assert response.status_code == 200 and response.json()["order"]["token"] == order.token


def test_anyone_else_gets_the_404_of_an_unknown_id(client, order, stranger, staff_user):
    unknown = client.get("/api/orders/999999", **BROWSER)
    anonymous = client.get(f"/api/orders/{order.pk}", **BROWSER)
    wrong_token = client.get(f"/api/orders/{order.pk}?token=guess", **BROWSER)
    other_shopper = client.get(f"/api/orders/{order.pk}", **BROWSER, **jwt_for(stranger))
    staff_without_permission = client.get(f"/api/orders/{order.pk}", **BROWSER, **jwt_for(staff_user))

    for response in (unknown, anonymous, wrong_token, other_shopper, staff_without_permission):
        assert response.status_code == 404
        assert response.json() == UNKNOWN
