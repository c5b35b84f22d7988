import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from shop.models import Category, Product

from .factories import CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db

PRODUCT_LIST = reverse("admin:shop_product_changelist")
CATEGORY_LIST = reverse("admin:shop_category_changelist")


@pytest.fixture
def catalogue_manager(django_user_model):
    manager = django_user_model.objects.create_user(
        email="catalogue@example.com", password="a-Strong-passw0rd", full_name="Nusrat Jahan", is_staff=True
    )
    manager.groups.add(Group.objects.get(name="Catalogue managers"))
    return manager


@pytest.fixture
def manager_client(client, catalogue_manager):
    client.force_login(catalogue_manager)
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def list_edit(client, rows):
    """POST the list's price and stock inputs as the admin page does; rows are (product, price, stock)."""
    data = {
        "form-TOTAL_FORMS": len(rows),
        "form-INITIAL_FORMS": len(rows),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for index, (product, price, stock) in enumerate(rows):
        data |= {
            f"form-{index}-id": product.pk,
            f"form-{index}-price": price,
            f"form-{index}-stock": stock,
            # The stock the page showed, which the admin sends back in a hidden input.
            f"initial-form-{index}-stock": product.stock,
        }
    return client.post(PRODUCT_LIST, data)


def run_action(client, action, products):
    return client.post(
        PRODUCT_LIST, {"action": action, "index": 0, "_selected_action": [product.pk for product in products]}
    )


def edit_page_data(product, **changes):
    data = {
        "name": product.name,
        "name_bn": product.name_bn,
        "slug": product.slug,
        "sku": product.sku,
        "category": product.category_id,
        "description": product.description,
        "price": product.price,
        "compare_at_price": product.compare_at_price or "",
        "stock": product.stock,
        "initial-stock": product.stock,
        "is_active": "on",
        "_save": "Save",
    }
    return data | changes


def edit(client, product, **changes):
    url = reverse("admin:shop_product_change", args=[product.pk])
    return client.post(url, edit_page_data(product, **changes))


def image_file(image_format, name, padding=0):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "darkgreen").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue() + b"\0" * padding)


def saved_fields(product):
    product.refresh_from_db()
    return product.price, product.compare_at_price, product.stock, bool(product.image)


# --- Editing from the list --------------------------------------------------------------------


def test_a_catalogue_manager_changes_price_and_stock_from_the_product_list(manager_client):
    rice = ProductFactory(name="Miniket Rice 5 kg", price=Decimal("420.00"), stock=30)
    dal = ProductFactory(name="Masoor Dal 1 kg", price=Decimal("135.00"), stock=12)

    response = list_edit(manager_client, [(rice, "445.00", 28), (dal, "135.00", 12)])

    assert response.status_code == 302
    rice.refresh_from_db()
    dal.refresh_from_db()
    assert (rice.price, rice.stock) == (Decimal("445.00"), 28)
    assert (dal.price, dal.stock) == (Decimal("135.00"), 12)
    assert "1 product was changed successfully." in manager_client.get(response["Location"]).content.decode()


def test_the_product_list_sends_back_the_stock_it_showed(manager_client):
    ProductFactory(stock=17)

    html = manager_client.get(PRODUCT_LIST).content.decode()

    assert '<input type="hidden" name="initial-form-0-stock" value="17"' in html


def test_a_price_change_in_the_list_keeps_the_stock_that_orders_took_meanwhile(manager_client):
    rice = ProductFactory(price=Decimal("420.00"), stock=30)
    shown = Product.objects.get(pk=rice.pk)
    Product.objects.filter(pk=rice.pk).update(stock=27)

    list_edit(manager_client, [(shown, "445.00", 30)])

    rice.refresh_from_db()
    assert (rice.price, rice.stock) == (Decimal("445.00"), 27)


def test_a_stock_figure_typed_over_one_that_orders_changed_is_refused(manager_client):
    rice = ProductFactory(stock=30)
    shown = Product.objects.get(pk=rice.pk)
    Product.objects.filter(pk=rice.pk).update(stock=27)

    response = list_edit(manager_client, [(shown, shown.price, 50)])

    assert response.status_code == 200
    assert "Orders changed the stock to 27" in response.content.decode()
    rice.refresh_from_db()
    assert rice.stock == 27


def test_a_list_price_at_or_above_the_compare_at_price_is_refused(manager_client):
    saree = ProductFactory(price=Decimal("2400.00"), compare_at_price=Decimal("2800.00"), stock=4)

    response = list_edit(manager_client, [(saree, "2900.00", 4)])

    assert response.status_code == 200
    assert "must be below the compare-at price (৳2800.00)" in response.content.decode()
    assert saved_fields(saree) == (Decimal("2400.00"), Decimal("2800.00"), 4, False)


