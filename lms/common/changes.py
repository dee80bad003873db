"""Who made a change and why, for the history row django-simple-history writes on the next save.

simple-history reads two attributes off the instance being saved; this sets them in one typed
place instead of in every service.
"""

from typing import Any

from django.db import models


def note_change(instance: models.Model, *, by: Any = None, reason: str | None = None) -> None:
    """Record `by` (a user) and `reason` on the history row of the instance's next save."""
    if by is not None:
        instance._history_user = by  # type: ignore[attr-defined]  # simple-history's hook
    if reason is not None:
        instance._change_reason = reason  # type: ignore[attr-defined]  # simple-history's hook
