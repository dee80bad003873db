"""Open Badges endpoints: public keys, issuer profile, status lists, public credentials, the
holder's downloads and the recruiter's upload check.

Everything public here is read by machines (wallets, verifiers) on other sites, so it is JSON
with `Access-Control-Allow-Origin: *`; nothing in it names a holder.
"""

import hmac
import json
import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from pyld import jsonld

from credentials.certificates import codes
from credentials.certificates import selectors as certificate_selectors
from credentials.certificates.forms import VerifyCodeForm, VerifyPdfForm
from credentials.certificates.openbadges import (
    builder,
    contexts,
    keys,
    selectors,
    services,
    verify,
)
from credentials.certificates.openbadges.encoding import ed25519_multikey
from credentials.certificates.openbadges.forms import VerifyBadgeForm
from credentials.models.certificates import Certificate

logger = logging.getLogger(__name__)

MAX_STATUS_LISTS = 10_000
UNAVAILABLE = "Open Badges are unavailable right now. Please try again later."
JSON_DUMPS = {"indent": 2, "ensure_ascii": False}


def _machine(response, *, cache="no-cache"):
    """Headers of every public machine-readable answer."""
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = cache
    return response


def _json(data, *, status=200, content_type="application/json", cache="no-cache"):
    return _machine(
        JsonResponse(data, status=status, content_type=content_type, json_dumps_params=JSON_DUMPS),
        cache=cache,
    )


