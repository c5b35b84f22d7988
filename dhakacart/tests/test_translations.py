"""The Bangla catalogue: complete, compiled from the committed .po, and what a shopper sees under /bn/."""

import re

import polib
import pytest
from django.conf import settings
from django.utils import translation

from orders.models import Order
from orders.services import OrderLine, place_order

CATALOGUE = polib.pofile(str(settings.BASE_DIR / "locale" / "bn" / "LC_MESSAGES" / "django.po"))
ENTRIES = [entry for entry in CATALOGUE if not entry.obsolete]
# What must come through a translation unchanged: %(name)s / %(count)d, %%, and markup.
KEPT = re.compile(r"%\(\w+\)[sd]|%%|<[^>]+>")

ADDRESS = {
    "customer_name": "Ayesha Rahman",
    "email": "ayesha@example.com",
    "phone": "০১৭১২-৩৪৫৬৭৮",
    "address_line": "House 12, Road 5",
    "area": "Dhanmondi",
    "city": "Dhaka",
    "postcode": "1205",
    "delivery_zone": "inside_dhaka",
    "payment_method": "cod",
}


def page(client, path, **kwargs) -> str:
    response = client.get(path, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def test_django_returns_every_translation_of_the_po_so_the_committed_mo_is_not_stale():
    stale = []

    with translation.override("bn"):
        for entry in ENTRIES:
            if entry.msgid_plural:
                # Plural-Forms: plural=(n != 1), so 1 picks form 0 and 2 picks form 1.
                got = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
                expected = [entry.msgstr_plural[0], entry.msgstr_plural[1]]
            elif entry.msgctxt:
                got, expected = translation.pgettext(entry.msgctxt, entry.msgid), entry.msgstr
            else:
                got, expected = translation.gettext(entry.msgid), entry.msgstr
            if got != expected:
                stale.append(entry.msgid)

    assert stale == [], "run `manage.py compilemessages` and commit the .mo"


def test_the_po_has_no_fuzzy_or_untranslated_entries():
    assert not CATALOGUE.metadata_is_fuzzy
    assert CATALOGUE.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert [entry.msgid for entry in CATALOGUE.fuzzy_entries()] == []
    assert [entry.msgid for entry in CATALOGUE.untranslated_entries()] == []
    assert len(CATALOGUE.translated_entries()) == len(ENTRIES) > 300


def test_translations_keep_every_placeholder_and_tag():
    changed = []

    for entry in ENTRIES:
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(KEPT.findall(text)) != sorted(KEPT.findall(entry.msgid)):
                changed.append(entry.msgid)

    assert changed == []


@pytest.mark.django_db
def test_the_bangla_home_page(client, rice):
    html = page(client, "/bn/")

    assert "<title>DhakaCart — বাংলাদেশে অনলাইন কেনাকাটা</title>" in html
    assert "<h1>প্রতিদিনের কেনাকাটা, সারা বাংলাদেশে ডেলিভারি</h1>" in html
    assert 'placeholder="কী খুঁজছেন?"' in html
    assert "ক্যাটাগরি অনুযায়ী কিনুন" in html and "নতুন এসেছে" in html
    assert "<span>চাল ও শস্য</span>" in html
    assert "হটলাইন" in html and 'href="/bn/pages/returns/"' in html
    assert '<span class="cart-label">কার্ট</span>' in html and "সাইন ইন" in html
    assert "Shop by category" not in html


@pytest.mark.django_db
def test_the_bangla_product_list_has_bangla_filters_and_count(client, rice, make_product):
    make_product(name="Chinigura Rice 1kg", stock=0)

    html = page(client, "/bn/products/")

    assert "<h1>সব পণ্য</h1>" in html
    assert '<p class="result-count">২টি পণ্য</p>' in html
    assert "<summary>ফিল্টার ও সাজানো</summary>" in html
    assert ">সব ক্যাটাগরি</option>" in html
    assert ">সর্বনিম্ন দাম (৳)</label>" in html and ">সর্বোচ্চ দাম (৳)</label>" in html
    assert ">শুধু স্টকে থাকা পণ্য</label>" in html
    assert ">সাজান</label>" in html and ">দাম: কম থেকে বেশি</option>" in html
    assert "স্টকে আছে" in html and "স্টকে নেই" in html


@pytest.mark.django_db
def test_a_bangla_filter_mistake_is_explained_in_bangla(client, rice):
    html = page(client, "/bn/products/", data={"min_price": "500", "max_price": "100"})

    assert "আপনার বাছাই করা কিছু ফিল্টার কাজে লাগানো যায়নি:" in html
    assert "সর্বোচ্চ দাম সর্বনিম্ন দামের চেয়ে কম হয়ে গেছে।" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stock", "state"),
    [(10, "স্টকে আছে"), (3, "মাত্র ৩টি বাকি"), (1, "মাত্র ১টি বাকি"), (0, "স্টকে নেই")],
)
def test_the_bangla_product_page_shows_the_stock_state(client, make_product, stock, state):
    product = make_product(name="Padma Hilsa 1kg", name_bn="পদ্মার ইলিশ ১ কেজি", stock=stock)

    html = page(client, f"/bn/products/{product.slug}/")

    assert f">{state}</p>" in html
    assert ("কার্টে যোগ করুন</button>" in html) == (stock > 0)
    assert ("পণ্যটি এই মুহূর্তে স্টকে নেই।" in html) == (stock == 0)
    assert "<dt>পেমেন্ট</dt><dd>ক্যাশ অন ডেলিভারি</dd>" in html


