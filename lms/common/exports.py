"""Names of the admin lists' export files: the list, what was filtered, and the day, e.g.
credentials-expiring-soon-2026-11-30.csv, so a file says what it holds once it is downloaded."""

from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.text import slugify

LONGEST = 120  # characters before the date: filters past this are left out of the name


def export_filename(base: str, filters: Iterable[str], *, today: date) -> str:
    """`base`, then each filter's shown value as a slug, then the day (ISO, sorts by name)."""
    parts = [base]
    for value in filters:
        part = slugify(str(value))
        if part and part not in parts and len("-".join([*parts, part])) <= LONGEST:
            parts.append(part)
    return "-".join([*parts, today.isoformat()])


class FilteredExportNameMixin:
    """For a Wagtail listing view with exports: the file is named after the filters in force
    (their values as the filter chips show them) and any search, on the program's today."""

    export_basename = "export"

    def get_filename(self) -> str:
        values = [active.value for active in getattr(self, "active_filters", [])]
        query = getattr(self, "search_query", "")
        if getattr(self, "is_searching", False) and query:
            values.append(f"search {query}")
        return export_filename(self.export_basename, values, today=timezone.localdate())
