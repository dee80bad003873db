"""Layout checks at a phone's and a desktop's width, with a screenshot of each, for every page
state the accessibility run visits (see layout.js for what fails)."""

import json
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", HERE / "artifacts"))
LAYOUT_JS = (HERE / "layout.js").read_text()
WIDTHS = ((360, 740), (1280, 900))
# E2E_LAYOUT_SURVEY=1 records problems in artifacts/layout-summary.json without failing.
SURVEY = os.environ.get("E2E_LAYOUT_SURVEY") == "1"
CHECKED: list[dict] = []


# The Wagtail admin's own chrome around one of our admin pages: its skip link, sidebar and
# header (breadcrumbs, filter toggle). Our page's content is checked in full; the chrome's
# controls are Wagtail's to size and place.
WAGTAIL_CHROME = ".skiplink, .sidebar, aside, .w-slim-header"


def layout_problems(page, *, chrome: str | None = None) -> list[dict]:
    return page.evaluate(LAYOUT_JS, chrome)


def page_weight(page) -> int:
    """Bytes the page and everything it loaded took over the wire (decoded sizes where the
    transfer size is hidden, as for cached files)."""
    return page.evaluate(
        """() => performance.getEntriesByType('navigation').concat(
             performance.getEntriesByType('resource'))
           .reduce((sum, e) => sum + (e.transferSize || e.decodedBodySize || 0), 0)"""
    )


def screenshot(page, label: str, width: int) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w]+", "-", label).strip("-").lower()
    path = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def write_summary() -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "layout-summary.json").write_text(json.dumps(CHECKED, indent=1))
    failing = [c for c in CHECKED if c["problems"]]
    weights = sorted(c["weight"] for c in CHECKED if c["width"] == WIDTHS[-1][0])
    if weights:
        print(
            f"\npage weight: median {weights[len(weights) // 2] / 1024:.1f} KB,"
            f" largest {weights[-1] / 1024:.1f} KB over {len(weights)} states"
        )
    print(
        f"\nlayout: {len(CHECKED)} page states x widths checked, {len(failing)} with problems;"
        f" screenshots in {ARTIFACTS}"
    )
