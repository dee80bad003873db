"""Extra quiz attempts a coordinator grants, as a Wagtail model viewset; and the report menu."""

from django.urls import include, path, reverse

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.training.admin.reports import LearnerProgressReport, QuestionStatsReport
from lms.training.forms import GrantForm
from lms.training.models import ModuleCompletion, QuizAttemptGrant

report_urls = (
    [
        path("learners/", LearnerProgressReport.as_view(), name="learner_progress"),
        path(
            "learners/results/",
            LearnerProgressReport.as_view(results_only=True),
            name="learner_progress_results",
        ),
        path("questions/", QuestionStatsReport.as_view(), name="question_stats"),
        path(
            "questions/results/",
            QuestionStatsReport.as_view(results_only=True),
            name="question_stats_results",
        ),
    ],
    "lms_reports",
)


def report_url_patterns():
    return [path("training-reports/", include(report_urls))]


class CoordinatorReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(ModuleCompletion).user_has_permission(request.user, "view")


def learner_progress_menu_item():
    return CoordinatorReportMenuItem(
        "Learner progress", reverse("lms_reports:learner_progress"), icon_name="user", order=100
    )


def question_stats_menu_item():
    return CoordinatorReportMenuItem(
        "Quiz question statistics",
        reverse("lms_reports:question_stats"),
        icon_name="help",
        order=110,
    )


class GrantCreateView(CreateView):
    """A grant is added, never edited: the success message links to the record itself."""

    def get_initial(self):
        """The learner and quiz from the progress report's "Grant" link (?user=&quiz=), when
        they are ones the form offers; anything else is left for the coordinator to choose."""
        initial = super().get_initial()
        for name in ("user", "quiz"):
            value = self.request.GET.get(name, "")
            if value.isascii() and value.isdigit() and len(value) < 19:
                initial[name] = int(value)
        return initial

    def get_success_message(self, instance):
        left = instance.attempts
        return (
            f"{instance.user.get_full_name() or instance.user.email} may now take "
            f"\u201c{instance.quiz.title}\u201d {left} more time{'s' if left != 1 else ''}."
        )

    def get_success_buttons(self):
        url = reverse("quiz_attempt_grants:inspect", args=[self.object.pk])
        return [messages.button(url, "View the grant")]

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.granted_by = self.request.user
        instance.save()
        self.form.save_m2m()
        return instance


class QuizAttemptGrantViewSet(ModelViewSet):
    model = QuizAttemptGrant
    add_view_class = GrantCreateView
    icon = "plus-inverse"
    menu_label = "Extra quiz attempts"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["user", "quiz", "attempts", "reason", "granted_by", "granted_at"]
    inspect_view_enabled = True
    copy_view_enabled = False  # a grant is a record: copying would rewrite it through the form

    def get_form_class(self, for_update=False):
        return GrantForm
