import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from pages.models import InfoPage

pytestmark = pytest.mark.django_db


def test_the_footer_links_to_delivery_returns_and_contact_and_shows_the_hotline(client):
    html = client.get("/").content.decode()

    assert 'href="/pages/delivery/"' in html and 'href="/pages/returns/"' in html
    assert 'href="/pages/contact/"' in html
    assert 'href="tel:09612345678">09612-345678</a>' in html
    assert "support@dhakacart.com.bd" in html and "Dhanmondi, Dhaka 1205" in html


def test_the_bangla_footer_shows_the_hotline_in_bangla_digits(client):
    html = client.get("/bn/").content.decode()

    assert 'href="tel:09612345678">০৯৬১২-৩৪৫৬৭৮</a>' in html
    assert 'href="/bn/pages/returns/"' in html and "ধানমন্ডি, ঢাকা ১২০৫" in html


@pytest.mark.parametrize(
    ("path", "title", "text"),
    [
        ("/pages/delivery/", "<h1>Delivery</h1>", "Inside Dhaka: ৳60, usually in 1–2 days."),
        ("/bn/pages/delivery/", "<h1>ডেলিভারি</h1>", "ঢাকার ভেতরে: ৳৬০, সাধারণত ১–২ দিনে।"),
        ("/pages/returns/", "<h1>Returns and refunds</h1>", "within 7 days"),
        ("/bn/pages/contact/", "<h1>যোগাযোগ</h1>", "হটলাইন: ০৯৬১২-৩৪৫৬৭৮"),
    ],
)
def test_each_information_page_reads_in_the_pages_language(client, path, title, text):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert title in html and text in html


def test_an_unknown_information_page_is_a_404(client):
    assert client.get("/pages/careers/").status_code == 404


def test_the_text_is_shown_as_text_not_markup(client):
    InfoPage.objects.filter(slug="contact").update(body="Call us <script>alert(1)</script>")

    html = client.get("/pages/contact/").content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_staff_with_the_permission_edit_a_page_in_the_admin(client, staff_user):
    staff_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_infopage", "view_infopage"])
    )
    client.force_login(staff_user)
    page = InfoPage.objects.get(slug="returns")
    data = {
        "title": page.title,
        "body": "Returns within 14 days.",
        "title_bn": page.title_bn,
        "body_bn": page.body_bn,
    }

    response = client.post(reverse("admin:pages_infopage_change", args=[page.pk]), data)

    assert response.status_code == 302
    assert "Returns within 14 days." in client.get("/pages/returns/").content.decode()


def test_staff_without_the_permission_cannot_edit_a_page(client, staff_user):
    client.force_login(staff_user)
    page = InfoPage.objects.get(slug="returns")
    before = page.body

    response = client.post(
        reverse("admin:pages_infopage_change", args=[page.pk]), {"title": "Hacked", "body": "Hacked"}
    )

    assert response.status_code == 403
    page.refresh_from_db()
    assert (page.title, page.body) == ("Returns and refunds", before)
