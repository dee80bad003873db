"""Second factors: who must show one and where, enrolling an authenticator app (TOTP) or a
passkey (WebAuthn) with recovery codes, and checking a code (django-otp, django-otp-webauthn).

Staff (editors, coordinators, superusers) with STAFF_MFA_REQUIRED on must pass a second factor
before the Wagtail admin and the coordinators' pages; anyone who has enrolled a factor (mentors
may opt in) must pass it before every page once signed in.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

import django_otp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from lms.accounts.models import SecondFactorReset, User
from lms.accounts.roles import STAFF_ROLES, user_has_role

RECOVERY_CODES = 10
CODE_REFUSED = (
    "That code did not work. Enter the 6-digit code your authenticator app shows now, or one "
    "of your recovery codes."
)
RESET_REASON_NEEDED = "Say why the second factor is being reset (it is recorded)."
PASSWORD_WRONG = "That is not your current password. Enter the password you sign in with."  # noqa: S105 - a message
LAST_FACTOR_KEPT = (
    "Staff accounts must keep a second factor, so this one cannot be removed. Add another "
    "(an authenticator app or a passkey) first, then remove this one."
)
# The factors a person manages on their security page, by the name in its URLs. Recovery codes
# are not one: they go with the last factor.
FACTOR_KINDS = {"app": TOTPDevice, "passkey": WebAuthnCredential}
# Where staff need a second factor; /programme/ paths redirect to /program/ first.
STAFF_PREFIXES = ("/admin/", "/program/coordinator/", "/accounts/second-factor/reset/")
# Always open, so a person can finish (or abandon) the second-factor step.
OPEN_PATHS = ("/accounts/second-factor/", "/accounts/second-factor/setup/")
# The passkey ceremonies (JSON, called from those two pages) check their own preconditions.
PASSKEY_PREFIX = "/accounts/second-factor/passkey/"
OPEN_PREFIXES = ("/accounts/logout/", "/static/", "/media/", PASSKEY_PREFIX)
# Set when a first factor is a passkey: the recovery codes are issued and shown once, next.
CODES_DUE = "second_factor_codes_due"


def user_is_staff(user) -> bool:
    return user.is_superuser or user.is_staff or any(user_has_role(user, r) for r in STAFF_ROLES)


def second_factor_redirect(user, path: str) -> str | None:
    """Where to send this signed-in request first, or None when it may go on."""
    if not user.is_authenticated or path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
        return None
    if getattr(user, "is_verified", lambda: False)():
        return None
    if user.second_factor_enrolled:
        return reverse("second_factor")
    if settings.STAFF_MFA_REQUIRED and path.startswith(STAFF_PREFIXES) and user_is_staff(user):
        return reverse("second_factor_setup")
    return None


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The authenticator being enrolled: one unconfirmed device per person, kept until confirmed
    so that reloading the page shows the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code it shows; returns fresh recovery codes
    (shown once), or None when the code is wrong. Earlier factors are replaced."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token.strip()):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user.second_factor_enrolled = True
    user.save(update_fields=["second_factor_enrolled"])
    return recovery_codes_issue(user=user)


def user_has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def passkey_registered(request) -> None:
    """A passkey was just registered (django-otp-webauthn verified it and marked the session).
    It counts as an enrolled factor; someone with no factor before gets recovery codes next."""
    user = request.user
    if not user.second_factor_enrolled:
        user.second_factor_enrolled = True
        user.save(update_fields=["second_factor_enrolled"])
        request.session[CODES_DUE] = True
    request.session.cycle_key()


@transaction.atomic
def recovery_codes_issue(*, user: User) -> list[str]:
    """Replace the person's recovery codes with RECOVERY_CODES new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_check(*, user: User, token: str):
    """The device that accepts this code (authenticator or a recovery code, which is then
    spent), or None. django-otp throttles each device after failures."""
    token = "".join(token.split())
    return django_otp.match_token(user, token) if token else None


def second_factor_login(request, device) -> None:
    """Mark this session as having passed the second factor (a new session key, too)."""
    request.session.cycle_key()
    django_otp.login(request, device)


@transaction.atomic
def second_factors_reset(*, user: User, by: User, reason: str) -> SecondFactorReset:
    """Remove every factor of this person, recording who did it and why; they enroll again at
    their next staff page. Only coordinators who passed their own second factor get here."""
    if not reason.strip():
        raise ValidationError({"reason": RESET_REASON_NEEDED})
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    user.second_factor_enrolled = False
    user.save(update_fields=["second_factor_enrolled"])
    return SecondFactorReset.objects.create(user=user, reset_by=by, reason=reason.strip())


def users_with_second_factor():
    """Everyone who has enrolled a factor, by email (for the reset page's picker)."""
    return User.objects.filter(second_factor_enrolled=True).order_by("email")


def second_factor_resets_recent(limit: int = 20):
    return SecondFactorReset.objects.select_related("user", "reset_by")[:limit]


def second_factors_of(*, user: User) -> dict:
    """A person's own confirmed factors and how many recovery codes they have left."""
    return {
        "apps": TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
        "passkeys": WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk"),
        "codes_left": StaticToken.objects.filter(device__user=user).count(),
    }


def second_factor_of(*, user: User, kind: str, pk: int):
    """This person's own confirmed factor, or None: another person's id looks like a missing
    one (the caller answers 404 for both)."""
    model = FACTOR_KINDS.get(kind)
    if model is None:
        return None
    return model.objects.filter(user=user, confirmed=True, pk=pk).first()


def _factors_left(*, user: User, removing) -> list:
    return [
        device
        for model in FACTOR_KINDS.values()
        for device in model.objects.filter(user=user, confirmed=True).order_by("pk")
        if not (type(device) is type(removing) and device.pk == removing.pk)
    ]


@transaction.atomic
def second_factor_remove(*, user: User, device, password: str):
    """Remove one of the person's own factors once they confirm their password; returns a
    factor left, or None. Staff with STAFF_MFA_REQUIRED keep at least one; with the last
    factor go the recovery codes, and sign-in is back to the password alone."""
    if not user.check_password(password):
        raise ValidationError({"password": PASSWORD_WRONG})
    User.objects.select_for_update().filter(pk=user.pk).first()  # one removal at a time
    left = _factors_left(user=user, removing=device)
    if not left and settings.STAFF_MFA_REQUIRED and user_is_staff(user):
        raise ValidationError(LAST_FACTOR_KEPT)
    device.delete()
    if not left:
        StaticDevice.objects.filter(user=user).delete()
        user.second_factor_enrolled = False
        user.save(update_fields=["second_factor_enrolled"])
        return None
    return left[0]
