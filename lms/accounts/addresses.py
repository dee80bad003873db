"""One spelling per mailbox: how an email address is normalized before any lookup, uniqueness
check or send (registration, sign-in, password reset, invitations and the sign-in lockout).

Unicode NFKC first (fullwidth and other compatibility forms become plain letters), then
email-validator's syntax check with IDNA (UTS #46) for the domain, then lower case. An address
whose local part or a domain label mixes alphabets in a way that imitates another is refused.
"""

import unicodedata

from django.core.exceptions import ValidationError

from confusable_homoglyphs import confusables
from email_validator import EmailNotValidError, validate_email

ADDRESS_INVALID = "Enter a valid email address."
ADDRESS_MIXED_SCRIPTS = (
    "This address mixes letters from different alphabets (for example a Cyrillic "
    "\u201c\u0430\u201d among Latin letters), so it could pass for someone else's address. "
    "Type it again using the letters of one alphabet."
)


def email_normalize(address: str) -> str:
    """The one spelling of this address, or ValidationError (invalid, or mixing alphabets).

    The local part is lower-cased rather than case-folded: str.casefold turns "ß" into "ss",
    which is another mailbox, and mail must never go to an address its owner did not type.
    """
    text = unicodedata.normalize("NFKC", address or "").strip()
    try:
        valid = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError(ADDRESS_INVALID, code="invalid") from error
    local, domain = valid.local_part, valid.domain
    for part in (local, *domain.split(".")):
        if confusables.is_dangerous(part):
            raise ValidationError(ADDRESS_MIXED_SCRIPTS, code="mixed_scripts")
    return f"{local.lower()}@{domain.lower()}"


def email_canonical(address: str) -> str:
    """Like email_normalize, but never refuses: what is stored and looked up.

    An address email_normalize refuses still gets one stable spelling (NFKC, lower case), so a
    lookup finds nothing rather than failing, and every spelling of it meets the same lockout.
    """
    try:
        return email_normalize(address)
    except ValidationError:
        return unicodedata.normalize("NFKC", address or "").strip().lower()


def axes_username(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the sign-in lockout counts failures per normalized address."""
    field = "username"
    if credentials and credentials.get(field) is not None:
        raw = credentials[field]
    else:
        raw = getattr(request, "data", request.POST).get(field, "") if request else ""
    return email_canonical(str(raw))
