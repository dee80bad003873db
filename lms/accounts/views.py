"""Account pages that Django does not ship: registration, confirmation, invitations; and the
password-reset request, which mails through the task worker."""

from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

import django_otp
import segno
from django_otp import DEVICE_ID_SESSION_KEY

from lms.accounts import backends, factors, selectors, tasks
from lms.accounts import services as accounts
from lms.accounts.forms import (
    EmailOnlyForm,
    InvitationAcceptForm,
    InvitationForm,
    MentorRegistrationForm,
    RegistrationConfirmForm,
    SecondFactorForm,
    SecondFactorRemoveForm,
    SecondFactorResetForm,
)
from lms.accounts.models import Invitation, Registration
from lms.accounts.roles import Role, user_has_role
from lms.common.forms import form_add_service_error
from lms.ops.client_ip import client_key
from lms.ops.ratelimit import rate_limit_hit

SIGN_UP_LIMITED = (
    "Too many requests from your connection. For everyone's safety, new sign-ups and new links "
    "are paused for a while. Try again in {minutes} minute{plural}."
)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _sign_up_limited(request, action: str) -> HttpResponse | None:
    """Count one sign-up request (a POST) from this client; the 429 page once it is over
    SIGN_UP_REQUESTS_PER_HOUR. Counted before the form is read: the answer never depends on
    the address."""
    if request.method != "POST":
        return None
    allowed, wait = rate_limit_hit(
        key=f"{action}:{client_key(request)}",
        limit=settings.SIGN_UP_REQUESTS_PER_HOUR,
        window_seconds=3600,
    )
    if allowed:
        return None
    minutes = -(-wait // 60)
    response = render(
        request,
        "registration/too_many.html",
        {"message": SIGN_UP_LIMITED.format(minutes=minutes, plural="" if minutes == 1 else "s")},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@require_http_methods(["GET", "POST"])
def register(request):
    """Mentor self-registration: name and email. The answer and the work are the same whether
    or not the email is known; the worker decides what to mail."""
    if request.user.is_authenticated:
        return redirect("home-redirect")
    if limited := _sign_up_limited(request, "register"):
        return limited
    form = MentorRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tasks.mentor_register.enqueue(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            base_url=_base_url(request),
        )
        return redirect("register_done")
    return render(request, "registration/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
def register_resend(request):
    """Send the confirmation link again. Same answer and work for every address."""
    if limited := _sign_up_limited(request, "register-again"):
        return limited
    form = EmailOnlyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tasks.mentor_register_resend.enqueue(
            email=form.cleaned_data["email"], base_url=_base_url(request)
        )
        return redirect("register_done")
    return render(request, "registration/register_resend.html", {"form": form})


def register_done(request):
    """Check-your-email page, shown after every well-formed registration or resend request."""
    return render(
        request, "registration/register_done.html", {"days": settings.REGISTRATION_VALID_DAYS}
    )


def _link_invalid(request):
    return render(
        request,
        "registration/message.html",
        {"title": "Link not valid", "message": accounts.CONFIRMATION_INVALID},
        status=400,
    )


@require_http_methods(["GET", "POST"])
def register_confirm(request, token):
    """The emailed link: the address's owner checks their name and chooses a password, and only
    then does the account exist. Opening the link changes nothing (mail scanners open links)."""
    registration = Registration.find_usable(token)
    if registration is None:
        return _link_invalid(request)
    form = RegistrationConfirmForm(
        request.POST or None,
        email=registration.email,
        initial={"first_name": registration.first_name, "last_name": registration.last_name},
    )
    if request.method == "POST" and form.is_valid():
        user = accounts.mentor_confirm(
            token=token,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
        )
        if user is None:
            return _link_invalid(request)
        login(request, user, backend=backends.PATH)
        messages.success(request, "Your email address is confirmed. Welcome.")
        return redirect("home-redirect")
    return render(
        request,
        "registration/register_confirm.html",
        {"form": form, "email": registration.email},
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, but the lookup and the mail happen in the task worker, so a known
    and an unknown address cost the request the same."""

    form_class = EmailOnlyForm  # type: ignore[assignment]  # only an address; no save()

    def form_valid(self, form):
        tasks.password_reset_mail.enqueue(
            email=form.cleaned_data["email"],
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
        )
        return HttpResponseRedirect(self.get_success_url())


@login_required
@permission_required("lms.add_invitation", raise_exception=True)
@require_http_methods(["GET", "POST"])
def invitation_new(request):
    """A coordinator invites a mentee. The task worker makes the invitation and mails it (or a
    note to an address that has an account), so the request does the same work either way; only
    this page, for coordinators, says which it was."""
    form = InvitationForm(request.POST or None)
    sent = account_exists = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if open_one := selectors.open_invitation_for(email=email):
            form.add_error(
                "email",
                accounts.INVITATION_ALREADY_OPEN.format(
                    email=open_one.email, until=selectors.local_day(open_one.expires_at)
                ),
            )
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        tasks.invitation_send.enqueue(
            email=email, created_by_id=request.user.pk, base_url=_base_url(request)
        )
        if selectors.email_has_account(email=email):
            account_exists = accounts.INVITATION_ACCOUNT_EXISTS.format(email=email)
        else:
            sent = accounts.INVITATION_SENT.format(email=email, days=settings.INVITATION_VALID_DAYS)
        form = InvitationForm()
    recent = [
        (invitation, selectors.invitation_state(invitation)[1])
        for invitation in selectors.invitations_recent(created_by=request.user)
    ]
    return render(
        request,
        "registration/invitation_new.html",
        {
            "form": form,
            "sent": sent,
            "days": settings.INVITATION_VALID_DAYS,
            "account_exists": account_exists,
            "recent": recent,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The invited mentee sets a name and password; the link then stops working."""
    if Invitation.find_usable(token) is None:
        return render(
            request,
            "registration/message.html",
            {"title": "Invitation not valid", "message": accounts.INVITATION_UNUSABLE},
            status=400,
        )
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = accounts.invitation_accept(
            token=token,
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password1"],
        )
        if user is None:
            return render(
                request,
                "registration/message.html",
                {"title": "Invitation not valid", "message": accounts.INVITATION_UNUSABLE},
                status=400,
            )
        login(request, user, backend=backends.PATH)
        messages.success(request, "Your account is ready. Welcome.")
        return redirect("home-redirect")
    return render(request, "registration/invitation_accept.html", {"form": form})


@login_required
def home_redirect(request):
    """After sign-in, each role lands where its work is."""
    user = request.user
    if user_has_role(user, Role.EDITOR) or user_has_role(user, Role.COORDINATOR):
        return redirect("wagtailadmin_home")
    if user_has_role(user, Role.MENTOR):
        return redirect("training_dashboard")
    if user_has_role(user, Role.MENTEE):
        return redirect("mentorship:mentee_home")
    if user_has_role(user, Role.CLINICIAN):
        return redirect("mentorship:clinician_home")
    if user_has_role(user, Role.RECRUITER):
        return redirect("certificates:verify")
    return redirect("/")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/accounts/home/"


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    if not request.user.second_factor_enrolled:
        return redirect("second_factor_setup")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = factors.second_factor_check(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            factors.second_factor_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", factors.CODE_REFUSED)
    return render(
        request,
        "registration/second_factor.html",
        {
            "form": form,
            "next": _next_url(request),
            "has_passkey": factors.user_has_passkey(request.user),
        },
    )


@login_required
@require_http_methods(["GET"])
def second_factor_codes(request):
    """Right after a first factor that is a passkey: the recovery codes, issued and shown once.
    Otherwise on to where the person was going."""
    if not request.session.pop(factors.CODES_DUE, False):
        return redirect(_next_url(request))
    codes = factors.recovery_codes_issue(user=request.user)
    return render(
        request,
        "registration/second_factor_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Enroll an authenticator app (staff must; anyone may), then show recovery codes once.

    Someone who already has a factor must pass it first: a password alone never replaces one.
    """
    if request.user.second_factor_enrolled and not request.user.is_verified():
        return redirect(f"{reverse('second_factor')}?{urlencode({'next': request.path})}")
    device = factors.totp_device_pending(user=request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = factors.totp_device_confirm(user=request.user, token=form.cleaned_data["token"])
        if codes is not None:
            device.refresh_from_db()
            factors.second_factor_login(request, device)
            return render(
                request,
                "registration/second_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("token", factors.CODE_REFUSED)
    return render(
        request,
        "registration/second_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": segno.make(device.config_url, micro=False).svg_inline(
                scale=4, title="QR code for your authenticator app"
            ),
            "secret": b32encode(device.bin_key).decode(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_reset(request):
    """A coordinator removes a person's second factors (lost phone and codes), with a reason
    that is recorded. Staff pages need the coordinator's own second factor first."""
    if not user_has_role(request.user, Role.COORDINATOR):
        raise PermissionDenied
    form = SecondFactorResetForm(request.POST or None, people=factors.users_with_second_factor())
    if request.method == "POST" and form.is_valid():
        try:
            factors.second_factors_reset(
                user=form.cleaned_data["user"], by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, f"The second factor of {form.cleaned_data['user']} is reset.")
            return redirect("second_factor_reset")
    return render(
        request,
        "registration/second_factor_reset.html",
        {"form": form, "resets": factors.second_factor_resets_recent()},
    )


@login_required
@require_http_methods(["GET"])
def account_security(request):
    """The person's own second factors (authenticator app, passkeys) and recovery codes left,
    each with a way to remove it."""
    return render(
        request,
        "registration/account_security.html",
        {
            **factors.second_factors_of(user=request.user),
            "must_keep_one": settings.STAFF_MFA_REQUIRED and factors.user_is_staff(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_remove(request, kind, pk):
    """Remove one of the person's own factors, after their password. Another person's factor
    answers 404, like one that does not exist."""
    device = factors.second_factor_of(user=request.user, kind=kind, pk=pk)
    if device is None:
        raise Http404
    form = SecondFactorRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        was_this_sessions = request.session.get(DEVICE_ID_SESSION_KEY) == device.persistent_id
        try:
            left = factors.second_factor_remove(
                user=request.user, device=device, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            if left is not None and was_this_sessions:
                # The session passed its second factor already; it stays passed on one that is
                # still there (the removed device can no longer be named as its proof).
                django_otp.login(request, left)
            messages.success(request, f"{device.name} is removed.")
            return redirect("account_security")
    return render(
        request,
        "registration/second_factor_remove.html",
        {"form": form, "device": device, "kind": kind},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def keep_alive(request):
    """The idle-timeout warning's "Stay signed in": the request itself resets the idle clock
    (lms.middleware.SessionTimeoutMiddleware); 204 when signed in, 401 when not."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    return HttpResponse(status=204)
