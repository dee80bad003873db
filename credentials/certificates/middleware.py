"""Anonymous verification pages answered from the shared cache before the rest of the stack.

A recruiter scanning a QR code is the busiest public path. Its answer is the same for every
anonymous visitor, so the whole response (status, headers as the full middleware stack made
them, body) is kept in the cache every app server shares, and a later anonymous request for the
same token is answered here, in one round trip to the cache, without sessions, sign-in, CSRF or
URL resolution. Only responses the view marks as public answers are kept (never a page with a
form, a cookie, or for someone signed in).

The entry is kept under the certificate's generation (caching.verification_*): any change to
the certificate moves it on, so a revocation shows on the very next request, through any app
server, even if a request that read the certificate before the change stores its answer after.
"""

import re

from django.conf import settings
from django.http import HttpResponse

from credentials.certificates import caching, codes

VERIFY_PATH = re.compile(r"^/verify/(?P<token>[^/.]{1,64})/$")
CACHEABLE = "_verification_cacheable"


def mark_cacheable(response) -> None:
    """From the view: this response is the public answer, the same for every anonymous visitor."""
    setattr(response, CACHEABLE, True)


class CachedVerificationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = VERIFY_PATH.match(request.path_info)
        if (
            match is None
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        token = match["token"]
        if not codes.is_token(token):  # the view's 404, never a cache key
            return self.get_response(request)
        generation, cached = caching.verification_cached(token)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for header, value in headers:
                response[header] = value
            return response
        response = self.get_response(request)
        if getattr(response, CACHEABLE, False) and not response.cookies:
            caching.verification_store(
                token,
                generation=generation,
                status=response.status_code,
                headers=list(response.items()),
                content=response.content,
                seconds=caching.VERIFICATION_SECONDS,
            )
        return response
