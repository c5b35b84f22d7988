"""The SMS log on the order's admin page, and sending one again."""

import pytest
from django.contrib.auth.models import Group, Permission

from sms.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, django_user_model):
    manager = django_user_model.objects.create_user(
        email="orders@dhakacart.local", password="a-Strong-passw0rd", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(manager)
    return client


@pytest.fixture
def viewer_client(client, django_user_model):
    viewer = django_user_model.objects.create_user(
        email="viewer@dhakacart.local", password="a-Strong-passw0rd", is_staff=True
    )
    viewer.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(viewer)
    return client


def test_the_order_page_shows_each_sms_with_its_text_time_and_gateway_status(
    manager_client, place, rice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 1})

    page = manager_client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()

    assert "SMS log" in page
    assert f"DhakaCart: order {order.number} placed." in page
    assert "stored" in page  # the locmem backend's status, as a gateway's would show
    assert ">sent<" in page


def test_the_sms_log_and_its_action_have_bangla_names(place, rice):
    """The admin itself is served in English (its URLs have no /bn/); its words are translated."""
    from django.utils import translation

    from sms.admin import SmsLogInline, resend_latest_sms

    with translation.override("bn"):
        names = (
            str(SmsLogInline.verbose_name_plural),
            str(resend_latest_sms.short_description),
            str(Message.status.fget(Message(sent_at=None, given_up_at=None))),
        )

    assert names == ("এসএমএস লগ", "সর্বশেষ এসএমএস আবার পাঠান", "অপেক্ষায়")


def test_staff_who_may_only_view_orders_see_the_log_but_cannot_resend(viewer_client, place, rice, smsoutbox):
    order = place({rice: 1})

    page = viewer_client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    listing = viewer_client.get("/admin/orders/order/").content.decode()
    response = viewer_client.post(
        "/admin/orders/order/", {"action": "resend_latest_sms", "_selected_action": [order.pk]}
    )

    assert f"DhakaCart: order {order.number} placed." in page
    assert "resend_latest_sms" not in listing
    assert response.status_code in (200, 302)
    assert Message.objects.filter(order=order).count() == 1


def test_resending_sends_the_latest_sms_again_under_a_new_id(
    manager_client, place, rice, smsoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place({rice: 1})
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            "/admin/orders/order/",
            {"action": "resend_latest_sms", "_selected_action": [order.pk]},
            follow=True,
        )

    assert "Queued the latest SMS of 1 order again." in response.content.decode()
    assert [sms.text for sms in smsoutbox] == [smsoutbox[0].text] * 2
    assert smsoutbox[0].csms_id != smsoutbox[1].csms_id
    assert list(Message.objects.filter(order=order).values_list("resend", flat=True)) == [False, True]
