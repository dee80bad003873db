"""Coordinators' certificate workspace in the Wagtail admin: list, revoke, reissue, history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from credentials.certificates import rendering, services
from credentials.certificates.codes import normalise_code
from credentials.certificates.forms import (
    RegeneratePdfForm,
    ReissueForm,
    RevokeForm,
    public_revocation_wording,
)
from credentials.models import Certificate
from credentials.rules import local_date
from lms.common.exports import FilteredExportNameMixin
from lms.common.forms import form_add_service_error
from lms.common.history import SimpleHistoryViewSetMixin

ACTIONS = {
    "revoke": ("Revoke", RevokeForm),
    "reissue": ("Reissue", ReissueForm),
    "regenerate": ("Regenerate the PDF of", RegeneratePdfForm),
}
CONFIRMED_FIELD = "confirmed"
REVOKED_MESSAGE = 'Certificate {code} revoked. Its verification page now says: "{wording}"'
REISSUED_MESSAGE = (
    "Certificate {old} reissued as {new}, printed for {name}. {old} now shows as replaced."
)
REGENERATED_MESSAGE = (
    "The PDF of certificate {code} was made again. Its holder can download it, and copies "
    "downloaded before it went missing still verify."
)


def _status(certificate):
    return certificate.status_on(local_date(timezone.now())).label


def _pdf_missing(certificate) -> bool:
    """Rendered once, and its file no longer in storage."""
    return bool(certificate.pdf_sha256) and not (
        certificate.pdf.name and certificate.pdf.storage.exists(certificate.pdf.name)
    )


class CertificateActionView(WagtailAdminTemplateMixin, TemplateView):
    """Revoke (reason and public category), reissue (new printed name and reason), or make a
    missing PDF again."""

    template_name = "certificates/admin/action_form.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, pk=None, action=None, **kwargs):
        if action not in ACTIONS or not request.user.has_perm("credentials.change_certificate"):
            raise PermissionDenied
        self.action = action
        self.object = get_object_or_404(Certificate.objects.select_related("holder"), pk=pk)
        form_class = ACTIONS[action][1]
        initial = {"holder_name": self.object.holder_name} if action == "reissue" else None
        self.form = form_class(request.POST if request.method == "POST" else None, initial=initial)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{ACTIONS[self.action][0]} certificate"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": reverse("certificates_admin:index"), "label": "Certificates"},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "form": self.form,
                "action": self.action,
                "action_label": ACTIONS[self.action][0],
                "status": _status(self.object),
                "button_label": "Regenerate PDF"
                if self.action == "regenerate"
                else ACTIONS[self.action][0],
                "pdf_missing": _pdf_missing(self.object),
            }
        )
        return context

    def _category_label(self, data) -> str:
        return str(dict(self.form.fields["category"].choices)[data["category"]])

    def _confirm_revoke(self, data):
        """The step between the form and the revoke: what the public will read from now on."""
        context = self.get_context_data()
        context.update(
            {
                "confirming": True,
                "public_wording": public_revocation_wording(self._category_label(data)),
                "carried": [("category", data["category"]), ("reason", data["reason"])],
            }
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        if self.form.is_valid():
            data = self.form.cleaned_data
            try:
                if self.action == "revoke":
                    if CONFIRMED_FIELD not in request.POST:
                        return self._confirm_revoke(data)
                    services.certificate_revoke(
                        certificate=self.object,
                        by=request.user,
                        reason=data["reason"],
                        category=data["category"],
                    )
                    message = REVOKED_MESSAGE.format(
                        code=self.object.formatted_code,
                        wording=public_revocation_wording(self._category_label(data)),
                    )
                elif self.action == "regenerate":
                    rendering.certificate_pdf_regenerate(certificate=self.object, by=request.user)
                    message = REGENERATED_MESSAGE.format(code=self.object.formatted_code)
                else:
                    new = services.certificate_reissue(
                        certificate=self.object,
                        by=request.user,
                        holder_name=data["holder_name"],
                        reason=data["reason"],
                    )
                    message = REISSUED_MESSAGE.format(
                        old=self.object.formatted_code, new=new.formatted_code, name=new.holder_name
                    )
            except ValidationError as error:
                form_add_service_error(self.form, error)
            else:
                messages.success(request, message)
                return redirect("certificates_admin:index")
        return self.render_to_response(self.get_context_data(), status=400)


class ActionsColumn(Column):
    cell_template_name = "certificates/admin/actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["instance"] = instance
        context["current"] = not (instance.revoked_at or instance.superseded_at)
        context["pdf_missing"] = _pdf_missing(instance)
        return context


class CertificateInspectView(InspectView):
    """One certificate, with Revoke and Reissue in its header while it is current."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not (self.object.revoked_at or self.object.superseded_at):
            buttons += [
                Button(
                    "Revoke",
                    url=action_url(self.object, "revoke"),
                    icon_name="circle-xmark",
                    priority=10,
                ),
                Button(
                    "Reissue",
                    url=action_url(self.object, "reissue"),
                    icon_name="rotate",
                    priority=20,
                ),
            ]
        buttons.append(
            Button(
                "History",
                url=reverse("certificates_admin:history", args=[self.object.pk]),
                icon_name="history",
                priority=40,
            )
        )
        return buttons


class NoEditView(EditView):
    """Issued certificates are never edited field by field: revoke or reissue them instead."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class CertificateIndexView(FilteredExportNameMixin, IndexView):
    """The list, with no "Add" button (certificates are issued by completing a track); a code
    searched as printed, with dashes, finds its certificate; exports named after the filters."""

    export_basename = "certificates"

    def search_queryset(self, queryset):
        code = normalise_code(self.search_query) if self.search_query else None
        if code is not None:
            return queryset.filter(code=code)
        return super().search_queryset(queryset)

    def get_add_url(self):
        return None


class NoCreateView(CreateView):
    """Certificates are issued by completing a track, never typed in."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class CertificateViewSet(SimpleHistoryViewSetMixin, ModelViewSet):
    model = Certificate
    name = "certificates_admin"
    url_prefix = "certificates"
    menu_label = "Certificates"
    icon = "doc-full"
    add_to_admin_menu = True
    menu_order = 310
    index_view_class = CertificateIndexView
    add_view_class = NoCreateView
    edit_view_class = NoEditView
    inspect_view_class = CertificateInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields: list[str] = []
    list_display = [
        # The name opens Inspect, where the certificate's actions are (never an edit form).
        TitleColumn(
            "holder_name",
            label="Name as printed",
            get_url=lambda certificate: reverse(
                "certificates_admin:inspect", args=[certificate.pk]
            ),
        ),
        Column("title", label="Certificate"),
        Column("formatted_code", label="Code"),
        Column("issued_on", label="Issued"),
        Column("status", label="Status", accessor=_status),
        ActionsColumn("actions", label="Actions", accessor="pk"),
    ]
    list_filter = ["issued_on", "revocation_category"]
    list_export = ["holder_name", "title", "formatted_code", "issued_on", "expires_on", "hours"]
    search_fields = ["holder_name", "code", "holder__email"]
    inspect_view_fields = [
        "holder_name",
        "title",
        "hours",
        "issued_on",
        "expires_on",
        "public_verification",
        "revoked_at",
        "revocation_category",
        "revocation_reason",
        "superseded_at",
        "superseded_by",
        "pdf_sha256",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("action/<int:pk>/<str:action>/", CertificateActionView.as_view(), name="action"),
        ]


def action_url(certificate, action: str) -> str:
    return reverse("certificates_admin:action", args=[certificate.pk, action])
