"""Who is qualified to mentor: a setting-driven list of providers, so lms never imports credentials.

`settings.MENTOR_ELIGIBILITY_PROVIDERS` lists dotted paths to functions
`(*, user_ids: Iterable[int], today: date) -> set[int]`, each returning the ids (among
`user_ids`) it finds qualified on `today`. A mentor is qualified if any provider says so. Without
the setting only the training-track provider below is used. The credentials app adds its own
("an active CRS credential") in the settings: docs/decisions/0020.
"""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string

TRACK_COMPLETED_PROVIDER = "lms.mentorship.eligibility.track_completed_user_ids"
DEFAULT_PROVIDERS = (TRACK_COMPLETED_PROVIDER,)


def track_completed_user_ids(*, user_ids: Iterable[int], today: date) -> set[int]:
    """Users who had completed a training track by the end of `today` (New York time)."""
    from lms.training.models import TrackCompletion

    return set(
        TrackCompletion.objects.filter(
            user_id__in=list(user_ids), completed_at__date__lte=today
        ).values_list("user_id", flat=True)
    )


def eligibility_providers() -> list:
    dotted = getattr(settings, "MENTOR_ELIGIBILITY_PROVIDERS", None)
    if dotted is None:
        dotted = DEFAULT_PROVIDERS
    return [import_string(path) for path in dotted]


def qualified_mentor_ids(*, user_ids: Iterable[int], today: date) -> set[int]:
    """The ids among `user_ids` that at least one provider finds qualified on `today`."""
    wanted = set(user_ids)
    qualified: set[int] = set()
    for provider in eligibility_providers():
        remaining = wanted - qualified
        if not remaining:
            break
        qualified |= set(provider(user_ids=remaining, today=today)) & remaining
    return qualified
