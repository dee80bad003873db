"""Wagtail hooks of the mentorship app: its lists in the admin and a menu link to the program."""

from wagtail import hooks

from lms.common.today import TODAY_ITEMS_HOOK
from lms.mentorship.admin import (
    MentorshipListsGroup,
    deactivation_check,
    mentorship_today_items,
    program_menu_item,
)

hooks.register("register_admin_menu_item", program_menu_item)
hooks.register(TODAY_ITEMS_HOOK, mentorship_today_items)
hooks.register("before_edit_user", deactivation_check)


@hooks.register("register_admin_viewset")
def register_list_viewsets():
    return MentorshipListsGroup()
