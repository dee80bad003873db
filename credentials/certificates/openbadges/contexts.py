"""The JSON-LD contexts the credentials use, loaded from an installed package: never fetched.

The W3C Verifiable Credentials 2.0 context and 1EdTech's Open Badges 3.0.3 context come from
the `openbadgeslib` distribution on PyPI, which ships them as package data. They are read as
files (its code is never imported) and pinned by SHA-256: a package upgrade that changed a
context would change what signatures cover, so it stops here instead of signing differently.
See docs/decisions/0030-open-badges-credentials.md.
"""

import functools
import hashlib
import json
from importlib.metadata import PackageNotFoundError, distribution

from credentials.certificates.openbadges.builder import OB_CONTEXT, VC_CONTEXT

PACKAGE = "openbadgeslib"
FILES = {
    VC_CONTEXT: (
        "openbadgeslib/ob3/contexts/credentials-v2.json",
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    ),
    OB_CONTEXT: (
        "openbadgeslib/ob3/contexts/ob-v3p0-context-3.0.3.json",
        "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84",
    ),
}


class UnknownContext(ValueError):
    """A document names a context we do not hold; nothing is fetched, the check fails."""


@functools.cache
def load(url: str) -> dict:
    if url not in FILES:
        raise UnknownContext(f"JSON-LD context not held locally: {url[:100]}")
    path, expected = FILES[url]
    try:
        data = distribution(PACKAGE).locate_file(path).read_bytes()
    except (PackageNotFoundError, OSError) as error:
        raise UnknownContext(f"{PACKAGE} does not provide {path}") from error
    if hashlib.sha256(data).hexdigest() != expected:
        raise UnknownContext(f"{path} is not the pinned version of {url}")
    return json.loads(data)


def document_loader(url: str, options=None) -> dict:
    """pyld's documentLoader: only the pinned local contexts, for any document."""
    return {"contextUrl": None, "documentUrl": url, "document": load(url)}
