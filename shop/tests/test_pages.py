from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from shop.models import Product

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    ids = response.context["page"].product_ids
    by_id = Product.objects.in_bulk(ids)
    return [by_id[pk].name for pk in ids]


@pytest.fixture
def shelf(make_category, make_product, category):
    """A small catalogue with one of everything the list page must tell apart."""
    fish = make_category(name="Fish", name_bn="মাছ", slug="fish")
    hidden_category = make_category(name="Hidden", slug="hidden", is_active=False)
    now = timezone.now()
    products = {
        "miniket": make_product(
            name="Miniket Rice 5kg", name_bn="মিনিকেট চাল ৫ কেজি", sku="DC-RICE-001", price=Decimal("420.00")
        ),
        "chinigura": make_product(
            name="Chinigura Aromatic Rice 1kg",
            name_bn="চিনিগুড়া চাল ১ কেজি",
            sku="DC-RICE-002",
            price=Decimal("160.00"),
            stock=0,
        ),
        "hilsa": make_product(
            name="Padma Hilsa 1kg",
            name_bn="পদ্মার ইলিশ ১ কেজি",
            sku="DC-FISH-001",
            category=fish,
            price=Decimal("1450.00"),
            description="Fresh river fish from the Padma.",
        ),
        "retired": make_product(name="Retired Rice", sku="DC-RICE-003", is_active=False),
        "orphan": make_product(name="Hidden Category Item", category=hidden_category),
    }
    # created_at is set on insert; spread them out so "newest" has one answer.
    for age, key in enumerate(["hilsa", "chinigura", "miniket", "retired", "orphan"]):
        Product.objects.filter(pk=products[key].pk).update(created_at=now - timedelta(days=age))
    return products


def test_home_shows_categories_and_new_arrivals_but_nothing_inactive(
    client, shelf, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Rice &amp; Grains" in html and "Fish" in html
    assert "Hidden" not in html
    by_id = Product.objects.in_bulk()
    assert [by_id[p.pk].name for p in response.context["new_arrivals"]] == [
        "Padma Hilsa 1kg",
        "Chinigura Aromatic Rice 1kg",
        "Miniket Rice 5kg",
    ]


def test_product_list_shows_only_sellable_products_newest_first(client, shelf):
    response = client.get("/products/")

    assert response.status_code == 200
    assert names(response) == ["Padma Hilsa 1kg", "Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg"]
    assert "3 products" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?category=fish", ["Padma Hilsa 1kg"]),
        ("?category=rice-grains", ["Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg"]),
        ("?min_price=400", ["Padma Hilsa 1kg", "Miniket Rice 5kg"]),
        ("?max_price=420", ["Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg"]),
        ("?min_price=200&max_price=1000", ["Miniket Rice 5kg"]),
        ("?in_stock=1", ["Padma Hilsa 1kg", "Miniket Rice 5kg"]),
        ("?in_stock=true", ["Padma Hilsa 1kg", "Miniket Rice 5kg"]),
        ("?in_stock=0", ["Padma Hilsa 1kg", "Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg"]),
        ("?sort=price_asc", ["Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg", "Padma Hilsa 1kg"]),
        ("?sort=price_desc", ["Padma Hilsa 1kg", "Miniket Rice 5kg", "Chinigura Aromatic Rice 1kg"]),
        ("?sort=name", ["Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg", "Padma Hilsa 1kg"]),
        ("?sort=newest", ["Padma Hilsa 1kg", "Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg"]),
    ],
)
def test_each_filter_and_sort_narrows_and_orders_the_list(client, shelf, query, expected):
    response = client.get("/products/" + query)

    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("miniket", ["Miniket Rice 5kg"]),
        ("rice", ["Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg"]),
        ("মিনিকেট", ["Miniket Rice 5kg"]),
        ("ইলিশ", ["Padma Hilsa 1kg"]),
        ("DC-FISH-001", ["Padma Hilsa 1kg"]),
        ("river", ["Padma Hilsa 1kg"]),
        ("minikit", ["Miniket Rice 5kg"]),
        ("hils", ["Padma Hilsa 1kg"]),
        ("retired", []),
    ],
)
def test_search_matches_english_bangla_sku_description_and_near_misses(client, shelf, q, expected):
    response = client.get("/products/", {"q": q, "sort": "name"})

    assert response.status_code == 200
    assert sorted(names(response)) == sorted(expected)


def test_search_without_a_sort_puts_the_best_match_first(client, shelf):
    response = client.get("/products/", {"q": "miniket rice"})

    assert names(response)[0] == "Miniket Rice 5kg"


