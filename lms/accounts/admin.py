"""Mentee invitations in the Wagtail admin, for coordinators: invite, and the list of every
invitation with what became of it, where an open one is revoked and any unaccepted one resent.

The writes are the accounts services' (the mail goes through the task worker, as on the
invitation page); this module adds the admin's page, its menu item and its URLs.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.accounts import selectors, tasks
from lms.accounts import services as accounts
from lms.accounts.forms import InvitationForm
from lms.accounts.models import Invitation
from lms.common.forms import service_error_text

PERMISSION = "lms.add_invitation"
LISTED = 100  # the newest invitations shown; older ones are kept, not listed


def may_invite(user) -> bool:
    return user.has_perm(PERMISSION)


class InvitationsView(WagtailAdminTemplateMixin, TemplateView):
    """Invite a mentee by email (refused while the address has an open invitation, told when it
    has an account), and every invitation below with its true state and its actions."""

    template_name = "accounts/admin/invitations.html"
    page_title = "Invitations"
    header_icon = "mail"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not may_invite(request.user):
            raise PermissionDenied
        self.form = InvitationForm(request.POST if request.method == "POST" else None)
        self.refusal = ""
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": "", "label": "Invitations"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        rows = []
        for invitation in selectors.invitations_all()[:LISTED]:
            state, label = selectors.invitation_state(invitation, now=now)
            rows.append(
                {
                    "invitation": invitation,
                    "state": state,
                    "label": label,
                    "revocable": state == "open",
                    "resendable": state in ("open", "expired", "revoked"),
                }
            )
        context.update(
            {
                "form": self.form,
                "rows": rows,
                "listed": LISTED,
                "days": settings.INVITATION_VALID_DAYS,
                "refusal": self.refusal,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(), status=400)
        email = self.form.cleaned_data["email"]
        if open_one := selectors.open_invitation_for(email=email):
            self.form.add_error(
                "email",
                accounts.INVITATION_ALREADY_OPEN.format(
                    email=open_one.email, until=selectors.local_day(open_one.expires_at)
                ),
            )
            return self.render_to_response(self.get_context_data(), status=400)
        tasks.invitation_send.enqueue(
            email=email, created_by_id=request.user.pk, base_url=request.build_absolute_uri("/")
        )
        if selectors.email_has_account(email=email):
            messages.warning(request, accounts.INVITATION_ACCOUNT_EXISTS.format(email=email))
        else:
            messages.success(
                request,
                accounts.INVITATION_SENT.format(email=email, days=settings.INVITATION_VALID_DAYS),
            )
        return redirect("lms_invitations:index")


class InvitationActionView(InvitationsView):
    """Revoke or resend one invitation (POST only); a refusal is shown on the list, as a 400."""

    http_method_names = ["post"]
    action = ""

    def post(self, request, *args, pk=None, **kwargs):
        invitation = get_object_or_404(Invitation, pk=pk)
        try:
            if self.action == "revoke":
                accounts.invitation_revoke(invitation=invitation, by=request.user)
                message = accounts.INVITATION_REVOKED.format(email=invitation.email)
            else:
                email = accounts.invitation_resend_prepare(invitation=invitation, by=request.user)
                tasks.invitation_send.enqueue(
                    email=email,
                    created_by_id=request.user.pk,
                    base_url=request.build_absolute_uri("/"),
                )
                message = accounts.INVITATION_RESENT.format(
                    email=email, days=settings.INVITATION_VALID_DAYS
                )
        except ValidationError as error:
            self.refusal = service_error_text(error)
            self.form = InvitationForm()
            return self.render_to_response(self.get_context_data(), status=400)
        messages.success(request, message)
        return redirect("lms_invitations:index")


class InvitationsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_invite(request.user)


def invitations_menu_item():
    return InvitationsMenuItem(
        "Invitations", reverse("lms_invitations:index"), icon_name="mail", order=306
    )


def invitation_url_patterns():
    urls = [
        path("", InvitationsView.as_view(), name="index"),
        path("<int:pk>/revoke/", InvitationActionView.as_view(action="revoke"), name="revoke"),
        path("<int:pk>/resend/", InvitationActionView.as_view(action="resend"), name="resend"),
    ]
    return [path("invitations/", (urls, "lms_invitations", "lms_invitations"))]