def _keystore_errors(view):
    """A broken key directory (or missing JSON-LD contexts) answers 503, never a 500."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (keys.KeyStoreError, contexts.UnknownContext, jsonld.JsonLdError):
            logger.exception("Open Badges cannot sign right now")
            return _json({"error": UNAVAILABLE}, status=503)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _jwk(key: keys.PublicKey) -> dict:
    return {
        **key.jwk(),
        "kid": selectors.key_url(key.kid),
        "alg": "EdDSA",
        "use": "sig",
        "iss": selectors.issuer().id,
    }


@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def jwks(request):
    """Our public keys, current and retired, as a JWK Set at the well-known address."""
    data = {"keys": [_jwk(key) for key in keys.published_keys()]}
    return _json(data, content_type="application/jwk-set+json", cache="public, max-age=300")


@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def public_key(request, kid):
    """One public key: a JWK (the JWT `kid`) that is also a Multikey (the proof's method)."""
    key = next((k for k in keys.published_keys() if hmac.compare_digest(k.kid, kid)), None)
    if key is None:
        return _json({"error": "No such key."}, status=404)
    url = selectors.key_url(key.kid)
    document = {
        "@context": "https://w3id.org/security/multikey/v1",
        "id": url,
        "type": "Multikey",
        "controller": selectors.issuer().id,
        "publicKeyMultibase": ed25519_multikey(key.raw),
        **_jwk(key),
        "created": key.created,
    }
    if key.retired:
        document["retired"] = key.retired
    return _json(document, cache="public, max-age=300")


@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def issuer_profile(request):
    """The issuer's Profile at its id, naming the JWK Set and each key."""
    urls = [selectors.key_url(key.kid) for key in keys.published_keys()]
    data = builder.issuer_profile(selectors.issuer(), jwks_url=selectors.jwks_url(), key_urls=urls)
    return _json(data, cache="public, max-age=300")


def _status_number(number: int) -> int:
    if not 1 <= number <= MAX_STATUS_LISTS:
        raise Http404
    return number


@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def status_list(request, number):
    """The revocation list as a credential with its Data Integrity proof; fresh on every change."""
    document, _ = services.status_list_for(number=_status_number(number))
    return _json(document)


@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def status_list_jwt(request, number):
    """The same list as a VC-JWT."""
    _, token = services.status_list_for(number=_status_number(number))
    return _machine(HttpResponse(token, content_type="application/jwt"))


@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def public_credential(request, token):
    """A credential at its id, only while its holder allows public verification."""
    certificate = (
        certificate_selectors.certificate_by_token(token) if codes.is_token(token) else None
    )
    if (
        certificate is None
        or not certificate.public_verification
        or certificate.revoked_at
        or certificate.superseded_at
        or certificate.openbadge_status_index is None
    ):
        return _json({"status": "not_found"}, status=404)
    document, _ = services.openbadge_for(certificate=certificate)
    return _json(document)


def _holder_certificate(request, pk) -> Certificate:
    certificate = certificate_selectors.certificate_for_download(pk=pk, user=request.user)
    if certificate is None:
        raise Http404
    if certificate.revoked_at or certificate.superseded_at:
        raise Http404(services.NO_BADGE)
    return certificate


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def download_json(request, pk):
    """The holder's Open Badge as JSON, with its embedded proof."""
    certificate = _holder_certificate(request, pk)
    document, _ = services.openbadge_for(certificate=certificate)
    response = HttpResponse(
        json.dumps(document, **JSON_DUMPS), content_type="application/json; charset=utf-8"
    )
    return _attachment(response, f"open-badge-{certificate.code}.json")


@login_required
@require_http_methods(["GET", "HEAD"])
@_keystore_errors
def download_jwt(request, pk):
    """The holder's Open Badge as a VC-JWT."""
    certificate = _holder_certificate(request, pk)
    _, token = services.openbadge_for(certificate=certificate)
    return _attachment(
        HttpResponse(token, content_type="application/jwt"), f"open-badge-{certificate.code}.jwt"
    )


def _verify_page(request, badge_form, status, **extra):
    response = TemplateResponse(
        request,
        "certificates/verify.html",
        {"form": VerifyCodeForm(), "pdf_form": VerifyPdfForm(), "badge_form": badge_form, **extra},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


def _recipient_check(outcome: verify.Outcome, email: str) -> str:
    """ "matches", "differs" or "" (no address given, or the badge could not be trusted)."""
    if not email or outcome.status in (verify.TAMPERED, verify.NOT_OURS):
        return ""
    subject = outcome.credential.get("credentialSubject") or {}
    for identity in subject.get("identifier") or []:
        if isinstance(identity, dict) and identity.get("identityType") == "emailAddress":
            expected = builder.identity_hash(email, str(identity.get("salt", "")))
            if hmac.compare_digest(expected, str(identity.get("identityHash", ""))):
                return "matches"
    return "differs"


@require_POST
@_keystore_errors
def verify_upload(request):
    """A recruiter uploads an Open Badge: signature, issuer, status list and dates are checked."""
    allowed, wait = certificate_selectors.lookup_allowed(
        client=certificate_selectors.client_key(request)
    )
    if not allowed:
        response = _verify_page(request, VerifyBadgeForm(), 429, wait=wait)
        response["Retry-After"] = str(wait)
        return response
    form = VerifyBadgeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _verify_page(request, form, 400)
    data = form.cleaned_data["badge"].read(verify.MAX_UPLOAD_BYTES + 1)
    try:
        outcome = verify.verify(
            data,
            issuer_id=selectors.issuer().id,
            keys=selectors.published_key_urls(),
            status_bit=selectors.status_bit,
            now=timezone.now(),
        )
    except verify.BadUpload as error:
        form.add_error("badge", str(error))
        return _verify_page(request, form, 400)
    status = outcome.status
    if status in (verify.VALID, verify.EXPIRED):
        certificate = selectors.certificate_by_credential_id(outcome.credential.get("id"))
        if certificate is not None and certificate.superseded_at:
            status = "superseded"
    response = TemplateResponse(
        request,
        "certificates/openbadges/verify_result.html",
        {
            "status": status,
            "outcome": outcome,
            "facts": outcome.facts,
            "recipient": _recipient_check(outcome, form.cleaned_data.get("email") or ""),
            "checked_at": timezone.now(),
        },
        status=422 if status in (verify.TAMPERED, verify.NOT_OURS) else 200,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
