"""The client's address, as the configured number of trusted reverse proxies report it.

Each trusted proxy (nginx with `proxy_add_x_forwarded_for`) appends the address it received the
request from to X-Forwarded-For, so the client is the TRUSTED_PROXY_COUNT-th entry from the
right. Entries further left were sent by the client and are never believed. With
TRUSTED_PROXY_COUNT = 0 (the default, no proxy) the header is ignored altogether. Why this is not
django-ipware: docs/decisions/0032-client-address-behind-proxies.md.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address rate limits and the sign-in lockout count against (REMOTE_ADDR fallback)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < count:  # not through all our proxies: only the direct peer is known
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a proxy we trust wrote something that is not an address
        return remote


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address: enough to count its requests (rate limits), and
    no address is kept in the cache."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()
