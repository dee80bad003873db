"""Mail sent after the transaction that caused it commits (Django tasks: at once in dev and
tests, through the database worker in production)."""

import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from lms.mentorship import notices

logger = logging.getLogger(__name__)


@task()
def notice_send(*, user_ids: list[int], kind: str) -> int:
    """Send one neutral notice to each of these (active) users; returns how many were sent."""
    from lms.accounts.models import User

    users = User.objects.filter(pk__in=user_ids, is_active=True)
    sent = 0
    for user in users:
        sent += notices.notice_message(kind=kind, user=user).send()
    return sent


@task()
def concern_notification_send(*, notification_id: int) -> int:
    """Mail each recorded coordinator about a concern, once: a sent notification is skipped."""
    from lms.accounts.models import User
    from lms.mentorship.models import ConcernNotification

    with transaction.atomic():
        notification = (
            ConcernNotification.objects.select_for_update()
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return 0
        sent = 0
        for user in User.objects.filter(pk__in=notification.recipients, is_active=True):
            sent += notices.notice_message(kind=notices.CONCERN, user=user).send()
        if not sent:
            logger.error("Concern %s: no active coordinator to notify.", notification.pk)
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
    return sent
