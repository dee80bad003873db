"""Wagtail hooks of the lms app: how live training pages are served, and the training's admin."""

from wagtail import hooks

from content.selectors import PAGE_IS_OPEN_TO_HOOK
from lms.accounts.admin import invitation_url_patterns, invitations_menu_item
from lms.common.today import TODAY_ITEMS_HOOK, add_today_panel
from lms.training.admin.grants import (
    QuizAttemptGrantViewSet,
    learner_progress_menu_item,
    question_stats_menu_item,
    report_url_patterns,
)
from lms.training.admin.participants import participant_menu_item, participant_url_patterns
from lms.training.admin.review import review_menu_item, review_url_patterns
from lms.training.admin.today import training_today_items
from lms.training.models import LessonPage
from lms.training.services import lesson_place_before_quiz
from lms.training.views.pages import serve_training_pages, training_page_is_open_to

# After Wagtail's own page-privacy check (order 0), which therefore still runs first.
hooks.register("on_serve_page", serve_training_pages, order=100)
hooks.register(PAGE_IS_OPEN_TO_HOOK, training_page_is_open_to)
hooks.register("register_admin_urls", report_url_patterns)
hooks.register("register_reports_menu_item", learner_progress_menu_item)
hooks.register("register_reports_menu_item", question_stats_menu_item)
hooks.register("register_admin_urls", review_url_patterns)
hooks.register("register_reports_menu_item", review_menu_item)
hooks.register("register_admin_urls", participant_url_patterns)
hooks.register("register_reports_menu_item", participant_menu_item)
hooks.register("construct_homepage_panels", add_today_panel)
hooks.register("register_admin_urls", invitation_url_patterns)
hooks.register("register_admin_menu_item", invitations_menu_item)
hooks.register(TODAY_ITEMS_HOOK, training_today_items)


@hooks.register("register_admin_viewset")
def register_grant_viewset():
    return QuizAttemptGrantViewSet("quiz_attempt_grants")


@hooks.register("after_create_page")
def place_new_lesson_before_quiz(request, page):
    """A lesson added in the page editor lands before its module's quiz, not after it."""
    if isinstance(page.specific, LessonPage):
        lesson_place_before_quiz(lesson=page, user=request.user)
