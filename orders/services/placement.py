"""Placing an order: the one implementation every door (checkout page, API, legacy API) calls."""

import logging
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Case, F, When
from django.utils import timezone
from django.utils.translation import gettext as _

from checkout.cart import MAX_LINES, MAX_QUANTITY
from checkout.pricing import Pricing, compute_pricing, delivery_fee
from dhakacart import metrics
from dhakacart.address import is_inside_dhaka
from dhakacart.exceptions import DomainError
from dhakacart.money import format_taka
from promotions.exceptions import VoucherError
from promotions.models import normalise_code
from promotions.services import Redemption, redeem_voucher
from shop.cache import catalogue_changed
from shop.models import Product, shortage_message

from ..exceptions import (
    CartChanged,
    EmptyCart,
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
    InvalidOrder,
    OutOfStock,
    PriceChanged,
    ProductUnavailable,
    TotalChanged,
    VoucherUnavailable,
)
from ..models import (
    DeliveryZone,
    Order,
    OrderItem,
    OrderStatus,
    OrderStatusChange,
    PaymentMethod,
    PaymentStatus,
)

logger = logging.getLogger(__name__)
# A random number clashes with an existing one about once in 30^6 / orders; three tries make a
# failed order practically impossible while a bug that always clashes still surfaces.
ORDER_NUMBER_ATTEMPTS = 3
# PostgreSQL's names for the unique order number, and the voucher use that records it first.
ORDER_NUMBER_CONSTRAINTS = {"orders_order_number_key", "promotions_voucheruse_order_number_key"}
IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9_.:-]{1,100}")
# What an order reads of a product (lock_products); descriptions and the rest stay in the database.
PLACEMENT_FIELDS = (
    "name",
    "name_bn",
    "sku",
    "price",
    "stock",
    "is_active",
    "category",
    "category__is_active",
)


@dataclass(frozen=True)
class OrderLine:
    product_id: int
    quantity: int
    expected_price: Decimal | None = None  # the price the shopper saw; None when not sent


@dataclass(frozen=True)
class Customer:
    name: str
    email: str
    phone: str  # already normalised: +8801XXXXXXXXX
    address_line: str
    area: str
    city: str
    delivery_zone: str = ""  # what the shopper chose; "" lets the address decide (zone_for_address)
    postcode: str = ""
    payment_method: str = PaymentMethod.CASH_ON_DELIVERY


@dataclass(frozen=True)
class ShownTotal:
    """What a door pins beside its lines' expected prices: what the shopper was shown the order
    would cost. None leaves a part unchecked (API v1 pins only the total, the legacy door only
    the items' subtotal). The promo code is compared as shown, upper-case; "" means none."""

    total: Decimal | None = None
    subtotal: Decimal | None = None
    voucher_code: str | None = None
    discount: Decimal | None = None
    delivery_fee: Decimal | None = None


def zone_for_address(*, area: str, city: str) -> str:
    """The delivery zone of an address: the one authority for the fee, whichever door the order came in by.

    dhakacart.address.is_inside_dhaka decides (Dhaka city inside; its district, outskirts and
    every other city outside). A door may pass the zone the shopper chose (the checkout page shows
    both fees); place_order refuses it when it differs from this answer instead of silently
    charging another fee than the one shown, and a door that has no zone (the legacy API) passes
    "" to take this one.
    """
    inside = is_inside_dhaka(area=area, city=city)
    return DeliveryZone.INSIDE_DHAKA if inside else DeliveryZone.OUTSIDE_DHAKA


