"""Back-in-stock e-mails: once per restock, to the shoppers who asked, whoever wrote the stock."""

from datetime import timedelta

import pytest
from django.urls import reverse

from orders.services import cancel_order
from shop.models import Product
from wishlist.models import BackInStockNotice, Restock
from wishlist.services import remove_from_wishlist, save_to_wishlist, set_back_in_stock_alert
from wishlist.tasks import send_back_in_stock_emails_task, send_unsent_back_in_stock_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold_out(make_product):
    return make_product(name="Hilsa 1kg", name_bn="ইলিশ ১ কেজি", slug="hilsa-1kg", stock=0)


@pytest.fixture
def waiting(user, other_user, sold_out):
    """Two shoppers who saved the sold-out product (the alert starts on) and one who turned it off."""
    save_to_wishlist(user=user, product_id=sold_out.pk, language="en")
    save_to_wishlist(user=other_user, product_id=sold_out.pk, language="bn")
    quiet = type(user).objects.create_user(email="quiet@example.com", password="a-Strong-passw0rd")
    save_to_wishlist(user=quiet, product_id=sold_out.pk, language="en")
    set_back_in_stock_alert(user=quiet, product_id=sold_out.pk, notify=False, language="en")
    return [user, other_user]


def set_stock(product, stock):
    product.stock = stock
    product.save(update_fields=["stock", "updated_at"])


def test_a_restock_from_zero_emails_each_shopper_who_asked_once_in_their_language(
    sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_stock(sold_out, 12)

    assert sorted(message.to[0] for message in mailoutbox) == ["karim@example.com", "rahim@example.com"]
    english = next(message for message in mailoutbox if message.to == ["rahim@example.com"])
    bangla = next(message for message in mailoutbox if message.to == ["karim@example.com"])
    assert english.subject == "Hilsa 1kg is back in stock at DhakaCart"
    assert "http://127.0.0.1:8000/products/hilsa-1kg/" in english.body
    assert bangla.subject == "ইলিশ ১ কেজি আবার স্টকে এসেছে — DhakaCart"
    assert "/bn/products/hilsa-1kg/" in bangla.body
    assert BackInStockNotice.objects.filter(sent_at__isnull=False).count() == 2


def test_nothing_is_sent_before_the_stock_change_commits(
    sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        set_stock(sold_out, 3)

    assert mailoutbox == []
    assert len(callbacks) >= 1
    assert BackInStockNotice.objects.filter(sent_at__isnull=True).count() == 2  # recorded, waiting


@pytest.mark.parametrize(("before", "after"), [(0, 0), (3, 5), (3, 0), (5, 1)])
def test_no_email_when_the_stock_was_not_sold_out_or_stays_sold_out(
    sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks, before, after
):
    Product.objects.filter(pk=sold_out.pk).update(stock=before)
    sold_out.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        set_stock(sold_out, after)

    assert mailoutbox == []
    assert not Restock.objects.exists()


def test_more_stock_after_a_restock_sends_nothing_more_but_the_next_restock_does(
    sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_stock(sold_out, 2)
    with django_capture_on_commit_callbacks(execute=True):
        set_stock(sold_out, 9)
    assert len(mailoutbox) == 2

    with django_capture_on_commit_callbacks(execute=True):
        set_stock(sold_out, 0)
        set_stock(sold_out, 4)

    assert len(mailoutbox) == 4
    assert Restock.objects.count() == 2


def test_running_the_task_again_sends_nothing_twice(
    sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_stock(sold_out, 5)
    restock = Restock.objects.get()

    sent_again = send_back_in_stock_emails_task.delay(restock_id=restock.pk).get()

    assert sent_again == 0
    assert len(mailoutbox) == 2


def test_a_product_sold_out_again_before_the_email_goes_sends_nothing(
    sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        set_stock(sold_out, 1)
    Product.objects.filter(pk=sold_out.pk).update(stock=0)

    for callback in callbacks:
        callback()

    assert mailoutbox == []
    assert not BackInStockNotice.objects.exists()


def test_a_cancelled_order_that_brings_stock_back_from_zero_emails_the_waiting_shoppers(
    sold_out, place, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    Product.objects.filter(pk=sold_out.pk).update(stock=2)
    with django_capture_on_commit_callbacks(execute=True):
        order = place({sold_out: 2})
    sold_out.refresh_from_db()
    assert sold_out.stock == 0
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=order)

    sold_out.refresh_from_db()
    assert sold_out.stock == 2
    assert sorted(message.to[0] for message in mailoutbox) == ["karim@example.com", "rahim@example.com"]


def test_a_cancelled_order_of_a_product_still_in_stock_emails_nobody(
    sold_out, place, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    Product.objects.filter(pk=sold_out.pk).update(stock=5)
    order = place({sold_out: 2})
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(order=order)

    assert mailoutbox == []


def test_a_stock_edit_in_the_admin_list_emails_the_waiting_shoppers(
    admin_client, sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(sold_out.pk),
        "form-0-price": "100.00",
        "form-0-stock": "7",
        "initial-form-0-stock": "0",
        "_save": "Save",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:shop_product_changelist"), data)

    assert response.status_code == 302
    sold_out.refresh_from_db()
    assert sold_out.stock == 7
    assert len(mailoutbox) == 2


def test_a_stock_edit_on_the_admin_product_page_emails_the_waiting_shoppers(
    admin_client, sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "name": sold_out.name,
        "name_bn": sold_out.name_bn,
        "slug": sold_out.slug,
        "sku": sold_out.sku,
        "category": str(sold_out.category_id),
        "description": "",
        "price": "100.00",
        "compare_at_price": "",
        "stock": "4",
        "initial-stock": "0",
        "is_active": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:shop_product_change", args=[sold_out.pk]), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(mailoutbox) == 2


def test_a_shopper_who_removed_the_product_gets_no_email(
    user, sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    remove_from_wishlist(user=user, product_id=sold_out.pk)

    with django_capture_on_commit_callbacks(execute=True):
        set_stock(sold_out, 3)

    assert [message.to for message in mailoutbox] == [["karim@example.com"]]


def test_emails_whose_task_was_lost_are_sent_by_the_sweep_once(
    sold_out, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down: no task ran
        set_stock(sold_out, 6)
    restock = Restock.objects.get()
    assert mailoutbox == [] and send_unsent_back_in_stock_task.delay().get() == 0  # too recent yet
    Restock.objects.filter(pk=restock.pk).update(created_at=restock.created_at - timedelta(minutes=3))

    queued = send_unsent_back_in_stock_task.delay().get()

    assert queued == 1
    assert len(mailoutbox) == 2
    assert send_unsent_back_in_stock_task.delay().get() == 0
