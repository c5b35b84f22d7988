from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from shop.fragments import register_hole
        from shop.sections import register_product_section

        from .product_page import review_form_hole, reviews_section

        register_product_section("reviews/partials/product_reviews.html", reviews_section)
        register_hole("reviews:write", review_form_hole)
