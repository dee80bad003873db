"""The change history of any model kept with django-simple-history, in the Wagtail admin.

Any room's model viewset gains it with `SimpleHistoryViewSetMixin`: who changed what, when and
why, in place of Wagtail's log-entry history.
"""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class SimpleHistoryView(WagtailAdminTemplateMixin, TemplateView):
    """Every django-simple-history row of one object: who, when, what changed, why."""

    template_name = "common/history.html"
    header_icon = "history"
    model = None
    index_url_name = None
    edit_url_name = None

    def dispatch(self, request, *args, pk=None, **kwargs):
        opts = self.model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "History"

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {
                "url": reverse(self.index_url_name),
                "label": str(self.model._meta.verbose_name_plural).capitalize(),
            },
            {
                "url": reverse(self.edit_url_name, args=(quote(self.object.pk),)),
                "label": str(self.object),
            },
            {"url": "", "label": "History"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["rows"] = history_rows(self.object)
        return context


HISTORY_TYPES = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _display(field, value, related: dict) -> str:
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return str(related.get((field.related_model, value), f"#{value}"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(field, "upload_to"):
        return "a file"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "M j, Y g:i A")
    return str(value)


def history_rows(obj) -> list[dict]:
    """The object's history, newest first, each with its changes against the row before."""
    records = list(
        obj.history.select_related("history_user").order_by("history_date", "history_id")
    )
    model = type(obj)
    wanted = defaultdict(set)
    for record in records:
        for field in model._meta.concrete_fields:
            if field.is_relation and getattr(record, field.attname) is not None:
                wanted[field.related_model].add(getattr(record, field.attname))
    related = {
        (related_model, pk): instance
        for related_model, pks in wanted.items()
        for pk, instance in related_model._default_manager.in_bulk(pks).items()
    }
    tracked = [
        field
        for field in model._meta.concrete_fields
        if field.name not in {"id", "created_at", "updated_at"}
    ]
    rows = []
    previous = None
    for record in records:
        changes = []
        for field in tracked:
            new = getattr(record, field.attname)
            old: Any = getattr(previous, field.attname) if previous is not None else None
            if previous is None and new in (None, ""):
                continue
            if previous is None or new != old:
                changes.append(
                    {
                        "field": str(field.verbose_name).capitalize(),
                        "old": _display(field, old, related) if previous is not None else "",
                        "new": _display(field, new, related),
                    }
                )
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": HISTORY_TYPES.get(record.history_type, record.history_type),
                "changes": changes,
                "why": record.history_change_reason or "",
            }
        )
        previous = record
    rows.reverse()
    return rows


class SimpleHistoryViewSetMixin:
    """For a ModelViewSet: replace Wagtail's log-entry history with the model's
    django-simple-history rows."""

    @cached_property
    def history_view(self):
        return self.construct_view(
            SimpleHistoryView,
            model=self.model,
            index_url_name=self.get_url_name("index"),
            edit_url_name=self.get_url_name("edit"),
        )

    @cached_property
    def history_results_view(self):
        return self.history_view
