"""A guest buys with only a phone number, gets the SMS, signs in later with the number and a code,
and finds the order in the history, in English and in Bangla, clicked through in a real browser.

The live server runs in this process, so the locmem SMS backend's outbox is the shopper's phone.
"""

import re
from decimal import Decimal

import pytest

from orders.models import Order

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def rice(make_product):
    return make_product(
        name="Miniket Rice 5kg", name_bn="মিনিকেট চাল ৫ কেজি", price=Decimal("420.00"), stock=10
    )


@pytest.mark.parametrize(
    ("prefix", "placed", "code_sms"),
    [("", "placed. Total ৳480.00", "DhakaCart sign-in code: "), ("/bn", "মোট ৳৪৮০.০০", "ঢাকাকার্ট সাইন-ইন কোড: ")],
)
def test_a_guest_buys_with_a_phone_number_then_signs_in_with_a_code_and_finds_the_order(
    page, rice, smsoutbox, mailoutbox, prefix, placed, code_sms
):
    page.goto(f"{prefix}/products/{rice.slug}/")
    page.click("form.add-to-cart button")
    page.goto(f"{prefix}/checkout/")
    page.fill("input[name=customer_name]", "Ayesha Rahman")
    page.fill("input[name=phone]", "01712345678")
    page.fill("input[name=address_line]", "House 12, Road 5")
    page.fill("input[name=area]", "Dhanmondi")
    page.fill("input[name=city]", "Dhaka")
    page.click("button.place-order")

    order = Order.objects.get()
    assert order.number in page.locator("h1").inner_text()
    assert order.email == "" and mailoutbox == []
    assert [sms.to for sms in smsoutbox] == ["+8801712345678"]
    assert order.number in smsoutbox[0].text and placed in smsoutbox[0].text

    page.context.clear_cookies()  # later, signed out
    page.goto(f"{prefix}/accounts/login/")
    page.click(f"a[href='{prefix}/accounts/phone/']")
    page.fill("input[name=phone]", "01712345678")
    page.click("main form button[type=submit]")
    assert smsoutbox[-1].text.startswith(code_sms)
    code = re.search(r"[0-9]{6}", smsoutbox[-1].text).group(0)
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")

    assert page.url.endswith(f"{prefix}/accounts/orders/")
    page.click(f"text={order.number}")
    assert page.url.endswith(f"{prefix}/accounts/orders/{order.number}/")
    assert Order.objects.get().user.phone == "+8801712345678"
