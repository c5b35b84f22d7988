from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from orders.models import Order
from shop.models import Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def order_manager(django_user_model):
    manager = django_user_model.objects.create_user(
        email="orders@dhakacart.local", password="a-Strong-passw0rd", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Order managers"))
    return manager


@pytest.fixture
def manager_client(client, order_manager):
    client.force_login(order_manager)
    return client


def run_action(client, action, *orders):
    return client.post(
        "/admin/orders/order/",
        {"action": action, "_selected_action": [order.pk for order in orders]},
        follow=True,
    )


def test_order_managers_see_the_list_with_number_customer_total_and_status(manager_client, place, rice):
    order = place({rice: 2})

    response = manager_client.get("/admin/orders/order/")

    html = response.content.decode()
    assert response.status_code == 200
    assert order.number in html and "Ayesha Rahman" in html and "৳900.00" in html and "Pending" in html


@pytest.mark.parametrize("term", ["number", "phone", "email"])
def test_orders_can_be_found_by_number_phone_or_email(manager_client, place, rice, customer, term):
    from dataclasses import replace

    wanted = place({rice: 1})
    other = place({rice: 1}, customer=replace(customer, email="other@example.com", phone="+8801912345678"))
    query = {"number": wanted.number, "phone": "01712345678", "email": "ayesha@"}[term]

    html = manager_client.get("/admin/orders/order/", {"q": query}).content.decode()

    assert wanted.number in html and other.number not in html


def test_orders_can_be_filtered_by_status(manager_client, place, rice):
    pending = place({rice: 1})
    confirmed = place({rice: 1})
    manager_client.post(
        "/admin/orders/order/", {"action": "confirm_order", "_selected_action": [confirmed.pk]}
    )

    html = manager_client.get("/admin/orders/order/", {"status__exact": "confirmed"}).content.decode()

    assert confirmed.number in html and pending.number not in html


def test_the_confirm_and_cancel_actions_go_through_the_lifecycle_services(
    manager_client, place, rice, order_manager
):
    order = place({rice: 3})

    run_action(manager_client, "confirm_order", order)
    response = run_action(manager_client, "cancel_order", order)

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert Product.objects.get(pk=rice.pk).stock == 10
    assert [(c.to_status, c.changed_by) for c in order.history.all()][1:] == [
        ("confirmed", order_manager),
        ("cancelled", order_manager),
    ]
    assert "Cancelled 1 order(s)." in response.content.decode()


def test_a_move_the_flow_forbids_is_refused_with_a_message(manager_client, place, rice):
    order = place({rice: 1})

    response = run_action(manager_client, "ship_order", order)

    assert Order.objects.get(pk=order.pk).status == "pending"
    assert f"{order.number}: An order that is pending cannot be marked shipped." in response.content.decode()


def test_cancelling_twice_through_the_admin_puts_stock_back_once(manager_client, place, rice):
    order = place({rice: 4})

    run_action(manager_client, "cancel_order", order)
    response = run_action(manager_client, "cancel_order", order)

    assert Product.objects.get(pk=rice.pk).stock == 10
    assert "cannot be marked cancelled" in response.content.decode()


def test_the_order_page_shows_read_only_lines_and_history(manager_client, place, rice):
    order = place({rice: 2})

    html = manager_client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()

    assert "Miniket Rice 5kg" in html and "DC-RICE-001" in html
    assert 'name="lines-0-quantity"' not in html  # lines are not editable
    assert "status history" in html.lower()


def test_orders_cannot_be_added_or_deleted_in_the_admin(manager_client, place, rice, admin_client):
    order = place({rice: 1})

    assert admin_client.get("/admin/orders/order/add/").status_code == 403
    assert admin_client.get(f"/admin/orders/order/{order.pk}/delete/").status_code == 403


def test_staff_without_order_permissions_are_refused(client, staff_user, place, rice):
    order = place({rice: 1})
    client.force_login(staff_user)

    assert client.get("/admin/orders/order/").status_code == 403
    client.post("/admin/orders/order/", {"action": "cancel_order", "_selected_action": [order.pk]})
    assert Order.objects.get(pk=order.pk).status == "pending"


def test_the_dashboard_shows_todays_orders_revenue_and_low_stock(admin_client, place, rice, make_product):
    make_product(name="Last Hilsa", stock=1)
    place({rice: 1})
    place({rice: 2})
    cancelled = place({rice: 1})
    run_action(admin_client, "cancel_order", cancelled)

    html = admin_client.get("/admin/").content.decode()

    assert '<td id="orders-today">2</td>' in html
    assert '<td id="revenue-today">৳1,380.00</td>' in html  # 480 + 900; the cancelled one does not count
    assert "Last Hilsa" in html


def test_the_dashboard_shows_nothing_a_staff_member_may_not_see(client, staff_user, place, rice):
    place({rice: 1})
    client.force_login(staff_user)

    html = client.get("/admin/").content.decode()

    assert "orders-today" not in html and "low-stock" not in html


def test_an_order_manager_can_correct_a_phone_number_but_only_to_a_valid_one(manager_client, place, rice):
    order = place({rice: 1})
    form = {
        "customer_name": order.customer_name,
        "email": order.email,
        "address_line": order.address_line,
        "area": order.area,
        "city": order.city,
        "postcode": "",
        "delivery_zone": order.delivery_zone,
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "1",
        "lines-0-id": order.lines.get().pk,
        "lines-0-order": order.pk,
        "history-TOTAL_FORMS": "1",
        "history-INITIAL_FORMS": "1",
        "history-0-id": order.history.get().pk,
        "history-0-order": order.pk,
        "payment_attempts-TOTAL_FORMS": "0",  # the payments app's inline (none for cash on delivery)
        "payment_attempts-INITIAL_FORMS": "0",
        "sms_messages-TOTAL_FORMS": "0",  # the SMS app's log, read-only
        "sms_messages-INITIAL_FORMS": "0",
    }

    bad = manager_client.post(f"/admin/orders/order/{order.pk}/change/", {**form, "phone": "12345"})
    good = manager_client.post(f"/admin/orders/order/{order.pk}/change/", {**form, "phone": "01812345678"})

    assert "Enter a Bangladeshi mobile number" in bad.content.decode()
    assert good.status_code == 302
    order.refresh_from_db()
    assert order.phone == "+8801812345678" and order.total == Decimal("480.00")


def test_staff_who_may_only_view_orders_see_them_but_cannot_cancel(client, staff_user, place, rice):
    from django.contrib.auth.models import Permission

    order = place({rice: 1})
    staff_user.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(staff_user)

    listed = client.get("/admin/orders/order/")
    run_action(client, "cancel_order", order)

    assert listed.status_code == 200 and order.number in listed.content.decode()
    assert 'value="cancel_order"' not in listed.content.decode()
    assert Order.objects.get(pk=order.pk).status == "pending"
    assert Product.objects.get(pk=rice.pk).stock == 9


def test_the_apps_above_orders_each_add_their_part_to_the_order_page(admin_client, place, rice):
    """Payments and SMS both extend the one order admin; neither replaces the other's part."""
    order = place({rice: 1})

    page = admin_client.get(f"/admin/orders/order/{order.pk}/change/")
    listing = admin_client.get("/admin/orders/order/")

    inline_models = {formset.opts.model._meta.label for formset in page.context["inline_admin_formsets"]}
    assert {"payments.PaymentAttempt", "sms.Message"} <= inline_models
    actions = {value for value, _label in listing.context["action_form"].fields["action"].choices}
    assert {"confirm_order", "recheck_payments", "refund_payments", "resend_latest_sms"} <= actions
