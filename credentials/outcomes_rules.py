"""The outcomes report's rules as plain data: choosing a quarter, and the small-cell rule.

The small-cell rule health programs use: a count from 1 to 10 is never shown; it reads "<11".
A figure worked out from counts hides with them: a rate whose numerator, denominator or their
difference is 1 to 10, and a median or average over 1 to 10 people. Where a group of counts is
shown with its total, one hidden cell could be worked back out from the others, so a second
cell (the smallest left) is hidden too, or the total when no other cell is left.
"""

import re
import statistics
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from lms.common.quarters import Quarter

SMALL = "<11"
HIDDEN = "Hidden (fewer than 11)"
QUARTER_FORMAT = "Choose a quarter as year and quarter, such as 2026-Q3."
QUARTER_IN_FUTURE = "That quarter has not started yet. Choose this quarter or an earlier one."
QUARTER_TOO_EARLY = "Choose a quarter from 2000 on."


def is_small(count: int) -> bool:
    return 1 <= count <= 10


def show_count(count: int) -> str:
    return SMALL if is_small(count) else f"{count:,}"


def parse_quarter(text: str, *, today: date) -> Quarter:
    """A quarter from "2026-Q3" (case and spaces forgiven); ValueError with a message otherwise."""
    match = re.fullmatch(r"\s*([0-9]{4})\s*-?\s*[Qq]\s*([1-4])\s*", text or "")
    if match is None:
        raise ValueError(QUARTER_FORMAT)
    quarter = Quarter(int(match.group(1)), int(match.group(2)))
    if quarter.year < 2000:
        raise ValueError(QUARTER_TOO_EARLY)
    if quarter.first_day > today:
        raise ValueError(QUARTER_IN_FUTURE)
    return quarter


def show_group(counts: dict[str, int], *, with_total: bool) -> tuple[dict[str, str], str]:
    """Each count of a group as shown, and the total as shown ("" when not wanted), with the
    complementary hiding the rule asks for."""
    hidden = {key for key, count in counts.items() if is_small(count)}
    total = sum(counts.values())
    total_hidden = is_small(total)
    if with_total and len(hidden) == 1 and not total_hidden:
        # One hidden cell = total minus the others: hide the smallest other non-zero cell too.
        others = sorted(
            (count, key) for key, count in counts.items() if key not in hidden and count > 0
        )
        if others:
            hidden.add(others[0][1])
        else:
            total_hidden = True
    shown = {
        key: (
            SMALL
            if key in hidden and is_small(count)
            else HIDDEN
            if key in hidden
            else f"{count:,}"
        )
        for key, count in counts.items()
    }
    if not with_total:
        return shown, ""
    return shown, SMALL if total_hidden else f"{total:,}"


def show_rate(numerator: int, denominator: int) -> str:
    """A percentage, or why it is not shown."""
    if denominator == 0:
        return "No attempts"
    if is_small(denominator) or is_small(numerator) or is_small(denominator - numerator):
        return HIDDEN
    percent = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    return f"{percent}%"


def show_median(values: Sequence[float], *, unit: str) -> str:
    if not values:
        return "None in this quarter"
    if is_small(len(values)):
        return HIDDEN
    return f"{statistics.median(values):g} {unit}"


def show_average(values: Sequence[float], *, out_of: int) -> str:
    if not values:
        return "None in this quarter"
    if is_small(len(values)):
        return HIDDEN
    return f"{statistics.fmean(values):.1f} out of {out_of}"
