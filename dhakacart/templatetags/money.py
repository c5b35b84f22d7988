"""The money and number filters: every price, count, quantity and date a page or e-mail shows."""

from django import template

from dhakacart.money import bangla_digits, format_number, format_taka

register = template.Library()


@register.filter
def taka(amount):
    """`{{ product.price|taka }}` → ৳1,250.00, or ৳১,২৫০.০০ on a Bangla page."""
    if amount in (None, ""):
        return ""
    return format_taka(amount)


@register.filter(is_safe=True)
def number(value):
    """`{{ count|number }}` → 1,250 or ১,২৫০; a text (a date, a translated sentence wrapped in
    `{% filter number %}`) only has its digits rewritten, which keeps it as safe as it was."""
    if value in (None, ""):
        return ""
    if isinstance(value, int):  # also the header's lazily counted cart
        return format_number(str(value))
    return bangla_digits(str(value))
