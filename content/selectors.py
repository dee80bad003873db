"""Reads for the public site: search that never lists a page the visitor may not open."""

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


def page_search(*, request, query: str) -> list[Page]:
    """Live pages matching the query that this request may open, best first."""
    query = query.strip()
    if not query:
        return []
    results = Page.objects.live().specific().search(query)[:SEARCH_CANDIDATES]
    return [page for page in results if page_is_open_to(page, request)]
