"""Reads for the public site: search that never lists a page the visitor may not open."""

import re

from django.db import DatabaseError

from wagtail.models import Page

SEARCH_CANDIDATES = 100


def page_is_open_to(page, request) -> bool:
    """Whether this request may open the page: page privacy, then any page-type gate.

    A page type may define `is_open_to(request)` (the training pages do, for their gating).
    """
    if not all(r.accept_request(request) for r in page.get_view_restrictions()):
        return False
    check = getattr(page, "is_open_to", None)
    return check(request) if check is not None else True


# Visitors type words, not search syntax: quotes, operators and control characters are dropped.
_NOT_WORDS = re.compile(r"[^\w\s'-]+", re.UNICODE)


def search_words(query: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", query).split())


def page_search(*, request, query: str) -> list[Page]:
    """Live pages matching the query that this request may open, best first."""
    words = search_words(query)
    if not words:
        return []
    try:
        results = list(Page.objects.live().specific().search(words)[:SEARCH_CANDIDATES])
    except DatabaseError:  # a query the search engine still cannot parse finds nothing
        return []
    return [page for page in results if page_is_open_to(page, request)]
