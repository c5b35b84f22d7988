"""The promo code on the cart page, at checkout, on the order pages and in the e-mail."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from checkout.cart import VOUCHER_SESSION_KEY
from checkout.models import Cart
from orders.models import Order
from orders.services import cancel_order
from orders.tests.test_checkout import checkout_form, fill_cart
from promotions.models import Voucher

from .factories import VoucherFactory, fixed, free_delivery

pytestmark = pytest.mark.django_db


def apply(client, code, language=""):
    prefix = f"/{language}" if language else ""
    return client.post(f"{prefix}/cart/voucher/", {"code": code}, follow=True)


def page_of(response) -> str:
    return response.content.decode()


def test_applying_a_code_shows_the_discount_and_the_new_total(client, rice):
    VoucherFactory(code="EID10", percent=Decimal("10"))
    fill_cart(client, (rice, 2))

    response = apply(client, "  eid10 ")

    html = page_of(response)
    assert response.redirect_chain == [("/cart/", 302)]
    assert "Promo code EID10 applied: you save ৳84.00." in html
    assert "−৳84.00" in html and "৳756.00" in html
    assert 'action="/cart/voucher/remove/"' in html
    assert client.session[VOUCHER_SESSION_KEY] == "EID10"


def test_the_cart_page_offers_the_form_posting_code_to_the_voucher_url(client, rice):
    fill_cart(client, (rice, 1))

    html = page_of(client.get("/cart/"))

    assert 'action="/cart/voucher/"' in html and 'name="code"' in html
    assert '<label class="visually-hidden" for="voucher-code">Promo code</label>' in html


def test_removing_the_code_takes_one_click_and_restores_the_total(client, rice):
    VoucherFactory(code="EID10")
    fill_cart(client, (rice, 1))
    apply(client, "EID10")

    response = client.post("/cart/voucher/remove/", follow=True)

    html = page_of(response)
    assert "The promo code was removed." in html and "−৳" not in html
    assert VOUCHER_SESSION_KEY not in client.session


def test_free_delivery_says_so_on_the_cart_page(client, rice):
    free_delivery(code="SHIPFREE")
    fill_cart(client, (rice, 1))

    html = page_of(apply(client, "shipfree"))

    assert "Promo code SHIPFREE applied: delivery is free." in html


REASONS = [
    (lambda: None, "There is no promo code NOPE. Check the spelling and try again."),
    (
        lambda: VoucherFactory(code="NOPE", valid_until=timezone.now() - timedelta(days=1)),
        "Promo code NOPE has expired.",
    ),
    (
        lambda: VoucherFactory(code="NOPE", valid_from=timezone.now() + timedelta(days=3)),
        "Promo code NOPE is not valid yet: it starts on",
    ),
    (
        lambda: VoucherFactory(code="NOPE", minimum_subtotal=Decimal("1000.00")),
        "Promo code NOPE needs a subtotal of at least ৳1,000.00: add ৳580.00 more.",
    ),
    (lambda: VoucherFactory(code="NOPE", total_uses=5, times_used=5), "Promo code NOPE has been used up."),
]


@pytest.mark.parametrize(("make", "english"), REASONS)
def test_every_refusal_is_explained_on_the_cart_page_and_nothing_is_kept(client, rice, make, english):
    make()
    fill_cart(client, (rice, 1))

    html = page_of(apply(client, "nope"))

    assert english in html
    assert VOUCHER_SESSION_KEY not in client.session
    assert 'action="/cart/voucher/"' in html  # the form is still there to try another code


BANGLA_REASONS = [
    (lambda: None, "NOPE নামে কোনো প্রোমো কোড নেই।"),
    (
        lambda: VoucherFactory(code="NOPE", valid_until=timezone.now() - timedelta(days=1)),
        "প্রোমো কোড NOPE-এর মেয়াদ শেষ হয়ে গেছে।",
    ),
    (
        lambda: VoucherFactory(code="NOPE", valid_from=timezone.now() + timedelta(days=3)),
        "প্রোমো কোড NOPE এখনো চালু হয়নি",
    ),
    (
        lambda: VoucherFactory(code="NOPE", minimum_subtotal=Decimal("1000.00")),
        "প্রোমো কোড NOPE ব্যবহারে সাবটোটাল কমপক্ষে ৳১,০০০.০০ হতে হবে: আরও ৳৫৮০.০০-এর পণ্য যোগ করুন।",
    ),
    (lambda: VoucherFactory(code="NOPE", total_uses=5, times_used=5), "প্রোমো কোড NOPE-এর সব ব্যবহার শেষ।"),
]


@pytest.mark.parametrize(("make", "bangla"), BANGLA_REASONS)
def test_every_refusal_is_explained_in_bangla_on_the_bangla_cart_page(client, rice, make, bangla):
    make()
    fill_cart(client, (rice, 1))

    response = apply(client, "nope", language="bn")

    assert response.redirect_chain == [("/bn/cart/", 302)]
    assert bangla in page_of(response)


def test_already_used_is_explained_to_a_signed_in_shopper_in_both_languages(client, user, place, rice):
    VoucherFactory(code="ONCE")
    place({rice: 1}, user=user, voucher_code="ONCE")
    client.force_login(user)
    fill_cart(client, (rice, 1))

    english = page_of(apply(client, "once"))
    bangla = page_of(apply(client, "once", language="bn"))

    assert "You have already used promo code ONCE as many times as it allows." in english
    assert "প্রোমো কোড ONCE আপনি যতবার ব্যবহার করতে পারেন, ততবার ব্যবহার করে ফেলেছেন।" in bangla
    assert Cart.objects.get(user=user).voucher_code == ""


def test_the_bangla_cart_page_shows_the_applied_code_in_bangla(client, rice):
    VoucherFactory(code="EID10")
    fill_cart(client, (rice, 2))

    html = page_of(apply(client, "eid10", language="bn"))

    assert "প্রোমো কোড EID10 প্রয়োগ হয়েছে: আপনার সাশ্রয় ৳৮৪.০০।" in html
    assert "ছাড়ের পরে মোট" in html and "প্রোমো কোড সরান" in html


def test_an_empty_or_overlong_code_is_refused_by_the_form(client, rice):
    fill_cart(client, (rice, 1))

    empty = page_of(apply(client, "   "))
    overlong = page_of(apply(client, "X" * 33))

    assert "Enter a promo code." in empty
    assert "A promo code has at most 32 characters." in overlong


def csrf_token_of_form(html: str, action: str) -> str:
    start = html.index(f'action="{action}"')
    form = html[start : html.index("</form>", start)]
    marker = 'name="csrfmiddlewaretoken" value="'
    start = form.index(marker) + len(marker)
    return form[start : form.index('"', start)]


def test_the_cart_page_forms_carry_their_csrf_token_so_a_real_browser_can_post_them(rice):
    VoucherFactory(code="EID10")
    client = Client(enforce_csrf_checks=True)
    client.get("/cart/")
    token = client.cookies["csrftoken"].value
    client.post("/cart/add/", {"product_id": rice.pk, "quantity": "1", "csrfmiddlewaretoken": token})

    cart_page = page_of(client.get("/cart/"))
    applied = client.post(
        "/cart/voucher/",
        {"code": "eid10", "csrfmiddlewaretoken": csrf_token_of_form(cart_page, "/cart/voucher/")},
    )
    applied_page = page_of(client.get("/cart/"))
    removed = client.post(
        "/cart/voucher/remove/",
        {"csrfmiddlewaretoken": csrf_token_of_form(applied_page, "/cart/voucher/remove/")},
    )

    assert applied.status_code == 302 and "−৳42.00" in applied_page
    assert removed.status_code == 302 and VOUCHER_SESSION_KEY not in client.session


def test_the_voucher_commands_need_a_post_and_a_csrf_token(rice):
    VoucherFactory(code="EID10")
    client = Client(enforce_csrf_checks=True)

    assert client.get("/cart/voucher/").status_code == 405
    assert client.get("/cart/voucher/remove/").status_code == 405
    assert client.post("/cart/voucher/", {"code": "EID10"}).status_code == 403


def test_a_code_that_stops_applying_on_the_cart_page_says_why_and_can_be_removed(client, rice, make_product):
    VoucherFactory(code="BIG", minimum_subtotal=Decimal("800.00"))
    fill_cart(client, (rice, 2))
    apply(client, "BIG")

    client.post("/cart/update/", {"product_id": rice.pk, "quantity": "1"})
    html = page_of(client.get("/cart/"))

    assert "Promo code BIG needs a subtotal of at least ৳800.00: add ৳380.00 more." in html
    assert 'action="/cart/voucher/remove/"' in html and "−৳" not in html


def test_a_signed_in_shoppers_code_is_kept_with_their_saved_cart(client, user, rice):
    VoucherFactory(code="EID10")
    client.force_login(user)
    fill_cart(client, (rice, 1))

    apply(client, "eid10")
    client.logout()
    client.force_login(user)

    assert Cart.objects.get(user=user).voucher_code == "EID10"
    assert "−৳42.00" in page_of(client.get("/cart/"))


def test_a_guests_code_comes_along_when_they_sign_in(client, user, rice):
    VoucherFactory(code="EID10")
    fill_cart(client, (rice, 1))
    apply(client, "eid10")

    client.post("/accounts/login/", {"username": user.email, "password": "a-Strong-passw0rd"})

    assert Cart.objects.get(user=user).voucher_code == "EID10"


def test_checkout_shows_subtotal_discount_delivery_fee_and_total(client, rice):
    fixed(code="FLAT100", amount=Decimal("100.00"))
    fill_cart(client, (rice, 2))
    apply(client, "flat100")

    html = page_of(client.get("/checkout/"))

    assert "Subtotal" in html and "৳840.00" in html
    assert "Discount (FLAT100)" in html and "−৳100.00" in html
    assert "৳60.00" in html and "৳120.00" in html
    assert "৳800.00" in html and "৳860.00" in html  # 840 − 100 + 60 / + 120


def test_checkout_with_free_delivery_shows_no_fee_in_either_zone(client, rice):
    free_delivery(code="SHIPFREE")
    fill_cart(client, (rice, 1))
    apply(client, "shipfree")

    response = client.get("/checkout/")

    context = response.context
    assert context["fees"] == {"inside_dhaka": Decimal("0.00"), "outside_dhaka": Decimal("0.00")}
    assert context["totals"] == {"inside_dhaka": Decimal("420.00"), "outside_dhaka": Decimal("420.00")}
    assert context["chosen_zone"]["total"] == Decimal("420.00")
    assert "Discount (SHIPFREE)" in page_of(response) and "Free delivery" in page_of(response)


def test_placing_the_order_redeems_the_cart_code_and_the_pages_and_email_show_the_discount(
    client, user, rice, mailoutbox, django_capture_on_commit_callbacks
):
    voucher = VoucherFactory(code="EID10")
    client.force_login(user)
    fill_cart(client, (rice, 2))
    apply(client, "eid10")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/checkout/", checkout_form(client))

    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.token}/"
    assert (order.voucher_code, order.discount, order.total) == ("EID10", Decimal("84.00"), Decimal("816.00"))
    assert Voucher.objects.get(pk=voucher.pk).times_used == 1
    assert Cart.objects.get(user=user).voucher_code == ""
    for page in (client.get(response["Location"]), client.get(f"/accounts/orders/{order.number}/")):
        html = page_of(page)
        assert "Discount (EID10)" in html and "−৳84.00" in html and "৳816.00" in html
    message = mailoutbox[0]
    assert "Discount (EID10): −৳84.00" in message.body and "Total: ৳816.00" in message.body
    assert "Discount (EID10)" in message.alternatives[0][0] and "−৳84.00" in message.alternatives[0][0]


def test_the_bangla_email_and_order_page_show_the_discount_in_bangla(
    client, rice, mailoutbox, django_capture_on_commit_callbacks
):
    VoucherFactory(code="EID10")
    fill_cart(client, (rice, 1))
    apply(client, "eid10", language="bn")
    form = {**checkout_form(client)}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/bn/checkout/", form)

    order = Order.objects.get()
    assert order.language == "bn" and order.discount == Decimal("42.00")
    assert "ছাড় (EID10)" in page_of(client.get(response["Location"]))
    assert "ছাড় (EID10): −৳৪২.০০" in mailoutbox[0].body


def test_a_code_used_up_since_the_cart_page_refuses_the_order_and_keeps_the_cart(client, rice):
    voucher = VoucherFactory(code="LAST", total_uses=1)
    fill_cart(client, (rice, 2))
    apply(client, "last")
    form = checkout_form(client)
    Voucher.objects.filter(pk=voucher.pk).update(times_used=1)  # someone else took the last use

    response = client.post("/checkout/", form)

    html = page_of(response)
    assert response.status_code == 200
    assert "Promo code LAST has been used up. Your order was not placed" in html
    assert Order.objects.count() == 0
    assert rice.__class__.objects.get(pk=rice.pk).stock == 10
    assert not client.get("/cart/").context["cart"].is_empty
    assert client.session[VOUCHER_SESSION_KEY] == "LAST"


def test_a_guest_over_the_per_customer_limit_is_refused_at_checkout(client, place, rice, customer):
    VoucherFactory(code="ONCE")
    place({rice: 1}, voucher_code="ONCE")  # the same phone as below, earlier
    fill_cart(client, (rice, 1))
    apply(client, "once")
    form = {**checkout_form(client), "phone": customer.phone}

    html = page_of(client.post("/checkout/", form))

    assert "You have already used promo code ONCE as many times as it allows." in html
    assert Order.objects.count() == 1


def test_an_order_page_after_cancelling_still_shows_the_discount(client, user, place, rice):
    VoucherFactory(code="EID10")
    order = place({rice: 1}, user=user, voucher_code="EID10")
    cancel_order(order=order)
    client.force_login(user)

    html = page_of(client.get(f"/accounts/orders/{order.number}/"))

    assert "Discount (EID10)" in html and "−৳42.00" in html


def test_the_cart_page_with_a_code_still_runs_a_constant_number_of_queries(
    client, user, make_product, django_assert_max_num_queries
):
    VoucherFactory(code="EID10")
    client.force_login(user)
    for _ in range(12):
        client.post("/cart/add/", {"product_id": make_product().pk, "quantity": "1"})
    apply(client, "eid10")

    with django_assert_max_num_queries(7):
        response = client.get("/cart/")

    assert len(response.context["cart"].lines) == 12
    assert response.context["pricing"].discount == Decimal("120.00")
