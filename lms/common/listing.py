"""Admin listings whose rows open Inspect: a record's state and the actions that apply to it,
rather than the edit form (which asks for a reason for a change nobody meant to make)."""

from wagtail.admin.ui.tables import TitleColumn


class RowOpensInspectMixin:
    """For a Wagtail model IndexView with an inspect view: the first column links to Inspect,
    and to Edit only where there is no Inspect. Wagtail's own title column does the reverse;
    this is the same column (with its "More" buttons) with the order swapped."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        def get_url(instance):
            return self.get_inspect_url(instance) or self.get_edit_url(instance)

        return self._get_custom_column(
            field_name, self._get_title_column_class(column_class), get_url=get_url, **kwargs
        )
