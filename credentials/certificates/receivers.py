"""Issue a certificate when lms reports a completed track, or, where the track asks for a
post-training evaluation, once the learner has sent it (docs/decisions/0151)."""

from django.dispatch import receiver

from lms.training.selectors import evaluation_outstanding
from lms.training.signals import track_completed, track_evaluated


@receiver(track_completed, dispatch_uid="credentials.certificates.issue_on_track_completed")
def issue_on_track_completed(sender, completion, user, track, completed_at, **kwargs):
    from credentials.certificates.services import certificate_issue

    if evaluation_outstanding(completion=completion):
        return  # issued by issue_on_track_evaluated
    certificate_issue(user=user, track=track, completion=completion, now=completed_at)


@receiver(track_evaluated, dispatch_uid="credentials.certificates.issue_on_track_evaluated")
def issue_on_track_evaluated(sender, evaluation, completion, user, track, submitted_at, **kwargs):
    """The evaluation is in: issue the certificate, dated the day the track was completed."""
    from credentials.certificates.services import certificate_issue

    certificate_issue(user=user, track=track, completion=completion, now=completion.completed_at)
