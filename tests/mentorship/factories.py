"""Factories for the mentorship program's records."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import factory

from lms.mentorship.choices import (
    ApplicationStage,
    Frequency,
    MeetingFormat,
    SupportStyle,
    TimeInRecovery,
)
from lms.mentorship.models import (
    Agreement,
    CheckIn,
    MenteeProfile,
    MentorApplication,
    MentorProfile,
    Pairing,
)
from lms.mentorship.texts import CONFIDENTIALITY_GUIDELINES
from lms.training.models import TrackCompletion, TrackPage
from tests.factories import UserFactory


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role="Mentor")
    formats = factory.LazyFunction(lambda: [MeetingFormat.VIDEO])
    languages = factory.LazyFunction(lambda: ["en"])
    support_style = SupportStyle.BOTH
    capacity = 2
    consented_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def approved(self, create, extracted, **kwargs):
        """Mentors made here have been through selection (an active application) unless
        `approved=False`: docs/decisions/0071."""
        if create and extracted is not False:
            approve_mentor(self.user)


class MenteeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role="Mentee")
    languages = factory.LazyFunction(lambda: ["en"])
    consented_at = factory.LazyFunction(timezone.now)


class PairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pairing

    mentor = factory.SubFactory(UserFactory, role="Mentor")
    mentee = factory.SubFactory(UserFactory, role="Mentee")
    paired_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=20))
    confirmed_at = factory.LazyFunction(timezone.now)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    pairing = factory.SubFactory(PairingFactory)
    version = 1
    frequency = Frequency.WEEKLY
    channel = MeetingFormat.VIDEO
    goals = "Meet every week."
    confidentiality = CONFIDENTIALITY_GUIDELINES


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    pairing = factory.SubFactory(PairingFactory)
    met_on = factory.LazyAttribute(lambda o: o.pairing.paired_on + timedelta(days=1))
    duration_minutes = 45
    format = MeetingFormat.VIDEO
    notes = "Talked about the week."


def approve_mentor(user, *, stage: str = ApplicationStage.ACTIVE) -> MentorApplication:
    """Give `user` an application at `stage` (active by default), as selection would."""
    application, _ = MentorApplication.objects.get_or_create(
        user=user,
        defaults={"time_in_recovery": TimeInRecovery.Y3_TO_5Y, "stage": stage},
    )
    return application


def complete_training(user, *, days_ago: int = 10) -> TrackCompletion:
    """Record the shipped training track as completed by `user`, with its certificate, as the
    track_completed signal would (qualifies them to mentor)."""
    from credentials.certificates.services import certificate_issue

    completion = TrackCompletion.objects.create(
        user=user,
        track=TrackPage.objects.live().first(),
        hours=Decimal("10.0"),
        completed_at=timezone.now() - timedelta(days=days_ago),
    )
    certificate_issue(
        user=user, track=completion.track, completion=completion, now=completion.completed_at
    )
    return completion
