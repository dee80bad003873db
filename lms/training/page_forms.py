"""Editor forms of the training pages (the models name them as their `base_form_class`).

Imports no model, so that the page models can import it.
"""

from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm

from lms.training.review import publishable, review_due_on, review_state

REVIEW_LAPSED = (
    "This module's clinical review lapsed on {due:%B %-d, %Y}. Record a new sign-off (the "
    "reviewer and the date they signed off) before it is published."
)
# The buttons of Wagtail's page editor that publish, or ask someone else to publish.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class ModulePageForm(WagtailAdminPageForm):
    """Drafts save as always; publishing (or submitting for approval) a module whose review has
    lapsed is refused on the sign-off field, with everything the editor typed kept."""

    def _publishing(self) -> bool:
        workflow_action = self.data.get("workflow-action-name")
        if self.data.get("action-workflow-action") and workflow_action not in ("approve", None):
            return False  # rejecting or commenting publishes nothing
        return any(self.data.get(action) for action in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned = super().clean()
        if not self._publishing():
            return cleaned
        reviewed_on = cleaned.get("reviewed_on")
        due_on = cleaned.get("review_due_on") or (
            review_due_on(reviewed_on) if reviewed_on else None
        )
        state = review_state(reviewed_on=reviewed_on, due_on=due_on, today=timezone.localdate())
        if not publishable(state) and due_on is not None:
            self.add_error("reviewed_on", REVIEW_LAPSED.format(due=due_on))
        return cleaned
