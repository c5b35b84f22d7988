"""Rules for postal addresses in Bangladesh, shared by saved addresses and orders."""

import re
import unicodedata

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_postcode = RegexValidator(
    r"^[0-9]{4}$", message=_("A postcode has four digits, e.g. 1207."), code="invalid_postcode"
)


# Words that name Dhaka city: Dhaka (any spelling the shoppers use) and its two city corporations.
DHAKA_CITY_WORDS = frozenset({"dhaka", "ঢাকা", "dncc", "dscc"})
# Words that put an address outside the city whatever else it says: the district or division
# (bigger than the city), and the outskirts and towns around it that have their own fee.
OUTSIDE_DHAKA_WORDS = frozenset(
    unicodedata.normalize("NFC", word)
    for word in {
        "district", "zila", "zilla", "jela", "division", "জেলা", "বিভাগ",
        "savar", "সাভার", "ashulia", "আশুলিয়া", "hemayetpur", "হেমায়েতপুর", "dhamrai", "ধামরাই",
        "keraniganj", "কেরানীগঞ্জ", "nawabganj", "নবাবগঞ্জ", "dohar", "দোহার",
        "gazipur", "গাজীপুর", "tongi", "টঙ্গী", "narayanganj", "নারায়ণগঞ্জ",
        "fatullah", "ফতুল্লা", "siddhirganj", "সিদ্ধিরগঞ্জ", "rupganj", "রূপগঞ্জ", "purbachal", "পূর্বাচল",
    }
)  # fmt: skip
_SEPARATORS = re.compile(r"[\s,.;:()/#'\"\-–—0-9০-৯]+")


def place_words(text: str) -> list[str]:
    """The words of a place name, compared case- and spelling-blind: "Mirpur-10, DHAKA 1216" →
    ["mirpur", "dhaka"]. Digits (postcodes, road numbers, Latin or Bangla) are not words."""
    normalised = unicodedata.normalize("NFC", text).casefold()
    return [word for word in _SEPARATORS.split(normalised) if word]


def is_inside_dhaka(*, area: str, city: str) -> bool:
    """Whether an address is inside Dhaka for delivery: the one rule every door (the checkout
    page, API v1, the legacy API) takes, through orders' zone_for_address.

    Inside Dhaka means the city itself: the areas of the Dhaka North and South City
    Corporations. An address is inside when its area or city names Dhaka ("Dhaka", "ঢাকা",
    "Dhaka-1216", "Old Dhaka", "Dhaka Cantonment", "DNCC"/"DSCC") and names nothing outside it.
    It is outside when it names the district or division rather than the city ("Dhaka
    District", "ঢাকা জেলা", "Dhaka Division": both are far bigger than the city), or any of the
    outskirts and neighbouring towns: Savar, Ashulia, Hemayetpur, Dhamrai, Keraniganj,
    Nawabganj, Dohar, Gazipur and Tongi, Narayanganj, Fatullah, Siddhirganj, Rupganj and
    Purbachal. Every other city (Chattogram, Sylhet, ...) is outside, and so is an address
    that names no city at all. The street line is not read: street names ("Savar Road") say
    nothing about where the house is.
    """
    words = {*place_words(area), *place_words(city)}
    return bool(words & DHAKA_CITY_WORDS) and not words & OUTSIDE_DHAKA_WORDS
