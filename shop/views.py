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
)


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
            return self.render_to_response({"fragment_name": self.fragment_name, "fragment_page": page})
        return super().get(request, *args, **kwargs)


class HomeView(CachedPageView):
    template_name = "shop/home.html"
    fragment_name = "home"

    def get_context_data(self, **kwargs):
        categories = list_categories()
        new_arrivals = live_stock(list_new_arrivals())
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
        return super().get_context_data(
            fragment_name=self.fragment_name,
            fragment_products=live_stock(page.products),
            category=category,
            crumbs=category_crumbs(category, current=True) if category else [],
            form=filterset.form,
            filters=filterset.values(),
            page=page,
            notes=notes,
            **kwargs,
        )


class ProductDetailView(TemplateView):
    template_name = "shop/product_detail.html"

    def get(self, request, *args, **kwargs):
        keep_understood_parameters(request, PRODUCT_PAGE)  # as CachedPageView does
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        product = get_product(self.kwargs["slug"])
        if product is None:
            raise Http404(_("No such product."))
        # Not a CachedPageView: its holes (the buy box, the reviews) need the product anyway.
        return super().get_context_data(
            fragment_name="product_detail",
            fragment_products=live_stock([product]),
            product=product,
            sections=product_section_contexts(self.request, product),
            crumbs=[*category_crumbs(product.category), {"name": product.display_name}],
            hole_context={
                "product": product,
                "max_quantity": min(product.stock, 99),
            },  # the buy box, the review form
            **kwargs,
        )


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
