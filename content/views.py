"""The site search page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from content.selectors import page_search

MAX_QUERY_LENGTH = 200


def search(request):
    """Search live pages; lists only pages the visitor may open."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    results = page_search(request=request, query=query)
    paginator = Paginator(results, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(request, "content/search.html", {"query": query, "page_obj": page_obj})
