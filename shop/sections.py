"""What other apps add to the product page, without the catalogue importing them.

An app registers a section in its `AppConfig.ready`: a template of its own and a function
giving that template's context from the request and the product, reading through the app's
selectors (templates run no queries). The product view hands each section's context to the
page as a callable the template engine calls only when it renders the section: a page served
from the page cache renders no section and reads nothing for it. The page includes each
template with its context, in the order the apps were registered.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    template_name: str
    context: Callable[[HttpRequest, object], dict]


product_sections: list[Section] = []


def register_product_section(template_name: str, context: Callable[[HttpRequest, object], dict]) -> None:
    product_sections.append(Section(template_name, context))


def product_section_contexts(request: HttpRequest, product) -> list[dict]:
    """[{"template_name": …, "context": callable giving {…}}] for the product page, one a section."""
    return [
        {"template_name": section.template_name, "context": partial(_context, section, request, product)}
        for section in product_sections
    ]


def _context(section: Section, request: HttpRequest, product) -> dict:
    return {"product": product, **section.context(request, product)}
