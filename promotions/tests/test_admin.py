import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from orders.services import cancel_order
from promotions.models import Voucher

from .factories import VoucherFactory, fixed

pytestmark = pytest.mark.django_db

LIST = "/admin/promotions/voucher/"


@pytest.fixture
def manager_client(client, django_user_model):
    manager = django_user_model.objects.create_user(
        email="orders@dhakacart.local", password="a-Strong-passw0rd", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(manager)
    return client


def test_the_list_shows_each_vouchers_uses_and_remaining_uses(manager_client, place, rice, customer):
    VoucherFactory(code="EID10", total_uses=50, percent=Decimal("12.5"), max_discount=Decimal("200"))
    place({rice: 1}, voucher_code="EID10")
    fixed(code="FLAT50", amount=Decimal("50.00"))

    html = manager_client.get(LIST).content.decode()

    assert "EID10" in html and "12.5 % up to ৳200.00" in html
    assert '<td class="field-times_used">1</td>' in html
    assert '<td class="field-remaining">49</td>' in html
    assert "FLAT50" in html and "৳50.00" in html and '<td class="field-remaining">unlimited</td>' in html


def test_vouchers_are_found_by_code_and_filtered_by_active_and_validity(manager_client):
    now = timezone.now()
    VoucherFactory(code="EID-CURRENT")
    VoucherFactory(code="EID-OLD", valid_until=now - timedelta(days=1))
    VoucherFactory(code="EID-SOON", valid_from=now + timedelta(days=1))
    VoucherFactory(code="OFF-NOW", is_active=False)

    def codes(query):
        changelist = manager_client.get(f"{LIST}?{query}").context["cl"]
        return sorted(voucher.code for voucher in changelist.result_list)

    assert codes("q=eid-") == ["EID-CURRENT", "EID-OLD", "EID-SOON"]
    assert codes("validity=expired") == ["EID-OLD"]
    assert codes("validity=upcoming") == ["EID-SOON"]
    assert codes("validity=current") == ["EID-CURRENT", "OFF-NOW"]
    assert codes("is_active__exact=0") == ["OFF-NOW"]


def test_a_voucher_page_lists_the_orders_that_used_it_read_only(manager_client, place, rice):
    voucher = VoucherFactory(code="EID10", uses_per_customer=None)
    used = place({rice: 1}, voucher_code="EID10")
    cancelled = place({rice: 2}, voucher_code="EID10")
    cancel_order(order=cancelled)
    place({rice: 1})  # no voucher

    response = manager_client.get(f"{LIST}{voucher.pk}/change/")

    html = response.content.decode()
    assert used.number in html and cancelled.number in html
    assert f'href="/admin/orders/order/?q={used.number}"' in html
    assert list(manager_client.get(f"/admin/orders/order/?q={used.number}").context["cl"].result_list) == [
        used
    ]
    formset = response.context["inline_admin_formsets"][0]
    assert formset.formset.total_form_count() == 2
    assert not formset.has_add_permission and not formset.has_change_permission


def test_codes_are_stored_upper_case_and_unique_whatever_the_case(manager_client):
    data = {
        "code": "eid-2026",
        "kind": "percentage",
        "percent": "10",
        "minimum_subtotal": "0",
        "uses_per_customer": "1",
        "is_active": "on",
        "uses-TOTAL_FORMS": "0",
        "uses-INITIAL_FORMS": "0",
    }

    first = manager_client.post(f"{LIST}add/", data)
    again = manager_client.post(f"{LIST}add/", {**data, "code": "Eid-2026"})

    assert first.status_code == 302
    assert list(Voucher.objects.values_list("code", flat=True)) == ["EID-2026"]
    assert again.status_code == 200 and "already exists" in again.content.decode()


def test_a_voucher_whose_values_do_not_fit_its_kind_is_refused_with_reasons(manager_client):
    response = manager_client.post(
        f"{LIST}add/",
        {
            "code": "WRONG",
            "kind": "fixed",
            "percent": "10",
            "minimum_subtotal": "0",
            "uses-TOTAL_FORMS": "0",
            "uses-INITIAL_FORMS": "0",
        },
    )

    html = response.content.decode()
    assert "A fixed voucher needs the taka off." in html
    assert "Only a percentage voucher has this." in html
    assert not Voucher.objects.exists()


def test_vouchers_export_to_csv(manager_client):
    start = timezone.make_aware(timezone.datetime(2026, 4, 14, 0, 0))
    VoucherFactory(code="BOISHAKH", percent=Decimal("15"), total_uses=100, times_used=3, valid_from=start)
    fixed(code="FLAT50", amount=Decimal("50.00"))

    response = manager_client.post(
        LIST, {"action": "export_csv", "_selected_action": list(Voucher.objects.values_list("pk", flat=True))}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["code", "kind", "percent"]
    assert rows[1][:4] == ["BOISHAKH", "percentage", "15.000", ""]
    assert rows[1][6] == "2026-04-14T00:00+06:00"
    assert rows[1][8:12] == ["100", "1", "3", "97"]
    assert rows[2][:4] == ["FLAT50", "fixed", "", "50.00"]


def test_bulk_create_makes_n_single_use_codes_with_the_prefix(manager_client):
    response = manager_client.post(
        f"{LIST}bulk-create/",
        {"prefix": "rafsan-eid", "count": "25", "kind": "fixed", "amount": "100", "minimum_subtotal": "500"},
    )

    vouchers = list(Voucher.objects.all())
    assert response.status_code == 302 and response["Location"] == f"{LIST}?campaign=RAFSAN-EID"
    assert len(vouchers) == 25 and len({voucher.code for voucher in vouchers}) == 25
    for voucher in vouchers:
        assert voucher.code.startswith("RAFSAN-EID-") and len(voucher.code) == len("RAFSAN-EID-") + 8
        assert (voucher.total_uses, voucher.uses_per_customer, voucher.campaign) == (1, 1, "RAFSAN-EID")
        assert (voucher.kind, voucher.amount, voucher.minimum_subtotal) == (
            "fixed",
            Decimal("100.00"),
            Decimal("500.00"),
        )
    listed = manager_client.get(response["Location"]).context["cl"]
    assert listed.result_count == 25


def test_bulk_create_refuses_bad_terms_and_writes_nothing(manager_client):
    response = manager_client.post(
        f"{LIST}bulk-create/", {"prefix": "BAD PREFIX", "count": "5000", "kind": "percentage"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Use letters, digits and dashes, starting with a letter or digit." in html
    assert "Ensure this value is less than or equal to 1000." in html
    assert not Voucher.objects.exists()


def test_staff_without_voucher_permissions_are_refused(client, staff_user):
    voucher = VoucherFactory()
    client.force_login(staff_user)

    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{voucher.pk}/change/").status_code == 403
    assert client.get(f"{LIST}bulk-create/").status_code == 403
    assert (
        client.post(f"{LIST}bulk-create/", {"prefix": "X", "count": "3", "kind": "free_delivery"}).status_code
        == 403
    )
    assert Voucher.objects.count() == 1


def test_a_used_voucher_keeps_its_code_and_kind(manager_client, place, rice):
    voucher = VoucherFactory(code="EID10")
    place({rice: 1}, voucher_code="EID10")

    response = manager_client.get(f"{LIST}{voucher.pk}/change/")

    form = response.context["adminform"].form
    assert "code" not in form.fields and "kind" not in form.fields


def test_lowering_the_uses_below_what_was_used_is_refused_with_a_reason(manager_client):
    voucher = VoucherFactory(code="EID10", total_uses=10, times_used=4)

    response = manager_client.post(
        f"{LIST}{voucher.pk}/change/",
        {
            "code": "EID10",
            "kind": "percentage",
            "percent": "10",
            "minimum_subtotal": "0",
            "total_uses": "3",
            "uses_per_customer": "1",
            "is_active": "on",
            "uses-TOTAL_FORMS": "0",
            "uses-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "It has been used 4 times already: allow at least that many." in response.content.decode()
    assert Voucher.objects.get(pk=voucher.pk).total_uses == 10
