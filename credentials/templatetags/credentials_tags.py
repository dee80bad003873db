"""Template filters for credential pages: hours and dates as people read them."""

from django import template

from credentials import rules

register = template.Library()


@register.filter
def hours(value) -> str:
    """12.50 -> '12.5'."""
    if value in (None, ""):
        return ""
    return rules.hours_in_words(value)


@register.filter
def longdate(value) -> str:
    """date(2027, 3, 14) -> 'Mar 14, 2027'."""
    if not value:
        return ""
    return rules.date_in_words(value)