def place_order(
    *,
    lines: list[OrderLine],
    customer: Customer,
    user=None,
    channel: str = "web",
    language: str = "en",
    idempotency_key: str | None = None,
    request_hash: str = "",
    voucher_code: str | None = None,
    shown: ShownTotal | None = None,
    cart=None,
    repeat_window: timedelta | None = None,
) -> Order:
    """Turn lines into an order and take the stock, all or nothing.

    With a `cart` (checkout.cart), the lines are that cart as the shopper confirmed it: CartChanged
    is raised when it no longer holds exactly these products and quantities (another tab changed
    it), and the ordered lines (and the promo code the order used) leave it once the order is
    placed; call inside the caller's transaction so a saved cart changes with the order. A replay
    leaves the cart as it is now.

    With a `repeat_window` and no idempotency key (doors whose clients send none), the order the
    same request (`request_hash`) made within the window, not cancelled, is returned instead
    (marked `replayed`); it is looked up after the product rows are locked, so two identical
    requests arriving at once queue there and the second finds the first's order.

    With a voucher code, the voucher is re-checked and one use taken in the same transaction
    (its row locked after the products), so its limits hold under any number of shoppers at
    once; one that does not apply raises VoucherUnavailable (extra: "reason", the voucher_*
    code, and "voucher_code").

    With an idempotency key, a repeat returns the order the key first made (its `replayed`
    attribute is True), whatever changed since (stock, prices, the cart); the same key with a
    different request_hash raises IdempotencyKeyReused. With `shown`, an order whose total, promo
    code, discount or delivery fee differs from what the shopper was shown raises TotalChanged.
    Raises EmptyCart, InvalidOrder, ProductUnavailable, PriceChanged or OutOfStock with nothing
    written. Locks the product rows in id order (no deadlocks between orders sharing products),
    and reads only what an order needs of them (PLACEMENT_FIELDS). After commit: the
    confirmation e-mail is queued, and when the order sold a product out, the catalogue version
    moves (shop.cache).
    """
    try:
        if cart is not None and cart.quantities() != {line.product_id: line.quantity for line in lines}:
            raise CartChanged(_("Your cart changed since you opened checkout. Please check the order again."))
        _check_shape(lines, customer)
        customer = replace(customer, delivery_zone=_checked_zone(customer))
        repeat = repeat_window if idempotency_key is None else None
        order = _place_with_a_free_number(
            lines, customer, user, language, idempotency_key, request_hash, voucher_code, shown, repeat
        )
    except (DomainError, IntegrityError) as error:
        # A key is looked up only when placing failed: a repeat fails on the key's unique
        # constraint (or earlier, when stock, prices or the cart moved since), and the attempt
        # rolled back whole, so the first order is returned with nothing written. Looking the
        # key up before placing cost every new order a query.
        existing = find_order_for_key(idempotency_key, request_hash)
        if existing is not None:
            return existing
        if isinstance(error, OutOfStock):
            metrics.OUT_OF_STOCK_REJECTIONS.labels(channel=channel).inc()
        raise
    if order.replayed:
        return order
    if cart is not None:
        cart.remove(*(line.product_id for line in lines))
        if voucher_code:
            cart.set_voucher_code("")
    transaction.on_commit(partial(_count_placed, channel=channel, total=order.total))
    if order.voucher_id:
        transaction.on_commit(partial(_count_redeemed, order=order))
    return order


def _place_with_a_free_number(*args) -> Order:
    """Place the order; when its random number turns out taken, place it again under a new one.

    The clash rolls the whole attempt back (stock included), so the next try starts clean and
    the happy path pays no savepoint. Any other unique clash (the idempotency key) goes up.
    """
    for _attempt in range(ORDER_NUMBER_ATTEMPTS - 1):
        try:
            return _place(*args)
        except IntegrityError as error:
            if _violated_constraint(error) not in ORDER_NUMBER_CONSTRAINTS:
                raise
            logger.warning("a new order drew a number already taken; drawing another")
    return _place(*args)  # the last try: a clash now goes up like any other


def _violated_constraint(error: IntegrityError) -> str | None:
    diagnostics = getattr(error.__cause__, "diag", None)
    return getattr(diagnostics, "constraint_name", None)


def scoped_idempotency_key(key: str, *, door: str, user) -> str:
    """A client's Idempotency-Key as stored: scoped to the door and the caller, so two accounts
    (or two doors) never reach each other's orders by key.

    Raises InvalidIdempotencyKey unless the key is 1 to 100 of A-Z a-z 0-9 _ . : -.
    """
    if not IDEMPOTENCY_KEY.fullmatch(key):
        raise InvalidIdempotencyKey(_("Use up to 100 letters, digits, or _ . : - characters."))
    caller = f"user:{user.pk}" if user is not None and user.is_authenticated else "guest"
    return f"{door}:{caller}:{key}"