# --- Permissions ------------------------------------------------------------------------------


def test_the_catalogue_managers_group_can_view_add_and_change_but_not_delete():
    group = Group.objects.get(name="Catalogue managers")

    codenames = set(group.permissions.values_list("content_type__model", "codename"))

    assert codenames == {
        ("category", "view_category"),
        ("category", "add_category"),
        ("category", "change_category"),
        ("product", "view_product"),
        ("product", "add_product"),
        ("product", "change_product"),
    }


def test_a_catalogue_manager_is_offered_no_delete(manager_client):
    product = ProductFactory()

    listing = manager_client.get(PRODUCT_LIST)
    delete_page = manager_client.get(reverse("admin:shop_product_delete", args=[product.pk]))

    assert 'value="activate"' in listing.content.decode()
    assert "delete_selected" not in listing.content.decode()
    assert delete_page.status_code == 403


def test_staff_without_catalogue_permissions_cannot_list_edit_or_export(client, staff_user):
    product = ProductFactory(price=Decimal("420.00"), stock=30)
    client.force_login(staff_user)

    listing = client.get(PRODUCT_LIST)
    edited = list_edit(client, [(product, "1.00", 0)])
    exported = run_action(client, "export_csv", [product])

    assert (listing.status_code, edited.status_code, exported.status_code) == (403, 403, 403)
    assert saved_fields(product) == (Decimal("420.00"), None, 30, False)


# --- Actions ----------------------------------------------------------------------------------


def test_a_catalogue_manager_exports_the_products_as_csv_with_bangla_names(manager_client):
    rice = Category.objects.create(name="Rice", name_bn="চাল", slug="rice")
    miniket = ProductFactory(
        sku="DC-RICE-001",
        name="Miniket Rice 5 kg",
        name_bn="মিনিকেট চাল ৫ কেজি",
        category=rice,
        price=Decimal("420.00"),
        compare_at_price=Decimal("450.00"),
        stock=30,
    )
    chinigura = ProductFactory(
        sku="DC-RICE-002", name="Chinigura Rice 1 kg", name_bn="চিনিগুঁড়া চাল ১ কেজি", category=rice, stock=0
    )

    response = run_action(manager_client, "export_csv", [chinigura, miniket])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="dhakacart-products-')
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0] == [
        "sku",
        "name",
        "name_bn",
        "category",
        "price",
        "compare_at_price",
        "stock",
        "is_active",
        "updated_at",
    ]
    assert rows[1][:8] == [
        "DC-RICE-001",
        "Miniket Rice 5 kg",
        "মিনিকেট চাল ৫ কেজি",
        "Rice",
        "420.00",
        "450.00",
        "30",
        "True",
    ]
    assert rows[2][:8] == [
        "DC-RICE-002",
        "Chinigura Rice 1 kg",
        "চিনিগুঁড়া চাল ১ কেজি",
        "Rice",
        "250.00",
        "",
        "0",
        "True",
    ]
    assert rows[1][8].endswith("+06:00")
    assert len(rows) == 3


def test_the_csv_export_keeps_a_name_from_running_as_a_spreadsheet_formula(manager_client):
    product = ProductFactory(name='=HYPERLINK("http://example.com")')

    response = run_action(manager_client, "export_csv", [product])

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://example.com")'


def test_bulk_deactivate_hides_the_selected_products_and_says_how_many(manager_client):
    fan, phone, saree = ProductFactory.create_batch(3)

    response = run_action(manager_client, "deactivate", [fan, phone])

    assert set(Product.objects.filter(is_active=False)) == {fan, phone}
    assert set(Product.objects.filter(is_active=True)) == {saree}
    assert "2 products deactivated." in manager_client.get(response["Location"]).content.decode()


def test_bulk_activate_counts_only_the_products_it_switched_on(manager_client):
    hidden = ProductFactory(is_active=False)
    shown = ProductFactory(is_active=True)

    response = run_action(manager_client, "activate", [hidden, shown])

    hidden.refresh_from_db()
    assert hidden.is_active
    assert "1 product activated." in manager_client.get(response["Location"]).content.decode()


# --- Listing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [("out", {"none-left"}), ("low", {"one-left", "five-left"}), ("in", {"six-left", "plenty"})],
)
def test_the_stock_filter_shows_the_products_in_that_state(manager_client, state, expected):
    for slug, stock in [("none-left", 0), ("one-left", 1), ("five-left", 5), ("six-left", 6), ("plenty", 80)]:
        ProductFactory(slug=slug, name=slug, stock=stock)

    response = manager_client.get(PRODUCT_LIST, {"stock_state": state})

    assert {product.slug for product in response.context["cl"].result_list} == expected


