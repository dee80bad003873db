"""Figures the suite prints at its end ("security figures"), gathered across pytest-xdist workers.

Tests put a figure in REPORT (each key is set by one test, in whichever process ran it) or add
to a counter in COUNTS (summed over processes). Each worker hands both to the controller when
it finishes (tests/conftest.py), so the figures print whether the suite ran in one process or
several.
"""

from collections import Counter

REPORT: dict = {}
COUNTS: dict[str, Counter] = {}


def counter(name: str) -> Counter:
    return COUNTS.setdefault(name, Counter())


def export() -> dict:
    return {"report": dict(REPORT), "counts": {name: dict(c) for name, c in COUNTS.items()}}


def merge(output: dict) -> None:
    REPORT.update(output.get("report", {}))
    for name, counts in output.get("counts", {}).items():
        counter(name).update(counts)


def bad_input_lines() -> dict:
    """The bad-input totals, from the per-endpoint counts of every process."""
    sent = COUNTS.get("bad input sent")
    if not sent:
        return {}
    return {
        "bad input: endpoints fuzzed": len(sent),
        "bad input: malformed inputs sent": sum(sent.values()),
        "bad input: fewest sent to one endpoint": min(sent.values()),
        "bad input: of which hit a known bug": dict(COUNTS.get("bad input known bug") or {}) or 0,
    }
