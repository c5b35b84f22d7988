from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context, language: str) -> str:
    """This page's address in `language`, for the switcher's `next`.

    set_language translates `next` itself only when it resolves in the language of the
    switching request (cookie, else browser), so someone who reached /bn/ by a link with an
    English browser would stay on the Bangla page. Here the page's own language is active.
    """
    return translate_url(context["request"].get_full_path(), language)