def find_recent_order_for_request(request_hash: str, *, within: timedelta) -> Order | None:
    """The order, not cancelled, that the same request (same request_hash) made in the last
    `within`, marked `replayed`; or None. For doors whose clients send no key: callers lock the
    order's product rows first, so a twin arriving at the same moment waits and then finds it."""
    if not request_hash:
        return None
    order = (
        Order.objects.filter(request_hash=request_hash, created_at__gte=timezone.now() - within)
        .exclude(status=OrderStatus.CANCELLED)
        .order_by("created_at")
        .first()
    )
    if order is not None:
        order.replayed = True
    return order


def find_order_for_key(key: str | None, request_hash: str = "") -> Order | None:
    """The order an idempotency key already made (marked `replayed`), or None.

    Raises IdempotencyKeyReused when that order was made from a different request.
    """
    if not key:
        return None
    order = Order.objects.filter(idempotency_key=key).first()
    if order is None:
        return None
    if request_hash and order.request_hash and order.request_hash != request_hash:
        raise IdempotencyKeyReused(_("This Idempotency-Key was already used for a different order."))
    order.replayed = True
    return order


def _check_shape(lines: list[OrderLine], customer: Customer) -> None:
    if not lines:
        raise EmptyCart(_("Your cart is empty."))
    if len(lines) > MAX_LINES:
        raise InvalidOrder(_("An order can have at most %(max)d lines.") % {"max": MAX_LINES})
    if len({line.product_id for line in lines}) != len(lines):
        raise InvalidOrder(_("Each product may appear only once in an order."))
    if any(not 1 <= line.quantity <= MAX_QUANTITY for line in lines):
        raise InvalidOrder(_("Quantities must be from 1 to %(max)d.") % {"max": MAX_QUANTITY})
    if customer.delivery_zone and customer.delivery_zone not in DeliveryZone.values:
        raise InvalidOrder(_("Choose a delivery zone."))
    if customer.payment_method not in PaymentMethod.values:
        raise InvalidOrder(_("Choose a payment method."))


def _checked_zone(customer: Customer) -> str:
    zone = zone_for_address(area=customer.area, city=customer.city)
    if customer.delivery_zone and customer.delivery_zone != zone:
        place = ", ".join(part for part in (customer.area, customer.city) if part)
        raise InvalidOrder(
            _("Delivery to %(place)s is “%(zone)s”. Please choose that delivery zone.")
            % {"place": place, "zone": DeliveryZone(zone).label},
            extra={"fields": {"delivery_zone": [zone]}, "delivery_zone": zone},
        )
    return zone


def lock_products(product_ids) -> list[Product]:
    """The products with their categories, their rows locked in id order (so orders sharing
    products never deadlock); unknown ids are simply missing. Call inside a transaction."""
    return list(
        Product.objects.select_for_update(of=("self",))
        .select_related("category")
        .only(*PLACEMENT_FIELDS)
        .filter(pk__in=product_ids)
        .order_by("pk")
    )


