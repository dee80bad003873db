"""When a module's clinical review falls due: pure functions over dates, no database.

A module records who signed off its content (a clinical reviewer) and when. The sign-off holds
for REVIEW_YEARS; after that the module is "lapsed" and cannot be published again until someone
signs off anew. DUE_SOON_DAYS before the end it shows as "due soon" to editors.
"""

from datetime import date, timedelta
from enum import StrEnum

REVIEW_YEARS = 1
DUE_SOON_DAYS = 60


class ReviewState(StrEnum):
    MISSING = "missing"
    CURRENT = "current"
    DUE_SOON = "due_soon"
    LAPSED = "lapsed"

    @property
    def label(self) -> str:
        return {
            "missing": "No sign-off yet",
            "current": "Reviewed",
            "due_soon": "Review due soon",
            "lapsed": "Review lapsed",
        }[self.value]


def review_due_on(reviewed_on: date, *, years: int = REVIEW_YEARS) -> date:
    """The same day `years` later; a 29 February sign-off falls due on 28 February."""
    try:
        return reviewed_on.replace(year=reviewed_on.year + years)
    except ValueError:
        return reviewed_on.replace(year=reviewed_on.year + years, day=28)


def review_state(*, reviewed_on: date | None, due_on: date | None, today: date) -> ReviewState:
    """Where a module's sign-off stands on `today`."""
    if reviewed_on is None or due_on is None:
        return ReviewState.MISSING
    if today >= due_on:
        return ReviewState.LAPSED
    if today >= due_on - timedelta(days=DUE_SOON_DAYS):
        return ReviewState.DUE_SOON
    return ReviewState.CURRENT


def publishable(state: ReviewState) -> bool:
    """A module may be published while its sign-off holds (or before any was ever given, so
    that a new program can publish its first draft); a lapsed one needs a new sign-off."""
    return state != ReviewState.LAPSED