@pytest.mark.django_db
def test_adding_to_the_cart_in_bangla_lands_on_the_bangla_cart(client, rice):
    response = client.post("/bn/cart/add/", {"product_id": rice.pk, "quantity": 2}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [("/bn/cart/", 302)]
    assert "আপনার কার্টে যোগ করা হয়েছে।" in html
    assert "<h1>আপনার কার্ট</h1>" in html
    assert "সাবটোটাল (২টি পণ্য)" in html and "৳৮৪০.০০" in html
    assert "চেকআউটে যান</a>" in html
    assert '<span class="cart-count">২</span>' in html


@pytest.mark.django_db
def test_the_bangla_checkout_labels_and_errors(client, rice):
    client.post("/bn/cart/add/", {"product_id": rice.pk, "quantity": 1})

    shown = client.get("/bn/checkout/")
    initial = shown.context["form"].initial
    pins = {name: initial[name] for name in ("checkout_token", "seen_cart", "seen_pricing")}
    response = client.post("/bn/checkout/", {**ADDRESS, **pins, "phone": "12345", "city": ""})

    html = shown.content.decode()

    assert "<legend>যোগাযোগ</legend>" in html and "<legend>ডেলিভারির ঠিকানা</legend>" in html
    assert ">পুরো নাম</label>" in html and ">মোবাইল নম্বর</label>" in html
    assert ">এলাকা বা থানা</label>" in html and ">পোস্টকোড (ঐচ্ছিক)</label>" in html
    assert "<legend>ডেলিভারি এলাকা</legend>" in html
    assert "<span>ঢাকার ভেতরে</span>" in html and "<span>ঢাকার বাইরে</span>" in html
    assert "<span>ক্যাশ অন ডেলিভারি</span>" in html
    assert "অর্ডার করুন</button>" in html
    errors = response.content.decode()
    assert response.status_code == 200
    assert "অনুগ্রহ করে নিচে চিহ্নিত ঘরগুলো ঠিক করুন।" in errors
    assert "একটি বাংলাদেশি মোবাইল নম্বর লিখুন, যেমন 01712345678 বা +8801712345678।" in errors
    assert "এটি আবশ্যক।" in errors  # Django's own message, in its own Bangla
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_an_order_placed_in_bangla_is_confirmed_in_bangla(client, rice, django_capture_on_commit_callbacks):
    client.post("/bn/cart/add/", {"product_id": rice.pk, "quantity": 1})
    initial = client.get("/bn/checkout/").context["form"].initial
    form = {**ADDRESS, **{name: initial[name] for name in ("checkout_token", "seen_cart", "seen_pricing")}}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/bn/checkout/", form, follow=True)

    order = Order.objects.get()
    html = response.content.decode()
    assert order.language == "bn"
    assert response.redirect_chain == [(f"/bn/orders/{order.token}/", 302)]
    assert f'ধন্যবাদ! আপনার অর্ডার <span class="nowrap">{order.number}</span> গ্রহণ করা হয়েছে।' in html
    assert "নিশ্চিতকরণ ই-মেইল ayesha@example.com ঠিকানায় পাঠানো হয়েছে।" in html
    assert '<span class="status status-pending">অপেক্ষমাণ</span>' in html
    assert "মিনিকেট চাল ৫ কেজি" in html


@pytest.mark.django_db
def test_the_bangla_sign_in_page_and_its_error(client, user):
    html = page(client, "/bn/accounts/login/")
    response = client.post("/bn/accounts/login/", {"username": user.email, "password": "wrong-password"})

    assert '<h1 id="login-heading">সাইন ইন</h1>' in html
    assert ">ই-মেইল ঠিকানা</label>" in html and ">পাসওয়ার্ড</label>" in html
    assert "পাসওয়ার্ড ভুলে গেছেন?</a>" in html
    assert "DhakaCart-এ নতুন?" in html and "অ্যাকাউন্ট খুলুন</a>" in html
    assert (
        "এই ই-মেইল ঠিকানা ও পাসওয়ার্ডের সাথে কোনো অ্যাকাউন্ট মেলেনি। অনুগ্রহ করে আবার চেষ্টা করুন।"
        in response.content.decode()
    )


@pytest.mark.django_db
def test_the_confirmation_email_of_a_bangla_order_is_in_bangla(
    rice, customer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(
            lines=[OrderLine(product_id=rice.pk, quantity=2)], customer=customer, language="bn"
        )

    message = mailoutbox[0]
    html = message.alternatives[0].content
    assert message.subject == f"DhakaCart: আপনার অর্ডার {order.number} আমরা পেয়েছি"
    assert message.body.startswith("প্রিয় Ayesha Rahman,\n\n")
    assert f"আপনার অর্ডার {order.number} আমরা পেয়েছি।" in message.body
    assert "- ২ × মিনিকেট চাল ৫ কেজি (DC-RICE-001): ৳৮৪০.০০" in message.body
    assert "সাবটোটাল: ৳৮৪০.০০" in message.body
    assert "ডেলিভারি (ঢাকার ভেতরে): ৳৬০.০০" in message.body
    assert "মোট: ৳৯০০.০০" in message.body
    assert "পেমেন্ট: ক্যাশ অন ডেলিভারি" in message.body
    assert (
        f"যেকোনো সময় আপনার অর্ডার দেখুন: {settings.SITE_URL.rstrip('/')}/bn/orders/{order.token}/" in message.body
    )
    assert "ডেলিভারির আগে আমরা আপনাকে ফোন করব।" in message.body
    assert f"আপনার অর্ডার <strong>{order.number}</strong> আমরা পেয়েছি।" in html
    assert '<html lang="bn">' in html


def switcher_next(html: str, language: str) -> str:
    """The `next` of the switcher form whose button picks `language`."""
    form = re.search(
        r'<form action="/i18n/setlang/" method="post">(?:(?!</form>).)*?'
        r'name="next" type="hidden" value="([^"]*)">\s*'
        rf'<button type="submit" name="language" value="{language}"',
        html,
        re.DOTALL,
    )
    assert form, f"no switcher form for {language}"
    return form.group(1).replace("&amp;", "&")


@pytest.mark.django_db
def test_the_language_switcher_takes_the_shopper_to_the_bangla_page(client):
    html = page(client, "/products/", data={"sort": "name"})
    response = client.post(
        "/i18n/setlang/", {"language": "bn", "next": switcher_next(html, "bn")}, follow=True
    )

    assert switcher_next(html, "bn") == "/bn/products/?sort=name"
    assert 'lang="bn">বাংলা</button>' in html
    assert response.redirect_chain == [("/bn/products/?sort=name", 302)]
    assert '<html lang="bn">' in response.content.decode()
    assert "<h1>সব পণ্য</h1>" in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "bn"


@pytest.mark.django_db
@pytest.mark.parametrize("browser_language", ["en", "bn"])
def test_the_language_switcher_leaves_the_bangla_page_for_english(client, browser_language):
    """Whatever the browser prefers: someone may reach /bn/ by a link with an English browser."""
    html = page(client, "/bn/products/")
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": switcher_next(html, "en")},
        headers={"accept-language": browser_language},
        follow=True,
    )

    assert response.redirect_chain == [("/products/", 302)]
    assert "<h1>All products</h1>" in response.content.decode()


@pytest.mark.django_db
def test_asking_for_more_than_is_left_in_bangla_names_the_count_in_bangla_digits(client, make_product):
    hilsa = make_product(name="Padma Hilsa 1kg", name_bn="পদ্মার ইলিশ ১ কেজি", stock=49)

    response = client.post("/bn/cart/add/", {"product_id": hilsa.pk, "quantity": 60}, follow=True)

    assert "পদ্মার ইলিশ ১ কেজি আর মাত্র ৪৯টি বাকি আছে।" in response.content.decode()


@pytest.mark.django_db
def test_the_bangla_password_reset_email_counts_its_hours_in_bangla_digits(
    client, user, mailoutbox, settings
):
    settings.PASSWORD_RESET_TIMEOUT = 24 * 3600

    client.post("/bn/accounts/password/reset/", {"email": user.email})

    assert "লিংকটি ২৪ ঘণ্টার মধ্যে একবারই কাজ করবে।" in mailoutbox[0].body.replace("\n", " ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "other", "label"),
    [("/products/", ('value="bn"', 'lang="bn">বাংলা</button>'), "Language"),
     ("/bn/products/", ('value="en"', 'lang="en">English</button>'), "ভাষা")],
)  # fmt: skip
def test_the_language_switch_is_in_the_header_as_a_form_that_needs_no_javascript(client, path, other, label):
    html = page(client, path)
    cached = page(client, path)  # the page cache keeps the switch, with this shopper's CSRF token

    for shown in (html, cached):
        header = shown[shown.index('<header class="site-header">') : shown.index("</header>")]
        footer = shown[shown.index("<footer") :]
        assert '<form action="/i18n/setlang/" method="post">' in header
        assert 'name="csrfmiddlewaretoken"' in header and "<!--hole" not in header
        assert all(part in header for part in other)
        assert 'class="header-link language-button" aria-describedby="language-label"' in header
        assert f'<span id="language-label" class="visually-hidden">{label}</span>' in header
        assert "/i18n/setlang/" not in footer