def test_category_page_lists_its_products_and_its_subcategories(
    client, shelf, make_category, make_product, category
):
    basmati = make_category(name="Basmati", slug="basmati", parent=category)
    make_product(name="Basmati Rice 1kg", category=basmati)

    response = client.get("/category/rice-grains/")

    assert response.status_code == 200
    assert sorted(names(response)) == ["Basmati Rice 1kg", "Chinigura Aromatic Rice 1kg", "Miniket Rice 5kg"]
    assert "All products" in response.content.decode()


@pytest.mark.parametrize("path", ["/category/no-such/", "/category/hidden/"])
def test_unknown_or_inactive_category_is_not_found(client, shelf, path):
    assert client.get(path).status_code == 404


def test_pagination_has_stable_urls_that_keep_the_filters(client, make_product, settings):
    settings.PRODUCTS_PER_PAGE = 2
    for number in range(5):
        make_product(name=f"Lentil {number}", price=Decimal(100 + number))

    first = client.get("/products/", {"sort": "price_asc", "in_stock": "1"})
    last = client.get("/products/", {"sort": "price_asc", "in_stock": "1", "page": "3"})

    assert names(first) == ["Lentil 0", "Lentil 1"]
    assert "?in_stock=1&amp;sort=price_asc&amp;page=2" in first.content.decode()  # in the form's order
    assert names(last) == ["Lentil 4"]
    assert 'rel="prev"' in last.content.decode() and 'rel="next"' not in last.content.decode()


def test_a_page_number_in_bangla_digits_opens_that_page(client, make_product, settings):
    settings.PRODUCTS_PER_PAGE = 2
    for number in range(5):
        make_product(name=f"Lentil {number}", price=Decimal(100 + number))

    response = client.get("/bn/products/", {"sort": "price_asc", "page": "৩"})

    assert response.status_code == 200
    assert names(response) == ["Lentil 4"]


@pytest.mark.parametrize("page", ["99999", "4", "৯৯৯৯৯"])
def test_a_page_past_the_end_is_not_found(client, make_product, settings, page):
    settings.PRODUCTS_PER_PAGE = 2
    for _ in range(5):
        make_product()

    assert client.get("/products/", {"page": page}).status_code == 404


@pytest.mark.parametrize(
    ("params", "message", "shown"),
    [
        ({"page": "abc"}, "is not a page number", 3),
        ({"page": "0"}, "is not a page number", 3),
        ({"page": "-3"}, "is not a page number", 3),
        ({"page": "²"}, "is not a page number", 3),
        ({"page": "①"}, "is not a page number", 3),
        ({"page": "1²"}, "is not a page number", 3),
        ({"min_price": "-5"}, "greater than or equal to 0", 3),
        ({"min_price": "cheap"}, "Enter a number", 3),
        ({"max_price": "1e400"}, "less than or equal to", 3),
        ({"max_price": "NaN"}, "Enter a number", 3),
        ({"min_price": "Infinity"}, "Enter a number", 3),
        ({"min_price": "-sNaN"}, "Enter a number", 3),
        ({"max_price": "1e999999"}, "less than or equal to", 3),
        ({"min_price": "500", "max_price": "100"}, "maximum price is below the minimum", 1),
        ({"sort": "bogus"}, "Select a valid choice", 3),
        ({"category": "no-such"}, "Select a valid choice", 3),
        ({"q": "চাল" * 2000}, "at most 200 characters", 3),
    ],
)
def test_bad_parameters_show_the_list_with_a_message_instead_of_failing(
    client, shelf, params, message, shown
):
    response = client.get("/products/", params)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(names(response)) == shown  # the bad filter is dropped, the good ones kept


def test_product_list_runs_a_constant_number_of_queries_whatever_the_page_size(
    client, make_product, settings, django_assert_max_num_queries
):
    settings.PRODUCTS_PER_PAGE = 40
    for _ in range(40):
        make_product()

    with django_assert_max_num_queries(6):
        response = client.get("/products/")

    assert len(names(response)) == 40


def test_a_warm_cache_serves_the_list_and_detail_with_one_query_for_the_live_stock(
    client, shelf, django_assert_num_queries
):
    client.get("/products/?sort=name")
    client.get(f"/products/{shelf['miniket'].slug}/")

    with django_assert_num_queries(1) as listing_queries:
        listing = client.get("/products/?sort=name")
    with django_assert_num_queries(1) as detail_queries:
        detail = client.get(f"/products/{shelf['miniket'].slug}/")

    assert listing.status_code == 200 and detail.status_code == 200
    for captured in (listing_queries, detail_queries):
        assert captured.captured_queries[0]["sql"].startswith("SELECT id, stock FROM shop_product")


