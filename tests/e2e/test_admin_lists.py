"""Every admin list of ours, driven in the browser as its users see it: each option of each filter
the page itself offers, then values no form offers, on screen and through each export link the
page carries. No answer of 500 or more, and no redirect away from the list.

tests/security/test_admin_lists.py does the same through Django's test client from the filter
sets; this one reads the filters from the rendered page (the "Show filters" menu), so an option
that only the browser shows, or a list whose page does not render its filters, is caught too.
Once, Status = "Expiring soon" answered 500 on screen and in its CSV export: that one is also
chosen by clicking, as a coordinator would.
"""

import json
import re
import subprocess
import sys
from urllib.parse import urlencode

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, sign_in

WIDE = {"width": 1280, "height": 900}
BAD_VALUES = ["no-such-option", "2026-02-30", "x" * 300, "-1", "9" * 30]

# The filter inputs the page renders, and the values each offers.
READ_FILTERS = """() => {
  const found = {};
  for (const input of document.querySelectorAll("#filters-drilldown [name]")) {
    const values = found[input.name] || (found[input.name] = []);
    if (input.tagName === "SELECT") {
      for (const option of input.options) if (option.value) values.push(option.value);
    } else if (input.type === "radio" || input.type === "checkbox") {
      if (input.value) values.push(input.value);
    } else if (input.type === "date") {
      values.push("2026-11-30");
    } else {
      values.push("a");
    }
  }
  return found;
}"""


def _admin_lists(server) -> list[tuple[str, str]]:
    """(name, path) of every admin list of ours, as the server's own resolver finds them."""
    code = (
        "import json; from tests.security.test_admin_lists import admin_lists; "
        "print(json.dumps([[a.name, a.path] for a in admin_lists()]))"
    )
    command = [sys.executable, "manage.py", "shell", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env=server["env"], check=True, capture_output=True)
    return [tuple(row) for row in json.loads(result.stdout.decode().strip().splitlines()[-1])]


def _export_formats(page) -> list[str]:
    """The formats of the "Download …" links in the header's "More" menu (opened to read them:
    the menu's content is in the page only while it is open)."""
    more = page.locator("header").get_by_role("button", name=re.compile("More|Actions", re.I))
    if more.count():
        more.first.click()
    hrefs = page.eval_on_selector_all("a[href*='export=']", "links => links.map(a => a.href)")
    page.keyboard.press("Escape")
    return sorted({m.group(1) for href in hrefs if (m := re.search(r"export=(\w+)", href))})


def _drive(page, url: str, path: str) -> tuple[list, dict]:
    failures, counts = [], {"lists": 0, "filters": 0, "queries": 0, "exports": 0}
    response = page.goto(url + path)
    assert response.status == 200, path
    filters = page.evaluate(READ_FILTERS)
    formats = _export_formats(page)
    counts["lists"] += 1
    counts["filters"] += len(filters)
    queries = [{}]
    for name, values in filters.items():
        queries += [{name: value} for value in values] + [{name: bad} for bad in BAD_VALUES]
    for query in queries:
        target = f"{url}{path}?{urlencode(query)}" if query else url + path
        response = page.goto(target)
        counts["queries"] += 1
        if response.status >= 500 or not page.url.split("?")[0].endswith(path):
            failures.append((path, query, response.status, page.url))
        for export in formats:
            answer = page.request.get(f"{url}{path}?{urlencode({**query, 'export': export})}")
            counts["exports"] += 1
            disposition = answer.headers.get("content-disposition", "")
            if answer.status >= 500 or (answer.status == 200 and f".{export}" not in disposition):
                failures.append((path, query, export, answer.status, disposition))
    return failures, counts


def _drive_every_list(page, server) -> dict:
    url = server["url"]
    totals = {"lists": 0, "filters": 0, "queries": 0, "exports": 0}
    failures = []
    for _name, path in _admin_lists(server):
        found, counts = _drive(page, url, path)
        failures += found
        totals = {key: totals[key] + counts[key] for key in totals}
    assert failures == [], failures
    return totals


def test_every_filter_option_and_export_a_coordinator_sees_answers_without_a_server_error(
    new_page, server
):
    page = new_page(viewport=WIDE)
    sign_in(page, server["url"], "coordinator@example.org")
    totals = _drive_every_list(page, server)
    print(
        f"\nadmin lists in the browser (coordinator): {totals['lists']} lists, "
        f"{totals['filters']} filters, {totals['queries']} filter queries, "
        f"{totals['exports']} exports"
    )
    assert totals["lists"] >= 10 and totals["filters"] >= 10 and totals["exports"] >= 100


def test_every_filter_option_and_export_the_admin_sees_answers_without_a_server_error(
    new_page, server
):
    page = new_page(viewport=WIDE)
    sign_in(page, server["url"], "admin@example.org")
    totals = _drive_every_list(page, server)
    print(f"\nadmin lists in the browser (admin): {totals['queries']} queries")


def test_the_expiring_soon_filter_chosen_by_clicking_filters_the_list(new_page, server):
    url = server["url"]
    page = new_page(viewport=WIDE)
    errors = []
    page.on("response", lambda r: errors.append((r.status, r.url)) if r.status >= 500 else None)
    sign_in(page, url, "coordinator@example.org")
    page.goto(url + "/admin/credentials/records/")
    page.get_by_role("button", name="Show filters").click()
    page.locator("#filters-drilldown").get_by_role("button", name=re.compile("^Status")).click()
    page.locator("#filters-drilldown").get_by_label("Status").select_option(label="Expiring soon")
    # The list swaps in its filtered results and the address says what is filtered.
    expect(page).to_have_url(re.compile(r"status=expiring_soon"))
    expect(page.locator("main")).not_to_contain_text("Select a valid choice")
    assert errors == [], errors
