"""The quarterly participant list a PCB-approved provider sends to PCB (../shared/DOMAIN.md,
"provider duties"): every participant who completed an approved track in a chosen quarter.

PCB publishes no fixed column layout; the list gives what PCB asks for, in this order: name,
email, training title (the exact approved title), completion date and hours (the approved hours).
The program's PCB provider number (program settings) is in the file's name and the page's heading.
Only completions on or after the track's approval date are PCB-approved, so only those are listed.
"""

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.text import slugify

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from content.models import ProgramSettings
from lms.common.quarters import Quarter, recent_quarters
from lms.training.models import ModuleCompletion, TrackCompletion, TrackPage

# PCB's participant list: the columns and their order (name, email, title, date, hours).
COLUMNS = [
    ("name", "Name"),
    ("email", "Email"),
    ("training_title", "Training title"),
    ("completion_date", "Completion date"),
    ("hours", "Hours"),
]


@dataclass(frozen=True)
class ParticipantRow:
    name: str
    email: str
    training_title: str
    completion_date: str
    hours: Decimal


def participant_rows(*, quarter: Quarter, tracks) -> list[ParticipantRow]:
    """Every PCB-approved completion of the given tracks in the quarter, in completion order."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(quarter.first_day, time.min, tzinfo=zone)
    end = datetime.combine(quarter.following.first_day, time.min, tzinfo=zone)
    rows = []
    for completion in (
        TrackCompletion.objects.filter(
            track__in=tracks, completed_at__gte=start, completed_at__lt=end
        )
        .select_related("user", "track")
        .order_by("completed_at", "pk")
    ):
        track = completion.track
        completed_on = timezone.localdate(completion.completed_at)
        if not track.pcb_approval_covers(completed_on) or track.pcb_approved_hours is None:
            continue
        rows.append(
            ParticipantRow(
                name=completion.user.get_full_name() or completion.user.email,
                email=completion.user.email,
                training_title=track.pcb_approved_title,
                completion_date=completed_on.isoformat(),
                hours=track.pcb_approved_hours,
            )
        )
    return rows


class ParticipantFilterSet(WagtailFilterSet):
    quarter = django_filters.ChoiceFilter(
        label="Quarter", choices=[], method="filter_nothing", empty_label="This quarter"
    )
    track = django_filters.ModelChoiceFilter(
        label="Approved track",
        queryset=TrackPage.objects.none(),
        method="filter_nothing",
        empty_label="Every approved track",
    )

    class Meta:
        model = TrackPage
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["quarter"].extra["choices"] = [
            (str(quarter), quarter.label) for quarter in recent_quarters(timezone.localdate())
        ]
        self.filters["track"].queryset = TrackPage.pcb_approved()

    def filter_nothing(self, queryset, name, value):
        return queryset  # the report reads both values itself


class ParticipantListReport(ReportView):
    """The quarterly participant list for PCB, on screen and as CSV or XLSX."""

    page_title = "PCB quarterly participant list"
    header_icon = "group"
    index_url_name = "lms_pcb:participants"
    index_results_url_name = "lms_pcb:participants_results"
    filterset_class = ParticipantFilterSet
    permission_policy = ModelPermissionPolicy(ModuleCompletion)
    permission_required = "view"
    paginate_by = 200
    columns = [Column(name, label=label) for name, label in COLUMNS]
    list_export = [name for name, _ in COLUMNS]
    export_headings = dict(COLUMNS)

    def _choices(self) -> tuple[Quarter, list[TrackPage]]:
        filters = self.filters
        data = filters.form.cleaned_data if filters is not None and filters.is_valid() else {}
        quarter_text = data.get("quarter")
        quarter = (
            Quarter.parse(quarter_text)
            if quarter_text
            else Quarter.containing(timezone.localdate())
        )
        track = data.get("track")
        return quarter, [track] if track else list(TrackPage.pcb_approved())

    def get_page_subtitle(self):
        number = ProgramSettings.provider_number()
        name = ProgramSettings.program_name()
        return f"{name}, PCB provider number {number}" if number else name

    def get_filename(self):
        """pcb-participants-provider-<number>-<quarter>-<track>: the provider number is in the
        name, not a column, so the columns stay in PCB's order."""
        quarter, tracks = self._choices()
        which = tracks[0].slug if len(tracks) == 1 else "every-approved-track"
        number = slugify(ProgramSettings.provider_number())
        provider = f"provider-{number}-" if number else ""
        return f"pcb-participants-{provider}{quarter}-{which}"

    def get_queryset(self):
        return TrackPage.pcb_approved()

    def get_filtered_queryset(self):
        if self.filters is not None and not self.filters.is_valid():
            return []
        quarter, tracks = self._choices()
        return participant_rows(quarter=quarter, tracks=tracks)


participant_urls = (
    [
        path("", ParticipantListReport.as_view(), name="participants"),
        path(
            "results/",
            ParticipantListReport.as_view(results_only=True),
            name="participants_results",
        ),
    ],
    "lms_pcb",
)


def participant_url_patterns():
    return [path("pcb-participants/", include(participant_urls))]


class ParticipantMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(ModuleCompletion).user_has_permission(request.user, "view")


def participant_menu_item():
    return ParticipantMenuItem(
        "PCB participant list",
        reverse("lms_pcb:participants"),
        icon_name="group",
        order=130,
    )
