from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from dhakacart.paging import page_number

from .filters import ProductListFilter
from .fragments import find_current_fragment
from .parameters import LIST_PAGE, PRODUCT_PAGE, keep_understood_parameters
from .sections import product_section_contexts
from .selectors import (
    PageOutOfRange,
    get_category,
    get_product,
    get_product_page,
    list_categories,
    list_new_arrivals,
    live_stock,
    shown_stock,
    stocked,
)

MAX_QUANTITY = 99  # a cart line's most (checkout.cart.MAX_QUANTITY, a layer above)


def category_crumbs(category, *, current=False) -> list[dict]:
    """Breadcrumbs down to a category: All products › parent › category."""
    crumbs = [{"name": _("All products"), "url": reverse("shop:product_list")}]
    if category.parent_id:
        crumbs.append({"name": category.parent.display_name, "url": category.parent.get_absolute_url()})
    crumbs.append({"name": category.display_name, "url": None if current else category.get_absolute_url()})
    return crumbs


class CachedPageView(TemplateView):
    """A catalogue page served as cached HTML (shop.fragments) when the cached copy is current:
    then its context (filters, the products and their data) is not built at all.

    Query parameters other than `query_parameters` are dropped first (shop.parameters), so they
    share the cached page of those the page understands."""

    fragment_name = ""
    query_parameters: tuple[str, ...] = ()

    def get(self, request, *args, **kwargs):
        keep_understood_parameters(request, self.query_parameters)
        page = find_current_fragment(request, self.fragment_name)
        if page is not None:
            holes = self.hole_context_of_cached_page(page)
            if holes is not None:
                return self.render_to_response(
                    {"fragment_name": self.fragment_name, "fragment_page": page, "hole_context": holes}
                )
        return super().get(request, *args, **kwargs)

    def hole_context_of_cached_page(self, page: dict) -> dict | None:
        """What the page's holes need besides HOLE_VARIABLES when it is served from the cache
        (the same as its context's `hole_context` when rendered); None renders it afresh."""
        return {}


class HomeView(CachedPageView):
    template_name = "shop/home.html"
    fragment_name = "home"

    def get_context_data(self, **kwargs):
        categories = list_categories()
        new_arrivals = stocked([product.pk for product in list_new_arrivals()])
        return super().get_context_data(
            categories=[category for category in categories if category.parent_id is None],
            new_arrivals=new_arrivals,
            fragment_name=self.fragment_name,
            fragment_products=new_arrivals,
            **kwargs,
        )


def _page_number(raw: str | None) -> tuple[int, str | None]:
    """The requested page, or page 1 with a note when the value is not a positive number."""
    if raw in (None, ""):
        return 1, None
    number = page_number(raw)
    if number is not None:
        return number, None
    return 1, _("“%(page)s” is not a page number, so here is the first page.") % {"page": raw[:20]}


class ProductListView(CachedPageView):
    """/products/ and /category/<slug>/: filters, search, sort and pagination in the URL."""

    template_name = "shop/product_list.html"
    fragment_name = "product_list"
    query_parameters = LIST_PAGE

    def get_context_data(self, **kwargs):
        category = None
        if "slug" in self.kwargs:
            category = get_category(self.kwargs["slug"])
            if category is None:
                raise Http404(_("No such category."))
        filterset = ProductListFilter(self.request.GET, category=category)
        number, page_note = _page_number(self.request.GET.get("page"))
        try:
            page = get_product_page(filterset, number)
        except PageOutOfRange:
            raise Http404(_("That page is past the end of the list.")) from None
        notes = filterset.problems() + ([page_note] if page_note else [])
        products = stocked(page.product_ids)
        return super().get_context_data(
            fragment_name=self.fragment_name,
            fragment_products=products,
            products=products,
            category=category,
            crumbs=category_crumbs(category, current=True) if category else [],
            form=filterset.form,
            filters=filterset.values(),
            page=page,
            notes=notes,
            **kwargs,
        )


class ProductDetailView(CachedPageView):
    """One product; its buy box and review form are holes, everything else is cached."""

    template_name = "shop/product_detail.html"
    fragment_name = "product_detail"
    query_parameters = PRODUCT_PAGE

    def get_context_data(self, **kwargs):
        product = get_product(self.kwargs["slug"])
        if product is None:
            raise Http404(_("No such product."))
        return super().get_context_data(
            fragment_name=self.fragment_name,
            fragment_products=live_stock([product]),
            product=product,
            sections=product_section_contexts(self.request, product),
            crumbs=[*category_crumbs(product.category), {"name": product.display_name}],
            hole_context=self.buy_box_context(product),
            **kwargs,
        )

    def hole_context_of_cached_page(self, page: dict) -> dict | None:
        product = get_product(self.kwargs["slug"])
        if product is None:
            return None
        product.stock = page["stock"].get(product.pk, 0)  # read with the page's stock states
        return self.buy_box_context(product)

    @staticmethod
    def buy_box_context(product) -> dict:
        """The buy box and the review form's variables. The quantity's upper bound is the stock
        only where the page shows it in figures ("only 3 left"), so the box changes only with
        the stock states the page is cached under; asking for more than there is gets the
        cart's own answer ("only N left")."""
        shown = shown_stock(product.stock)
        return {"product": product, "max_quantity": shown if shown is not None else MAX_QUANTITY}


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cart/",
        "Disallow: /checkout/",
        "Disallow: /accounts/",
        "Disallow: /orders/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
