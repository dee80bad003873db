"""Account pages that Django does not ship: registration, confirmation, invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lms.accounts import selectors
from lms.accounts import services as accounts
from lms.accounts.forms import InvitationAcceptForm, InvitationForm, MentorRegistrationForm
from lms.accounts.models import Invitation
from lms.accounts.roles import Role, user_has_role


@require_http_methods(["GET", "POST"])
def register(request):
    """Mentor self-registration. The answer is the same whether or not the email is known."""
    if request.user.is_authenticated:
        return redirect("home-redirect")
    form = MentorRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.mentor_register(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
            request=request,
        )
        return redirect("register_done")
    return render(request, "registration/register.html", {"form": form})


def register_done(request):
    """Check-your-email page, shown after every well-formed registration."""
    return render(request, "registration/register_done.html")


def register_confirm(request, uidb64, token):
    """Follow the emailed link: activate and sign in, or say the link is spent."""
    user = accounts.mentor_confirm(uidb64=uidb64, token=token)
    if user is None:
        return render(
            request,
            "registration/message.html",
            {"title": "Link not valid", "message": accounts.CONFIRMATION_INVALID},
            status=400,
        )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "Your email address is confirmed. Welcome.")
    return redirect("home-redirect")


@login_required
@permission_required("lms.add_invitation", raise_exception=True)
@require_http_methods(["GET", "POST"])
def invitation_new(request):
    """A coordinator invites a mentee; the link is mailed and shown once."""
    form = InvitationForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        link = accounts.invitation_create(
            email=form.cleaned_data["email"], created_by=request.user, request=request
        )
        form = InvitationForm()
    recent = selectors.invitations_recent(created_by=request.user)
    return render(
        request,
        "registration/invitation_new.html",
        {"form": form, "link": link, "recent": recent},
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
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
    if user_has_role(user, Role.RECRUITER):
        return redirect("certificates:verify")
    return redirect("/")


@require_POST
def keep_alive(request):
    """The idle-timeout warning's "Stay signed in": the request itself resets the idle clock
    (lms.middleware.SessionTimeoutMiddleware); 204 when signed in, 401 when not."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    return HttpResponse(status=204)