@transaction.atomic
def _place(
    lines, customer, user, language, idempotency_key, request_hash, voucher_code, shown, repeat
) -> Order:
    wanted = {line.product_id: line for line in lines}
    products = lock_products(wanted)
    if repeat is not None:
        replay = find_recent_order_for_request(request_hash, within=repeat)
        if replay is not None:
            return replay
    _check_available(wanted, products)
    by_id = {product.pk: product for product in products}
    subtotal = sum((by_id[line.product_id].price * line.quantity for line in lines), Decimal("0.00"))
    _check_prices(lines, by_id, subtotal, shown)
    _check_stock(wanted, products)
    # One statement for every line: the rows are locked already, so this is only a round trip saved.
    Product.objects.filter(pk__in=wanted).update(
        stock=Case(*(When(pk=pk, then=F("stock") - line.quantity) for pk, line in wanted.items()))
    )

    number = Order._meta.get_field("number").get_default()  # drawn now: the voucher use records it
    redemption = _redeem(voucher_code, subtotal, number, user, customer.phone) if voucher_code else None
    pricing = compute_pricing(
        subtotal=subtotal,
        discount=redemption.discount if redemption else Decimal("0.00"),
        voucher_code=redemption.voucher.code if redemption else "",
        free_delivery=bool(redemption and redemption.free_delivery),
        zone=customer.delivery_zone,
    )
    if shown is not None:
        _check_shown(shown, pricing)
    order = Order.objects.create(
        number=number,
        user=user if user is not None and user.is_authenticated else None,
        customer_name=customer.name,
        email=customer.email,
        phone=customer.phone,
        address_line=customer.address_line,
        area=customer.area,
        city=customer.city,
        postcode=customer.postcode,
        delivery_zone=customer.delivery_zone,
        payment_method=customer.payment_method,
        payment_status=PaymentStatus.at_placement(customer.payment_method),
        subtotal=pricing.subtotal,
        voucher=redemption.voucher if redemption else None,
        voucher_code=pricing.voucher_code,
        voucher_kind=redemption.voucher.kind if redemption else "",
        discount=pricing.discount,
        delivery_fee=pricing.delivery_fee,
        total=pricing.total,
        language=language,
        idempotency_key=idempotency_key or None,
        request_hash=request_hash,
    )
    placed_lines = OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            product=by_id[line.product_id],
            product_name=by_id[line.product_id].name,
            product_name_bn=by_id[line.product_id].name_bn,
            product_sku=by_id[line.product_id].sku,
            unit_price=by_id[line.product_id].price,
            quantity=line.quantity,
            line_total=by_id[line.product_id].price * line.quantity,
        )
        for line in lines  # the shopper's order of lines, not the lock order
    )
    _remember_lines(order, placed_lines)
    OrderStatusChange.objects.create(
        order=order, from_status="", to_status=OrderStatus.PENDING, changed_by=order.user
    )
    if any(product.stock <= wanted[product.pk].quantity for product in products):
        # Sold out: lists filtered on "in stock" change. Other stock levels are read live by
        # the pages, so an ordinary order leaves the catalogue cache alone (shop.cache).
        catalogue_changed()
    transaction.on_commit(partial(queue_confirmation, order_id=order.pk))
    order.replayed = False
    return order


def _remember_lines(order: Order, placed_lines: list[OrderItem]) -> None:
    """`order.lines.all()` answers with the lines just written instead of reading them back, as
    prefetch_related would have filled it. They are in id order (OrderItem's ordering): one
    INSERT numbers them in the order given."""
    lines = order.lines.all()
    lines._result_cache, lines._prefetch_done = placed_lines, True
    order._prefetched_objects_cache = {OrderItem._meta.get_field("order").remote_field.cache_name: lines}


def _redeem(voucher_code: str, subtotal: Decimal, number: str, user, phone: str) -> Redemption:
    try:
        return redeem_voucher(
            code=voucher_code, subtotal=subtotal, order_number=number, user=user, phone=phone
        )
    except VoucherError as refusal:
        advice = _("Your order was not placed: remove the promo code from your cart or try another one.")
        raise VoucherUnavailable(
            f"{refusal.message} {advice}",
            extra={"reason": refusal.code, "voucher_code": normalise_code(voucher_code)},
        ) from refusal


def _check_available(wanted: dict, products: list[Product]) -> None:
    found = {product.pk: product for product in products}
    for product_id in wanted:
        product = found.get(product_id)
        if product is None or not product.is_sellable:
            name = product.name if product is not None else f"#{product_id}"
            raise ProductUnavailable(
                _("%(name)s is no longer sold. Please remove it from your cart.") % {"name": name},
                extra={"product_id": product_id},
            )


