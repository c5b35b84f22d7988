"""The shop keeps taking orders when Redis or the Celery broker is down (SPEC §13)."""

from datetime import timedelta

import kombu.pools
import pytest
from django.core import mail

from dhakacart.celery import app as celery_app
from orders.models import Order
from orders.tasks import send_unsent_confirmations_task

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}


@pytest.fixture
def broker_down():
    """Tasks go through a broker that refuses connections instead of running in-process.

    kombu keeps its connection and producer pools process-wide, keyed by broker URL, and Celery
    caches them too: every pool is dropped before and after, so publishing really dials the
    closed port here and no later test (in this process) picks up a pool closed here.
    """
    previous = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _drop_celery_pools()
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = CLOSED_PORT, False
    yield
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
    _drop_celery_pools()


def _drop_celery_pools():
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_with_redis_down_the_cart_and_pages_still_work(client, rice, redis_down):
    add = client.post("/cart/add/", {"product_id": rice.pk, "quantity": "2"})
    page = client.get("/cart/")

    assert add.status_code == 302
    assert page.status_code == 200
    assert page.context["cart"].unit_count == 2  # the session fell back to the database
    assert client.get(f"/products/{rice.slug}/").status_code == 200


def test_with_the_broker_down_the_order_is_placed_and_the_sweep_sends_it_later(
    client, rice, broker_down, django_capture_on_commit_callbacks
):
    client.post("/cart/add/", {"product_id": rice.pk, "quantity": "1"})
    initial = client.get("/checkout/").context["form"].initial
    form = {
        "checkout_token": initial["checkout_token"],
        "seen_cart": f"{rice.pk}:1:{rice.price}",
        "seen_pricing": initial["seen_pricing"],
        "customer_name": "Ayesha Rahman",
        "email": "ayesha@example.com",
        "phone": "01712345678",
        "address_line": "House 12",
        "area": "Dhanmondi",
        "city": "Dhaka",
        "delivery_zone": "inside_dhaka",
        "payment_method": "cod",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/checkout/", form)

    order = Order.objects.get()
    assert response.status_code == 302
    assert order.confirmation_sent_at is None and mail.outbox == []

    celery_app.conf.task_always_eager = True  # the broker is back
    Order.objects.filter(pk=order.pk).update(created_at=order.created_at - timedelta(minutes=3))
    send_unsent_confirmations_task.delay()

    assert Order.objects.get(pk=order.pk).confirmation_sent_at is not None
    assert len(mail.outbox) == 1
