"""Wagtail hooks of the lms app: how live training pages are served, and each room's admin."""

from wagtail import hooks

from content.selectors import PAGE_IS_OPEN_TO_HOOK
from lms.training import admin as training_admin  # noqa: F401  (registers on import, for now)
from lms.training.views.pages import serve_training_pages, training_page_is_open_to

# After Wagtail's own page-privacy check (order 0), which therefore still runs first.
hooks.register("on_serve_page", serve_training_pages, order=100)
hooks.register(PAGE_IS_OPEN_TO_HOOK, training_page_is_open_to)