@pytest.mark.parametrize("term", ["মিনিকেট", "dc-rice-007", "miniket"])
def test_the_product_list_searches_english_and_bangla_names_and_skus(manager_client, term):
    ProductFactory(name="Miniket Rice 5 kg", name_bn="মিনিকেট চাল ৫ কেজি", sku="DC-RICE-007")
    ProductFactory(name="Soybean Oil 5 L", name_bn="সয়াবিন তেল ৫ লিটার", sku="DC-OIL-001")

    response = manager_client.get(PRODUCT_LIST, {"q": term})

    assert [product.sku for product in response.context["cl"].result_list] == ["DC-RICE-007"]


def test_the_product_list_shows_a_sized_lazy_thumbnail(manager_client):
    ProductFactory(name="Walton Ceiling Fan")

    html = manager_client.get(PRODUCT_LIST).content.decode()

    assert (
        '<img src="/static/img/product-placeholder.svg" alt="" width="48" height="48" loading="lazy"' in html
    )


def test_the_product_list_runs_the_same_queries_for_many_products_in_many_categories(
    manager_client, django_assert_max_num_queries
):
    for category in CategoryFactory.create_batch(6):
        ProductFactory.create_batch(8, category=category)

    # The user and their permissions (3), the category filter, the count and the page itself.
    with django_assert_max_num_queries(6):
        response = manager_client.get(PRODUCT_LIST)

    assert len(response.context["cl"].result_list) == 48


def test_a_catalogue_manager_reorders_and_hides_categories_from_the_list(manager_client):
    fish = CategoryFactory(name="Fish", position=1)

    response = manager_client.post(
        CATEGORY_LIST,
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": fish.pk,
            "form-0-position": 7,
            # An unticked checkbox is simply absent from the POST.
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    fish.refresh_from_db()
    assert (fish.position, fish.is_active) == (7, False)


# --- The edit page refuses bad input and writes nothing ----------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"stock": -1}, "stock", "Stock cannot be below 0."),
        ({"price": "0"}, "price", "The price must be more than ৳0."),
        ({"price": "-50"}, "price", "The price must be more than ৳0."),
        ({"compare_at_price": "420.00"}, "compare_at_price", "must be below the compare-at price (৳420.00)"),
        ({"compare_at_price": "99.00"}, "compare_at_price", "must be below the compare-at price (৳99.00)"),
        ({"price": "abc"}, "price", "Enter a number."),
    ],
)
def test_the_edit_page_refuses_bad_numbers_and_writes_nothing(manager_client, changes, field, message):
    product = ProductFactory(price=Decimal("420.00"), stock=30)

    response = edit(manager_client, product, **changes)

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors[field])
    assert saved_fields(product) == (Decimal("420.00"), None, 30, False)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("fake.jpg", b"not really a picture"), "Upload a valid image."),
        (image_file("GIF", "animated.gif"), "Upload a JPEG, PNG or WebP image; this one is GIF."),
        (image_file("JPEG", "huge.jpg", padding=5 * 1024 * 1024), "images may be at most 5 MB"),
    ],
    ids=["not-an-image", "gif", "over-5-mb"],
)
def test_the_edit_page_refuses_a_bad_image_and_stores_nothing(manager_client, media_root, upload, message):
    product = ProductFactory(price=Decimal("420.00"), stock=30)

    response = edit(manager_client, product, image=upload)

    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["image"])
    assert saved_fields(product) == (Decimal("420.00"), None, 30, False)
    assert list(media_root.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("image_format", "name"), [("JPEG", "rice.jpg"), ("PNG", "rice.png"), ("WEBP", "rice.webp")]
)
def test_the_edit_page_stores_a_jpeg_png_or_webp_image(manager_client, media_root, image_format, name):
    product = ProductFactory()

    response = edit(manager_client, product, image=image_file(image_format, name))

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.image.name == f"products/{name}"
    assert default_storage.exists(product.image.name)
    assert product.image_url == f"/media/products/{name}"


def test_a_decompression_bomb_or_a_giant_image_is_refused_on_the_model_field(media_root):
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, format="PNG")  # a few KB that unpack to 400 megapixels
    product = Product(name="x", slug="x", sku="DC-X", price=Decimal("1.00"), category=Category(name="c"))
    product.image = SimpleUploadedFile("bomb.png", bomb.getvalue(), content_type="image/png")

    with pytest.raises(ValidationError) as refused:
        product.full_clean(exclude=["category"])

    assert refused.value.error_dict["image"][0].code in {"decompression_bomb", "too_many_pixels"}
