"""The "today" panel on the admin home: what needs doing now, as counts linking to their lists.

Each room adds its own rows through the `register_today_items` hook (a function of the request
returning TodayItem rows), so the panel knows no room, and lms stays free of credentials.
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.admin.ui.components import Component

TODAY_ITEMS_HOOK = "register_today_items"


@dataclass(frozen=True)
class TodayItem:
    """One count on the panel, with the list that shows exactly those records."""

    label: str
    count: int
    url: str
    order: int = 100


def today_items(request) -> list[TodayItem]:
    """Every room's rows for this user, in their order."""
    items: list[TodayItem] = []
    for provide in hooks.get_hooks(TODAY_ITEMS_HOOK):
        items.extend(provide(request))
    return sorted(items, key=lambda item: (item.order, item.label))


class TodayPanel(Component):
    """A Wagtail dashboard panel listing the rows, first on the admin home."""

    name = "today"
    order = 10
    template_name = "common/today_panel.html"

    def __init__(self, items: list[TodayItem]):
        self.items = items

    def get_context_data(self, parent_context=None):
        return {"items": self.items}


def add_today_panel(request, panels) -> None:
    """The construct_homepage_panels hook: the panel, for anyone with a row to see."""
    items = today_items(request)
    if items:
        panels.insert(0, TodayPanel(items))
