"""Who is qualified to mentor: the setting-driven providers (lms never imports credentials)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from lms.accounts.roles import Role
from lms.mentorship.eligibility import TRACK_COMPLETED_PROVIDER, qualified_mentor_ids
from lms.mentorship.selectors import mentor_candidates
from tests.mentorship.factories import (
    MenteeProfileFactory,
    MentorProfileFactory,
    complete_training,
)

pytestmark = pytest.mark.django_db

CALLS = []


def fake_crs_holders(*, user_ids, today):
    """Stands in for the credentials app's provider: says user ids in CALLS[0] hold a CRS."""
    CALLS.append((set(user_ids), today))
    return {uid for uid in user_ids if uid in FAKE_HOLDERS}


FAKE_HOLDERS: set[int] = set()


def test_without_the_setting_only_a_completed_training_track_qualifies(settings, make_user):
    del settings.MENTOR_ELIGIBILITY_PROVIDERS
    trained, untrained = make_user(Role.MENTOR), make_user(Role.MENTOR)
    complete_training(trained)

    qualified = qualified_mentor_ids(
        user_ids=[trained.pk, untrained.pk], today=timezone.localdate()
    )

    assert qualified == {trained.pk}


def test_a_track_completed_after_the_day_asked_about_does_not_count(make_user):
    user = make_user(Role.MENTOR)
    complete_training(user, days_ago=0)

    yesterday = timezone.localdate() - timedelta(days=1)

    assert qualified_mentor_ids(user_ids=[user.pk], today=yesterday) == set()


def test_any_configured_provider_qualifies_a_mentor(settings, make_user):
    trained, crs_holder, neither = (make_user(Role.MENTOR) for _ in range(3))
    complete_training(trained)
    FAKE_HOLDERS.clear()
    FAKE_HOLDERS.add(crs_holder.pk)
    CALLS.clear()
    settings.MENTOR_ELIGIBILITY_PROVIDERS = [
        TRACK_COMPLETED_PROVIDER,
        "tests.mentorship.test_eligibility.fake_crs_holders",
    ]
    today = timezone.localdate()

    qualified = qualified_mentor_ids(user_ids=[trained.pk, crs_holder.pk, neither.pk], today=today)

    assert qualified == {trained.pk, crs_holder.pk}
    # The second provider is only asked about those the first did not qualify.
    assert [({crs_holder.pk, neither.pk}, today)] == CALLS


def test_a_crs_holder_without_training_is_ranked_when_the_provider_is_configured(
    settings, make_user
):
    holder = make_user(Role.MENTOR, first_name="Holder")
    MentorProfileFactory(user=holder)
    FAKE_HOLDERS.clear()
    FAKE_HOLDERS.add(holder.pk)
    profile = MenteeProfileFactory()

    settings.MENTOR_ELIGIBILITY_PROVIDERS = [TRACK_COMPLETED_PROVIDER]
    before = mentor_candidates(profile=profile)
    settings.MENTOR_ELIGIBILITY_PROVIDERS = [
        TRACK_COMPLETED_PROVIDER,
        "tests.mentorship.test_eligibility.fake_crs_holders",
    ]
    after = mentor_candidates(profile=profile)

    assert [s.mentor.id for s in before.ranked] == []
    assert [f.id for f, _ in before.ineligible] == [holder.pk]
    assert [s.mentor.id for s in after.ranked] == [holder.pk]
