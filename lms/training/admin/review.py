"""Modules whose clinical review is missing, due soon or lapsed: the editors' review list."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from lms.accounts.roles import STAFF_ROLES, user_has_role
from lms.training import selectors
from lms.training.models import ModulePage
from lms.training.review import ReviewState

STATE_CHOICES = [(state.value, state.label) for state in ReviewState]


def may_review_content(user) -> bool:
    """Editors and coordinators write and approve the training, so they see its review trail."""
    return user.is_superuser or any(user_has_role(user, role) for role in STAFF_ROLES)


class ReviewFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="Review", choices=STATE_CHOICES, method="filter_state", empty_label="Needs action"
    )

    class Meta:
        model = ModulePage
        fields: list[str] = []

    def filter_state(self, queryset, name, value):
        return selectors.modules_by_review_state(
            queryset, states=[ReviewState(value)], today=timezone.localdate()
        )


class ReviewDueReport(ReportView):
    """Every module that needs a sign-off now or soon, most urgent first; filter by state."""

    page_title = "Modules due for review"
    header_icon = "doc-full"
    index_url_name = "lms_review:modules_due"
    index_results_url_name = "lms_review:modules_due_results"
    filterset_class = ReviewFilterSet
    list_export = ["title", "review_label", "reviewer_name", "reviewed_on", "review_due_on"]
    export_headings = {
        "title": "Module",
        "review_label": "Review",
        "reviewer_name": "Clinical reviewer",
        "reviewed_on": "Signed off on",
        "review_due_on": "Review due on",
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_review_content(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        state = self.request.GET.get("state") or "needing-action"
        return f"modules-review-{state}-{timezone.localdate().isoformat()}"

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="Module",
                url_name="wagtailadmin_pages:edit",
            ),
            Column("review_label", label="Review"),
            Column("reviewer_name", label="Clinical reviewer"),
            Column("reviewed_on", label="Signed off on"),
            Column("review_due_on", label="Review due on"),
        ]

    def get_queryset(self):
        today = timezone.localdate()
        queryset = ModulePage.objects.order_by("review_due_on", "path")
        if not self.request.GET.get("state"):
            queryset = selectors.modules_by_review_state(
                queryset,
                states=[ReviewState.MISSING, ReviewState.DUE_SOON, ReviewState.LAPSED],
                today=today,
            )
        return queryset

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for module in object_list:
            module.review_label = module.review_state(today).label
        return object_list


review_urls = (
    [
        path("", ReviewDueReport.as_view(), name="modules_due"),
        path("results/", ReviewDueReport.as_view(results_only=True), name="modules_due_results"),
    ],
    "lms_review",
)


def review_url_patterns():
    return [path("training-review/", include(review_urls))]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review_content(request.user)


def review_menu_item():
    return ReviewMenuItem(
        "Modules due for review", reverse("lms_review:modules_due"), icon_name="doc-full", order=120
    )
