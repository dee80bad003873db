"""Reads for the public site: search that never lists a page the visitor may not open."""

import re

from django.db import DatabaseError

from wagtail import hooks
from wagtail.models import Page

SEARCH_CANDIDATES = 100
# Apps that gate pages of their own (the training does) register a function
# `(page, request) -> bool | None` under this hook name; False hides the page from search.
PAGE_IS_OPEN_TO_HOOK = "page_is_open_to"


def page_is_open_to(page, request) -> bool:
    """Whether this request may open the page: page privacy, then every app's own gate."""
    if not all(r.accept_request(request) for r in page.get_view_restrictions()):
        return False
    return all(fn(page, request) is not False for fn in hooks.get_hooks(PAGE_IS_OPEN_TO_HOOK))


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
