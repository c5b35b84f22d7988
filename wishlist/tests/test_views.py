from decimal import Decimal

import pytest

from shop.models import Product
from wishlist.models import WishlistItem
from wishlist.services import save_to_wishlist

pytestmark = pytest.mark.django_db


def saved(user):
    return list(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True))


def test_the_wishlist_page_needs_a_signed_in_shopper(client):
    response = client.get("/accounts/wishlist/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/wishlist/")


def test_the_wishlist_page_shows_price_stock_price_drop_and_the_actions(client, user, rice, oil):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")
    save_to_wishlist(user=user, product_id=oil.pk, language="en")
    Product.objects.filter(pk=rice.pk).update(price=Decimal("380.00"))
    Product.objects.filter(pk=oil.pk).update(stock=0)
    client.force_login(user)

    html = client.get("/accounts/wishlist/").content.decode()

    assert "Miniket Rice 5kg" in html and "৳380.00" in html
    assert "Price dropped from ৳420.00" in html
    assert "Soybean Oil 1L" in html and "Out of stock" in html
    assert html.count("Move to cart") == 1  # only the product in stock
    assert 'href="/accounts/wishlist/" aria-current="page"' in html


def test_a_shopper_sees_only_their_own_wishlist(client, user, django_user_model, rice):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")
    stranger = django_user_model.objects.create_user(
        email="stranger@example.com", password="a-Strong-passw0rd"
    )
    client.force_login(stranger)

    html = client.get("/accounts/wishlist/").content.decode()

    assert "Miniket Rice 5kg" not in html
    assert "Your wishlist is empty" in html


def test_saving_from_the_product_page_comes_back_to_it_marked_saved(client, user, rice):
    client.force_login(user)

    response = client.post(
        "/wishlist/add/", {"product_id": rice.pk, "next": f"/products/{rice.slug}/"}, follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/products/{rice.slug}/"
    assert "Saved to your wishlist." in html
    assert "♥" in html and 'aria-pressed="true"' in html
    assert saved(user) == [rice.pk]


def test_a_guest_who_presses_save_signs_in_and_finds_the_product_saved(client, user, rice):
    response = client.post("/wishlist/add/", {"product_id": rice.pk, "next": f"/products/{rice.slug}/"})

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=%2Fproducts%2F{rice.slug}%2F"
    assert saved(user) == []

    signed_in = client.post(
        response["Location"], {"username": user.email, "password": "a-Strong-passw0rd"}, follow=True
    )

    assert signed_in.redirect_chain[-1][0] == f"/products/{rice.slug}/"
    assert saved(user) == [rice.pk]
    assert "Saved to your wishlist." in signed_in.content.decode()


@pytest.mark.parametrize("product_id", ["", "abc", "-1", "99999999999"])
def test_bad_product_ids_get_a_message_and_change_nothing(client, user, product_id):
    client.force_login(user)

    response = client.post("/wishlist/add/", {"product_id": product_id}, follow=True)

    assert response.status_code == 200
    assert "That product is not available." in response.content.decode() or "Choose a product." in (
        response.content.decode()
    )
    assert saved(user) == []


def test_an_outside_next_address_is_ignored(client, user, rice):
    client.force_login(user)

    response = client.post("/wishlist/add/", {"product_id": rice.pk, "next": "https://evil.example/"})

    assert response["Location"] == "/accounts/wishlist/"


def test_remove_move_to_cart_and_the_alert_change_only_the_shoppers_own_entry(
    client, user, django_user_model, rice
):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")
    stranger = django_user_model.objects.create_user(
        email="stranger@example.com", password="a-Strong-passw0rd"
    )
    client.force_login(stranger)

    client.post("/wishlist/remove/", {"product_id": rice.pk})
    client.post("/wishlist/move-to-cart/", {"product_id": rice.pk})
    client.post("/wishlist/alert/", {"product_id": rice.pk, "notify": "1"})

    item = WishlistItem.objects.get(user=user)
    assert item.notify_when_back is False
    assert saved(stranger) == []


def test_the_shopper_turns_the_alert_on_in_their_language_then_moves_the_product_to_the_cart(
    client, user, rice
):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")
    client.force_login(user)

    client.post("/bn/wishlist/alert/", {"product_id": rice.pk, "notify": "1"})
    item = WishlistItem.objects.get(user=user)
    assert (item.notify_when_back, item.language) == (True, "bn")

    response = client.post("/wishlist/move-to-cart/", {"product_id": rice.pk}, follow=True)
    assert "Moved to your cart." in response.content.decode()
    assert saved(user) == []

    cart = client.get("/cart/").content.decode()
    assert "Miniket Rice 5kg" in cart


def test_product_cards_offer_save_and_mark_the_saved_ones(client, user, rice, oil):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")
    client.force_login(user)

    html = client.get("/products/").content.decode()

    assert html.count('action="/wishlist/add/"') == 1
    assert html.count('action="/wishlist/remove/"') == 1


def test_the_wishlist_pages_do_not_accept_get_for_changes(client, user, rice):
    client.force_login(user)

    assert client.get(f"/wishlist/add/?product_id={rice.pk}").status_code == 405
    assert saved(user) == []
