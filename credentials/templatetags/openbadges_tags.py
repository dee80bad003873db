"""Open Badges pieces of the certificate pages: the holder's links and the recruiter's upload."""

from django import template
from django.urls import reverse

from credentials.certificates import pdf
from credentials.certificates.openbadges import builder
from credentials.certificates.openbadges.forms import VerifyBadgeForm

register = template.Library()


@register.inclusion_tag("certificates/openbadges/holder_actions.html")
def openbadge_actions(certificate, status, programme_name):
    """Download links and "Add to LinkedIn" for a certificate that can have a badge."""
    if status in ("revoked", "superseded"):
        return {"available": False}
    return {
        "available": True,
        "certificate": certificate,
        "json_url": reverse("certificates:openbadges:download_json", args=[certificate.pk]),
        "jwt_url": reverse("certificates:openbadges:download_jwt", args=[certificate.pk]),
        "linkedin_url": builder.linkedin_add_url(
            name=certificate.title,
            organization=programme_name,
            issued_on=certificate.issued_on,
            expires_on=certificate.expires_on,
            cert_url=pdf.verification_url(certificate.token),
            cert_id=certificate.formatted_code,
        ),
    }


@register.inclusion_tag("certificates/openbadges/verify_form.html", takes_context=True)
def openbadge_upload_form(context):
    """The upload form on /verify/, with its errors when the verification view re-renders it."""
    return {
        "badge_form": context.get("badge_form") or VerifyBadgeForm(),
        "csrf_token": context.get("csrf_token"),
    }