def test_a_changed_price_or_stock_shows_on_the_next_request(
    client, shelf, django_capture_on_commit_callbacks
):
    miniket = shelf["miniket"]
    client.get("/products/")
    client.get(f"/products/{miniket.slug}/")

    with django_capture_on_commit_callbacks(execute=True):
        miniket.price = Decimal("399.00")
        miniket.stock = 2
        miniket.save()

    listing = client.get("/products/").content.decode()
    detail = client.get(f"/products/{miniket.slug}/").content.decode()
    assert "৳399.00" in listing and "৳420.00" not in listing
    assert "৳399.00" in detail and "Only 2 left" in detail


def test_product_detail_shows_price_compare_at_and_the_add_to_cart_form(
    client, make_product, django_assert_max_num_queries
):
    product = make_product(
        name="Jamdani Saree", price=Decimal("6500.00"), compare_at_price=Decimal("8000.00")
    )

    with django_assert_max_num_queries(5):
        response = client.get(f"/products/{product.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "৳6,500.00" in html
    assert "<del" in html and "৳8,000.00" in html
    assert "In stock" in html
    assert 'name="quantity"' in html and "Add to cart" in html
    assert f'<link rel="canonical" href="http://testserver/products/{product.slug}/">' in html
    assert "<title>Jamdani Saree · ৳6,500.00 · DhakaCart</title>" in html


@pytest.mark.parametrize(
    ("stock", "state"),
    [(50, "In stock"), (6, "In stock"), (5, "Only 5 left"), (1, "Only 1 left"), (0, "Out of stock")],
)
def test_product_detail_states_the_stock(client, make_product, stock, state):
    product = make_product(stock=stock)

    html = client.get(f"/products/{product.slug}/").content.decode()

    assert state in html
    assert ("Add to cart" in html) == (stock > 0)


def test_inactive_or_unknown_products_are_not_found(client, shelf):
    assert client.get(f"/products/{shelf['retired'].slug}/").status_code == 404
    assert client.get(f"/products/{shelf['orphan'].slug}/").status_code == 404
    assert client.get("/products/no-such-thing/").status_code == 404


def test_bangla_pages_show_bangla_names(client, shelf):
    response = client.get(f"/bn/products/{shelf['hilsa'].slug}/")

    html = response.content.decode()
    assert "<h1>পদ্মার ইলিশ ১ কেজি</h1>" in html
    assert "Padma Hilsa 1kg" in html  # the English name is kept as the subtitle


def test_every_product_has_an_image_url_clients_can_load(client, make_product):
    product = make_product()

    assert product.image_url == "/static/img/product-placeholder.svg"
    assert client.get(product.image_url).status_code == 200


def test_sitemap_lists_active_products_and_categories(client, shelf):
    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert response.status_code == 200
    assert f"/products/{shelf['miniket'].slug}/" in xml
    assert "/category/fish/" in xml
    assert shelf["retired"].slug not in xml and "/category/hidden/" not in xml


def test_robots_txt_points_at_the_sitemap_and_keeps_private_pages_out(client):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /checkout/" in text


def test_the_bangla_product_page_shows_the_bangla_description_and_falls_back_to_english(client, make_product):
    hilsa = make_product(
        name="Padma Hilsa 1kg",
        name_bn="পদ্মার ইলিশ ১ কেজি",
        description="A single Padma hilsa caught near Chandpur.",
        description_bn="চাঁদপুরের কাছে ধরা একটি পদ্মার ইলিশ।",
    )
    rui = make_product(name="Rui Fish 1kg", description="Fresh rui from Mymensingh.")

    bangla = client.get(f"/bn/products/{hilsa.slug}/").content.decode()
    english = client.get(f"/products/{hilsa.slug}/").content.decode()
    fallback = client.get(f"/bn/products/{rui.slug}/").content.decode()

    assert '<div class="product-description"><p>চাঁদপুরের কাছে ধরা একটি পদ্মার ইলিশ।</p></div>' in bangla
    assert '<meta name="description" content="চাঁদপুরের কাছে ধরা একটি পদ্মার ইলিশ।">' in bangla
    assert "Chandpur" not in bangla
    assert "<p>A single Padma hilsa caught near Chandpur.</p>" in english and "চাঁদপুরের" not in english
    assert "<p>Fresh rui from Mymensingh.</p>" in fallback


def test_search_finds_words_of_the_bangla_description(client, make_product):
    make_product(name="Padma Hilsa 1kg", description_bn="চাঁদপুরের কাছে ধরা একটি পদ্মার ইলিশ।")
    make_product(name="Rui Fish 1kg", description_bn="ময়মনসিংহের পুকুরের তাজা রুই।")

    response = client.get("/bn/products/", {"q": "চাঁদপুরের"})

    assert names(response) == ["Padma Hilsa 1kg"]
