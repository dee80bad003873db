"""Wagtail hooks of the lms app: each room's admin registers here."""

from lms.training import admin as training_admin  # noqa: F401  (registers on import, for now)
