"""`{% absolute_uri url %}`: a URL other sites can follow (og:image), whether `url` is a path
of ours or already absolute (images on the CDN)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_uri(context, url: str) -> str:
    return context["request"].build_absolute_uri(url)
