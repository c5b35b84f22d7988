from django import template

from dhakacart.money import format_taka

register = template.Library()


@register.filter
def taka(amount):
    """`{{ product.price|taka }}` → ৳1,250.00"""
    if amount in (None, ""):
        return ""
    return format_taka(amount)
