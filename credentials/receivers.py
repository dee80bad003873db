"""Listeners for lms signals (lms never imports credentials; credentials listens)."""

import logging

from django.dispatch import receiver

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
