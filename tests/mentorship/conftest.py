import pytest

from tests.mentorship.factories import (
    AgreementFactory,
    CheckInFactory,
    MenteeProfileFactory,
    MentorProfileFactory,
    PairingFactory,
    complete_training,
)


@pytest.fixture
def pair(mentor, mentee):
    """The `mentor` and `mentee` fixtures paired, with profiles, a weekly agreement and one
    check-in; the mentor has completed the training."""
    MentorProfileFactory(user=mentor)
    MenteeProfileFactory(user=mentee)
    complete_training(mentor)
    pairing = PairingFactory(mentor=mentor, mentee=mentee)
    AgreementFactory(pairing=pairing)
    CheckInFactory(pairing=pairing, notes="Private note about the week")
    return pairing


@pytest.fixture
def other_pair(make_user):
    """A second pair, of people the fixtures above do not know."""
    from lms.accounts.roles import Role

    pairing = PairingFactory(mentor=make_user(Role.MENTOR), mentee=make_user(Role.MENTEE))
    CheckInFactory(pairing=pairing, notes="Someone else's private note")
    return pairing
