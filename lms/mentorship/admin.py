"""The coordinator-edited lists (areas of lived experience, goals, check-in topics, the interview
rubric) and the program's focuses as Wagtail model viewsets, and a menu link to the program's
coordinator pages (registered in lms/mentorship/wagtail_hooks.py)."""

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.accounts.roles import Role, user_has_role
from lms.common.today import TodayItem
from lms.mentorship import applications, selectors
from lms.mentorship import focus as focus_rules
from lms.mentorship.choices import RecoveryStage
from lms.mentorship.models import (
    CheckinTopic,
    ExperienceArea,
    Goal,
    ProgramFocus,
    RubricCriterion,
)

LIST_FIELDS = ["name", "description", "active", "sort_order"]


class ListItemViewSet(ModelViewSet):
    form_fields = LIST_FIELDS
    list_display = ["name", "description", "active", "sort_order"]
    list_filter = ["active"]
    search_fields = ["name"]
    inspect_view_enabled = True


class ExperienceAreaViewSet(ListItemViewSet):
    model = ExperienceArea
    icon = "group"
    menu_label = "Areas of lived experience"


class GoalViewSet(ListItemViewSet):
    model = Goal
    icon = "tick"
    menu_label = "Goals"


class CheckinTopicViewSet(ListItemViewSet):
    model = CheckinTopic
    icon = "list-ul"
    menu_label = "Check-in topics"


class RubricCriterionViewSet(ListItemViewSet):
    model = RubricCriterion
    icon = "form"
    menu_label = "Interview rubric"


class ProgramFocusForm(WagtailAdminModelForm):
    """A focus's defaults: stages as checkboxes, active topics (plus any retired ones it already
    has), and at least one topic. Bad values come back as field errors with what was typed."""

    stages = forms.MultipleChoiceField(
        label="Mentee stages it is for",
        choices=RecoveryStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="A new agreement for a mentee at one of these stages starts from this focus.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = list(self.instance.topics.values_list("pk", flat=True)) if self.instance.pk else []
        topics = self.fields["topics"]
        topics.queryset = (
            CheckinTopic.objects.filter(active=True) | CheckinTopic.objects.filter(pk__in=chosen)
        ).distinct()
        topics.required = True
        topics.error_messages["required"] = focus_rules.TOPIC_NEEDED
        topics.help_text = "What a pair's check-ins cover by default. At least one."


class ProgramFocusViewSet(ModelViewSet):
    model = ProgramFocus
    icon = "crosshairs"
    menu_label = "Program focuses"
    list_display = ["kind", "frequency", "meeting_minutes", "active"]
    list_filter = ["active"]
    inspect_view_enabled = True
    copy_view_enabled = False  # one row per focus: a copy could only clash with its original
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("stages"),
            FieldPanel("frequency", widget=forms.RadioSelect),
            FieldPanel("meeting_minutes"),
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            FieldPanel("active"),
            FieldPanel("sort_order"),
        ],
        base_form_class=ProgramFocusForm,
    )


class MentorshipListsGroup(ViewSetGroup):
    menu_label = "Mentorship lists"
    menu_icon = "list-ul"
    menu_order = 310
    items = (
        ExperienceAreaViewSet("mentorship_experience_areas"),
        GoalViewSet("mentorship_goals"),
        CheckinTopicViewSet("mentorship_checkin_topics"),
        RubricCriterionViewSet("mentorship_rubric_criteria"),
        ProgramFocusViewSet("mentorship_program_focuses"),
    )


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return user_has_role(request.user, Role.COORDINATOR)


def program_menu_item():
    return CoordinatorMenuItem(
        "Mentorship program",
        reverse("mentorship:coordinator_dashboard"),
        icon_name="group",
        order=305,
    )


def mentorship_today_items(request) -> list[TodayItem]:
    """Coordinators' rows on the admin home's "today" panel: applicants waiting for a decision,
    overdue check-ins, open concerns."""
    if not user_has_role(request.user, Role.COORDINATOR):
        return []
    board = selectors.coordinator_dashboard()
    dashboard = reverse("mentorship:coordinator_dashboard")
    waiting = reverse("mentorship:application_board") + applications.waiting_board_query()
    return [
        TodayItem("applicants waiting", applications.applications_waiting_count(), waiting, 45),
        TodayItem(
            "pairs overdue for a check-in", board.totals["overdue"], f"{dashboard}#overdue", 50
        ),
        TodayItem("open concerns", len(board.open_concerns), f"{dashboard}#concerns", 60),
    ]


DEACTIVATION_CONFIRMED = "deactivation_confirmed"
ACTIVE_PAIRS_WARNING = (
    "{person} is in {count} active pair(s). Deactivating the account leaves them open: "
    "reassign or end them from the program's coordinator pages."
)


def deactivation_check(request, user):
    """The before_edit_user hook: a paired account shows its pairs before it is deactivated.

    Opening the form warns; saving it with "active" cleared answers a confirmation page listing
    the pairs, with links to reassign or end each, until the admin confirms.
    """
    if request.user.pk == user.pk or not user.is_active:
        return None  # one's own form has no "active" box; an inactive account strands nothing
    pairs = selectors.active_pairings_of(user=user)
    if not pairs:
        return None
    person = user.get_full_name() or user.email
    if request.method == "GET":
        messages.warning(request, ACTIVE_PAIRS_WARNING.format(person=person, count=len(pairs)))
        return None
    if request.method != "POST" or "is_active" in request.POST:
        return None
    if DEACTIVATION_CONFIRMED in request.POST:
        return None
    carried = [
        (name, value)
        for name in request.POST
        if name != "csrfmiddlewaretoken" and not name.startswith("password")
        for value in request.POST.getlist(name)
    ]
    return TemplateResponse(
        request,
        "mentorship/admin/deactivate_confirm.html",
        {
            "page_title": f"Deactivate {person}?",
            "header_title": f"Deactivate {person}?",
            "header_icon": "warning",
            "person": person,
            "pairs": pairs,
            "carried": carried,
            "confirm_field": DEACTIVATION_CONFIRMED,
            "edit_url": request.get_full_path(),
        },
    )
