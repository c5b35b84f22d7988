from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from dhakacart.money import format_number, format_taka


@pytest.mark.parametrize(
    ("amount", "english", "bangla"),
    [
        (Decimal("420.00"), "৳420.00", "৳৪২০.০০"),
        (Decimal("1250"), "৳1,250.00", "৳১,২৫০.০০"),
        (Decimal("125000.5"), "৳1,25,000.50", "৳১,২৫,০০০.৫০"),
        (Decimal("12500000.00"), "৳1,25,00,000.00", "৳১,২৫,০০,০০০.০০"),
        (Decimal("-60.00"), "-৳60.00", "-৳৬০.০০"),
        ("0.005", "৳0.01", "৳০.০১"),
    ],
)
def test_taka_is_written_with_lakh_grouping_and_the_page_languages_digits(amount, english, bangla):
    assert format_taka(amount, "en") == english
    assert format_taka(amount, "bn") == bangla


def test_counts_are_grouped_and_written_in_bangla_digits_on_bangla_pages():
    assert [format_number(n, "en") for n in (5, 1250, 150000)] == ["5", "1,250", "1,50,000"]
    assert [format_number(n, "bn") for n in (5, 1250, 150000)] == ["৫", "১,২৫০", "১,৫০,০০০"]


def test_the_filters_follow_the_active_language():
    template = Template(
        "{% load money %}{{ price|taka }} · {{ count|number }} · {{ day|number }} · {{ none|taka }}"
    )
    context = Context({"price": Decimal("1250.00"), "count": 12, "day": "4 Dec 2026", "none": None})

    with translation.override("en"):
        english = template.render(context)
    with translation.override("bn"):
        bangla = template.render(context)

    assert english == "৳1,250.00 · 12 · 4 Dec 2026 · "
    assert bangla == "৳১,২৫০.০০ · ১২ · ৪ Dec ২০২৬ · "


def test_a_translated_sentence_wrapped_in_the_number_filter_gets_bangla_digits():
    template = Template(
        "{% load i18n money %}{% filter number %}{% blocktranslate count hours=hours %}"
        "The link works once, within {{ hours }} hour.{% plural %}"
        "The link works once, within {{ hours }} hours."
        "{% endblocktranslate %}{% endfilter %}"
    )

    with translation.override("bn"):
        html = template.render(Context({"hours": 3}))

    assert html == "লিংকটি ৩ ঘণ্টার মধ্যে একবারই কাজ করবে।"
