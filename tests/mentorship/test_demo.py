"""The demo data: one pair with an agreement, check-ins and a milestone; an unpaired mentee
with ranked candidates. Loading twice changes nothing."""

import pytest

from lms.accounts import demo as lms_demo
from lms.accounts.models import User
from lms.mentorship import demo
from lms.mentorship.choices import MilestoneKind
from lms.mentorship.models import CheckIn, MenteeProfile, Milestone, Pairing
from lms.mentorship.selectors import mentor_candidates
from lms.training.models import TrackCompletion

pytestmark = pytest.mark.django_db


def test_demo_loads_a_pair_and_an_unpaired_mentee_with_ranked_candidates(
    django_capture_on_commit_callbacks,
):
    lms_demo.load(password="demo-password-1")
    # Taylor's certificate is issued when the finished track is committed, as in `load_demo`.
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(password="demo-password-1")
    demo.load(password="demo-password-1")

    pairing = Pairing.objects.get(mentee__email="mentee@example.org")
    assert pairing.mentor.email == "mentor@example.org" and pairing.is_active
    agreement = pairing.current_agreement()
    assert agreement.fully_acknowledged
    assert CheckIn.objects.filter(pairing=pairing, concern=False).count() == 4
    kinds = set(Milestone.objects.filter(pairing=pairing).values_list("kind", flat=True))
    assert {MilestoneKind.DAYS_30, MilestoneKind.GOAL_MET} <= kinds

    robin = User.objects.get(email="mentee2@example.org")
    assert not Pairing.objects.filter(mentee=robin).exists()
    assert TrackCompletion.objects.filter(user__email="taylor.mentor@example.org").exists()
    candidates = mentor_candidates(profile=MenteeProfile.objects.get(user=robin))
    assert [s.mentor.name for s in candidates.ranked][:1] == ["Taylor Brooks"]
    assert all(s.reasons for s in candidates.ranked)


def test_demo_loads_selection_and_a_concern_handled_by_the_clinician(
    django_capture_on_commit_callbacks,
):
    from lms.accounts.roles import Role, user_has_role
    from lms.mentorship.choices import ApplicationStage
    from lms.mentorship.models import ConcernNotification, Interview, MentorApplication

    lms_demo.load(password="demo-password-1")
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(password="demo-password-1")
    demo.load(password="demo-password-1")

    stages = set(MentorApplication.objects.values_list("stage", flat=True))
    assert stages == set(ApplicationStage.values)
    assert Interview.objects.filter(scores__isnull=False).exists()
    assert MentorApplication.objects.get(user__email="mentor@example.org").stage == "active"
    clinician = User.objects.get(email="clinician@example.org")
    assert user_has_role(clinician, Role.CLINICIAN)
    concern = ConcernNotification.objects.get()
    assert concern.resolved_by == clinician and concern.actions.get().recorded_by == clinician
    assert clinician.pk in concern.recipients
