"""Issue a certificate when lms reports a completed track."""

from django.dispatch import receiver

from lms.training.signals import track_completed


@receiver(track_completed, dispatch_uid="credentials.certificates.issue_on_track_completed")
def issue_on_track_completed(sender, completion, user, track, completed_at, **kwargs):
    from credentials.certificates.services import certificate_issue

    certificate_issue(user=user, track=track, completion=completion, now=completed_at)
