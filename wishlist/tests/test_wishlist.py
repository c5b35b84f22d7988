from decimal import Decimal

import pytest

from checkout.cart import DatabaseCart
from checkout.exceptions import NotEnoughStock
from shop.models import Product
from wishlist.exceptions import NotInWishlist, ProductUnavailable
from wishlist.models import WishlistItem
from wishlist.services import move_to_cart, save_to_wishlist

pytestmark = pytest.mark.django_db


def saved(user):
    return list(WishlistItem.objects.filter(user=user).values_list("product_id", flat=True))


def test_saving_keeps_the_price_and_turns_the_alert_on_only_for_sold_out_products(user, rice, make_product):
    sold_out = make_product(stock=0)

    in_stock_item, created = save_to_wishlist(user=user, product_id=rice.pk, language="bn-bd")
    sold_out_item, _ = save_to_wishlist(user=user, product_id=sold_out.pk, language="xx")

    assert created
    assert (in_stock_item.price_when_saved, in_stock_item.notify_when_back, in_stock_item.language) == (
        Decimal("420.00"),
        False,
        "bn",
    )
    assert (sold_out_item.notify_when_back, sold_out_item.language) == (True, "en")


def test_saving_twice_keeps_one_entry(user, rice):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")

    _item, created = save_to_wishlist(user=user, product_id=rice.pk, language="en")

    assert not created
    assert saved(user) == [rice.pk]


@pytest.mark.parametrize("product_id", [0, 999_999])
def test_saving_an_unknown_product_is_refused(user, product_id):
    with pytest.raises(ProductUnavailable):
        save_to_wishlist(user=user, product_id=product_id, language="en")

    assert saved(user) == []


def test_saving_an_inactive_product_is_refused(user, make_product):
    retired = make_product(is_active=False)

    with pytest.raises(ProductUnavailable):
        save_to_wishlist(user=user, product_id=retired.pk, language="en")

    assert saved(user) == []


def test_moving_to_the_cart_adds_one_unit_and_takes_it_off_the_list(user, rice):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")

    move_to_cart(user=user, product_id=rice.pk)

    assert DatabaseCart(user).quantities() == {rice.pk: 1}
    assert saved(user) == []


def test_a_sold_out_product_stays_on_the_list_when_moving_it_fails(user, rice):
    save_to_wishlist(user=user, product_id=rice.pk, language="en")
    Product.objects.filter(pk=rice.pk).update(stock=0)

    with pytest.raises(NotEnoughStock):
        move_to_cart(user=user, product_id=rice.pk)

    assert saved(user) == [rice.pk]
    assert DatabaseCart(user).quantities() == {}


def test_moving_a_product_that_is_not_on_the_list_is_refused(user, rice):
    with pytest.raises(NotInWishlist):
        move_to_cart(user=user, product_id=rice.pk)

    assert DatabaseCart(user).quantities() == {}
