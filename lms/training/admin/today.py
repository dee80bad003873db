"""The training's rows on the admin home's "today" panel (lms/common/today.py)."""

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, TaskState, WorkflowState

from lms.accounts.roles import Role, user_has_role
from lms.common.today import TodayItem
from lms.training import selectors
from lms.training.models import ModulePage
from lms.training.review import ReviewState

NEEDS_ACTION = [ReviewState.MISSING, ReviewState.DUE_SOON, ReviewState.LAPSED]


def training_today_items(request) -> list[TodayItem]:
    """Coordinators: learners out of attempts and content awaiting their review. Editors: their
    drafts, pages in review and modules due for a clinical sign-off."""
    user = request.user
    items = []
    if user.has_perm("lms.view_modulecompletion"):
        items.append(
            TodayItem(
                "learners out of quiz attempts",
                len(selectors.learners_out_of_attempts()),
                reverse("lms_reports:learner_progress") + "?attempts=out",
                order=30,
            )
        )
    if user_has_role(user, Role.COORDINATOR) or user_has_role(user, Role.EDITOR):
        items.append(
            TodayItem(
                "pages awaiting your review",
                TaskState.objects.reviewable_by(user).count(),
                reverse("wagtailadmin_reports:workflow_tasks"),
                order=40,
            )
        )
    if user_has_role(user, Role.EDITOR):
        drafts = Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
        items += [
            TodayItem(
                "of your pages with unpublished changes",
                drafts.count(),
                reverse("wagtailadmin_explore_root") + f"?edited_by={user.pk}",
                order=70,
            ),
            TodayItem(
                "pages in review",
                WorkflowState.objects.active().count(),
                reverse("wagtailadmin_reports:workflow"),
                order=80,
            ),
            TodayItem(
                "modules due for a clinical review",
                selectors.modules_by_review_state(
                    ModulePage.objects.all(), states=NEEDS_ACTION, today=timezone.localdate()
                ).count(),
                reverse("lms_review:modules_due"),
                order=90,
            ),
        ]
    return items
