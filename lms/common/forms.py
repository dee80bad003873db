"""The one way a refused write reaches a form.

Services say no by raising django's ValidationError: a plain message, or a dict keyed by the
field at fault. Views put it on the form with `form_add_service_error`.
"""

from django import forms
from django.core.exceptions import ValidationError


def form_add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show each message next to its field where the form has that field, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def service_error_text(error: ValidationError) -> str:
    """All of a refusal's messages as one sentence, for pages that show it without a form."""
    return " ".join(error.messages)
