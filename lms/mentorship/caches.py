"""The coordinator board's cache version: bumped by any change to a record the board counts.

The board (selectors.board_index) reads every active pair, so its index is cached under this
version. Bumped on the save or deletion of a pair, check-in, agreement, milestone, concern,
mentor application or mentee profile; of an account or its roles (names, deactivation); and
of any credentials record (a mentor's qualification). The daily milestone job writes in bulk,
which sends no signals, so it bumps the version itself. Cost of a change: the next board view
counts every active pair again (a fixed number of queries, about 0.6 s at 1,000 pairs).
"""

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from lms.accounts.models import User
from lms.mentorship.models import (
    Agreement,
    CheckIn,
    ConcernNotification,
    MenteeProfile,
    MentorApplication,
    Milestone,
    Pairing,
)
from lms.ops import versioned

BOARD_VERSION_KEY = "mentorship:board:version"
COUNTED: tuple[type[Model], ...] = (
    Pairing,
    CheckIn,
    Agreement,
    Milestone,
    ConcernNotification,
    MentorApplication,
    MenteeProfile,
    User,
)
# Apps whose records decide whether a mentor is qualified (the eligibility providers'); named,
# not imported: lms does not depend on them.
QUALIFYING_APPS = frozenset({"credentials"})


def board_changed(**kwargs) -> None:
    """Signal handler (and a direct call after a bulk write): the next board is counted afresh."""
    versioned.bump_now_and_after_commit(BOARD_VERSION_KEY)


def _qualifying_record_changed(sender, **kwargs) -> None:
    if sender._meta.app_label in QUALIFYING_APPS:
        board_changed()


def connect_signals() -> None:
    """From AppConfig.ready."""
    for model in COUNTED:
        uid = f"mentorship-board-{model._meta.label_lower}"
        post_save.connect(board_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(board_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    m2m_changed.connect(
        board_changed, sender=User.groups.through, dispatch_uid="mentorship-board-roles"
    )
    post_save.connect(_qualifying_record_changed, dispatch_uid="mentorship-board-qualifying-saved")
    post_delete.connect(
        _qualifying_record_changed, dispatch_uid="mentorship-board-qualifying-deleted"
    )