def _check_prices(lines: list[OrderLine], by_id: dict, subtotal: Decimal, shown: ShownTotal | None) -> None:
    """The one price comparison: each line's expected price, and the subtotal a door pinned."""
    changed_ids = {
        line.product_id
        for line in lines
        if line.expected_price is not None and line.expected_price != by_id[line.product_id].price
    }
    subtotal_differs = shown is not None and shown.subtotal is not None and shown.subtotal != subtotal
    if not (changed_ids or subtotal_differs):
        return
    current_prices = [
        {
            "product_id": line.product_id,
            "name": by_id[line.product_id].name,
            "price": by_id[line.product_id].price,
        }
        for line in lines
    ]
    changed = [
        {
            "product_id": line.product_id,
            "name": by_id[line.product_id].name,
            "expected_price": str(line.expected_price),
            "current_price": str(by_id[line.product_id].price),
        }
        for line in lines
        if line.product_id in changed_ids
    ]
    sentences = [
        _("%(name)s now costs %(price)s.")
        % {"name": line["name"], "price": format_taka(line["current_price"])}
        for line in changed
    ]
    if subtotal_differs:
        sentences.append(_("These items now cost %(subtotal)s in all.") % {"subtotal": format_taka(subtotal)})
    raise PriceChanged(
        " ".join([_("Prices changed since you added these items."), *sentences]),
        current_prices=current_prices,
        changed_ids=changed_ids,
        subtotal=subtotal,
        subtotal_differs=subtotal_differs,
        extra={
            "lines": changed,
            "current_prices": {str(line["product_id"]): str(line["price"]) for line in current_prices},
            "subtotal": str(subtotal),
        },
    )


def _check_shown(shown: ShownTotal, pricing: Pricing) -> None:
    """Refuse an order that would cost other than what the shopper saw, say what changed and how."""
    code, discount, fee, total = pricing.voucher_code, pricing.discount, pricing.delivery_fee, pricing.total
    total_changed = shown.total is not None and shown.total != total
    code_changed = shown.voucher_code is not None and normalise_code(shown.voucher_code) != code
    discount_changed = shown.discount is not None and shown.discount != discount
    fee_changed = shown.delivery_fee is not None and shown.delivery_fee != fee
    if not (total_changed or code_changed or discount_changed or fee_changed):
        return
    if total_changed:
        sentences = [
            _("The order total changed: it is now %(total)s, not the %(shown)s shown.")
            % {"total": format_taka(total), "shown": format_taka(shown.total)}
        ]
    else:
        sentences = [_("The order’s discount or delivery fee changed.")]
    if code_changed and code:
        sentences.append(_("Promo code %(code)s is now on your order.") % {"code": code})
    elif code_changed:
        sentences.append(
            _("Promo code %(code)s is no longer on your order.")
            % {"code": normalise_code(shown.voucher_code)}
        )
    sentences.append(_("Please check the order and place it again."))
    raise TotalChanged(
        " ".join(sentences),
        extra={
            "shown_total": None if shown.total is None else str(shown.total),
            "subtotal": str(pricing.subtotal),
            "total": str(total),
            "voucher_code": code,
            "discount": str(discount),
            "delivery_fee": str(fee),
        },
    )


def _check_stock(wanted: dict, products: list[Product]) -> None:
    short = [
        {
            "product_id": product.pk,
            "name": product.name,
            "requested": wanted[product.pk].quantity,
            "available": product.stock,
        }
        for product in products
        if product.stock < wanted[product.pk].quantity
    ]
    if short:
        sentences = [shortage_message(line["name"], line["available"]) for line in short]
        raise OutOfStock(" ".join(sentences), extra={"lines": short})


def queue_confirmation(*, order_id: int) -> None:
    """Queue the confirmation e-mail; if the broker is down, the sweep sends it later."""
    from ..tasks import send_order_confirmation_task

    try:
        send_order_confirmation_task.delay(order_id=order_id)
    except Exception:  # broker errors come in many types; checkout must not fail on any
        logger.warning(
            "could not queue the confirmation of order %s; the sweep will", order_id, exc_info=True
        )


def _count_redeemed(*, order: Order) -> None:
    waived = delivery_fee(order.delivery_zone) if order.free_delivery else Decimal("0.00")
    metrics.count_voucher_redeemed(
        code=order.voucher_code, campaign=order.voucher.campaign, given=order.discount + waived
    )


def _count_placed(*, channel: str, total: Decimal) -> None:
    metrics.ORDERS_PLACED.labels(channel=channel).inc()
    metrics.ORDER_VALUE.labels(channel=channel).inc(float(total))
