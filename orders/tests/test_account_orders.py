import pytest

from orders.models import Order
from shop.models import Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user(email="someone@example.com", password="a-Strong-passw0rd")


def test_the_history_lists_only_my_orders(client, user, other_user, place, rice):
    mine = place({rice: 1}, user=user)
    theirs = place({rice: 1}, user=other_user)
    client.force_login(user)

    html = client.get("/accounts/orders/").content.decode()

    assert mine.number in html and theirs.number not in html


def test_the_history_runs_a_constant_number_of_queries(
    client, user, place, make_product, django_assert_max_num_queries
):
    for _ in range(8):
        place({make_product(): 1, make_product(): 2}, user=user)
    client.force_login(user)

    with django_assert_max_num_queries(6):
        response = client.get("/accounts/orders/")

    assert len(response.context["orders"]) == 8


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.get("/accounts/orders/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_my_order_detail_shows_lines_address_and_history(client, user, place, rice):
    order = place({rice: 2}, user=user)
    client.force_login(user)

    html = client.get(f"/accounts/orders/{order.number}/").content.decode()

    assert "Miniket Rice 5kg" in html and "৳900.00" in html and "Dhanmondi" in html
    assert "Cancel this order" in html


def test_someone_elses_order_is_not_found(client, user, other_user, place, rice):
    theirs = place({rice: 1}, user=other_user)
    client.force_login(user)

    assert client.get(f"/accounts/orders/{theirs.number}/").status_code == 404
    assert client.post(f"/accounts/orders/{theirs.number}/cancel/").status_code == 404
    assert Order.objects.get(pk=theirs.pk).status == "pending"


def test_a_guest_order_is_not_in_anyones_history(client, user, place, rice):
    guest_order = place({rice: 1})
    client.force_login(user)

    assert client.get(f"/accounts/orders/{guest_order.number}/").status_code == 404


def test_i_can_cancel_my_pending_order_and_the_stock_comes_back(client, user, place, rice):
    order = place({rice: 3}, user=user)
    client.force_login(user)

    response = client.post(f"/accounts/orders/{order.number}/cancel/", follow=True)

    assert Order.objects.get(pk=order.pk).status == "cancelled"
    assert Product.objects.get(pk=rice.pk).stock == 10
    assert f"Order {order.number} is cancelled." in response.content.decode()
    assert "Cancel this order" not in response.content.decode()


def test_a_confirmed_order_cannot_be_cancelled_by_the_shopper(client, user, place, rice):
    from orders.services import confirm_order

    order = place({rice: 1}, user=user)
    confirm_order(order=order)
    client.force_login(user)

    response = client.post(f"/accounts/orders/{order.number}/cancel/", follow=True)

    assert Order.objects.get(pk=order.pk).status == "confirmed"
    assert "Please call us to cancel it." in response.content.decode()


def test_cancel_needs_post(client, user, place, rice):
    order = place({rice: 1}, user=user)
    client.force_login(user)

    assert client.get(f"/accounts/orders/{order.number}/cancel/").status_code == 405


def test_the_account_page_cancels_only_my_own_orders_even_for_staff(
    client, other_user, staff_user, place, rice
):
    from django.contrib.auth.models import Permission

    theirs = place({rice: 1}, user=other_user)
    staff_user.user_permissions.add(*Permission.objects.filter(codename__in=["view_order", "change_order"]))
    client.force_login(staff_user)

    response = client.post(f"/accounts/orders/{theirs.number}/cancel/")

    assert response.status_code == 404
    assert Order.objects.get(pk=theirs.pk).status == "pending"
    assert Product.objects.get(pk=rice.pk).stock == 9
