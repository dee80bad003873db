"""Listeners for lms signals (lms never imports credentials; credentials listens)."""

import logging

from django.dispatch import receiver

from lms.common.files import private_file_missing
from lms.training.signals import module_completed

logger = logging.getLogger(__name__)


@receiver(module_completed, dispatch_uid="credentials.ce_entry_from_module_completion")
def ce_entry_from_module_completion(
    sender, *, user, module, hours, ce_topic, completed_at, pcb_approved=False, **kwargs
):
    """A completed platform module becomes a CE entry, once per person and module.

    The completion itself is already committed: a failure here is logged, never passed back to
    the learner finishing a module (the entry can be re-created by sending the signal again).
    """
    from credentials.services import ce_entry_record_module_completion

    try:
        ce_entry_record_module_completion(
            user=user,
            module=module,
            hours=hours,
            ce_topic=ce_topic,
            completed_at=completed_at,
            pcb_approved=pcb_approved,
        )
    except Exception:
        logger.exception("Could not record the CE entry for module %s", getattr(module, "pk", None))


@receiver(private_file_missing, dispatch_uid="credentials.missing_file_for_the_digest")
def missing_file_for_the_digest(sender, *, name, label, path="", **kwargs):
    """A private file missing from storage goes into the coordinators' next digest.

    Never passed back to the person who asked: they already get the 404 page, and the error is
    in the log whether or not this row could be written.
    """
    from credentials.reminders import missing_file_record

    try:
        missing_file_record(name=name, label=label, path=path)
    except Exception:
        logger.exception("Could not record the missing file %s for the digest", name)
