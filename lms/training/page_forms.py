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


# A PCB-approved track's title and hours may not change without telling PCB in writing.
LOCKED_BY_PCB_APPROVAL = ("title", "pcb_approved_title", "pcb_approved_hours")
PCB_NOT_NOTIFIED = (
    "This track is PCB-approved, so this cannot change until PCB has been told in writing. "
    'Enter the date PCB was notified under "PCB notified of a change on".'
)
PCB_NOTICE_NEEDED = "Enter the date PCB was told in writing about this change."
PCB_NOTICE_IN_FUTURE = "The date PCB was notified cannot be in the future."
PCB_NOTICE_NOT_NEW = "Enter the date of this change's notice; this date is from an earlier one."


class TrackPageForm(WagtailAdminPageForm):
    """Once a track has a complete PCB approval record, its title, approved title and approved
    hours change only with a new "PCB notified of a change on" date; page revisions keep both."""

    def clean(self):
        cleaned = super().clean()
        track = self.instance
        if track.pk is None or not track.has_pcb_approval_record:
            return cleaned
        changed = [
            name
            for name in LOCKED_BY_PCB_APPROVAL
            if name in cleaned and cleaned[name] != getattr(track, name)
        ]
        if not changed:
            return cleaned
        notified_on = cleaned.get("pcb_notified_on")
        problem = None
        if notified_on is None:
            problem = PCB_NOTICE_NEEDED
        elif notified_on > timezone.localdate():
            problem = PCB_NOTICE_IN_FUTURE
        elif track.pcb_notified_on is not None and notified_on <= track.pcb_notified_on:
            problem = PCB_NOTICE_NOT_NEW
        if problem is not None:
            for name in changed:
                self.add_error(name, PCB_NOT_NOTIFIED)
            if "pcb_notified_on" not in self.errors:
                self.add_error("pcb_notified_on", problem)
        return cleaned
