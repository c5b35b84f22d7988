"""Product search: PostgreSQL full-text plus trigram matching, a plain match elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Greatest

# English and Bangla share one index, so no language's stemmer: the 'simple' configuration.
SEARCH_CONFIG = "simple"


def search_vector() -> SearchVector:
    # Matches the expression of the shop_product_search_fts index (migration 0008).
    return (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("name_bn", weight="A", config=SEARCH_CONFIG)
        + SearchVector("sku", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG)
        + SearchVector("description_bn", weight="C", config=SEARCH_CONFIG)
    )


def search_products(queryset: QuerySet, text: str) -> QuerySet:
    """Products matching `text`, annotated with `relevance` (higher is better).

    On PostgreSQL: whole words anywhere (full-text, web-search syntax), substrings of the
    names and SKU, and near-misses in the names ("minikit" finds "Miniket"). Elsewhere a
    case-insensitive substring match.
    """
    if connection.vendor != "postgresql":
        matches = (
            Q(name__icontains=text)
            | Q(name_bn__icontains=text)
            | Q(sku__icontains=text)
            | Q(description__icontains=text)
            | Q(description_bn__icontains=text)
        )
        return queryset.filter(matches).annotate(relevance=F("id") * 0)
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    return queryset.annotate(
        search_document=search_vector(),
        relevance=Greatest(
            SearchRank(search_vector(), query),
            TrigramWordSimilarity(text, "name"),
            TrigramWordSimilarity(text, "name_bn"),
        ),
    ).filter(
        Q(search_document=query)
        | Q(name__icontains=text)
        | Q(name_bn__icontains=text)
        | Q(sku__icontains=text)
        | Q(name__trigram_word_similar=text)
        | Q(name_bn__trigram_word_similar=text)
    )
