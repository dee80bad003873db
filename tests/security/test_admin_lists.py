"""Every admin list of ours, every option of every filter, on screen and exported: never a 500.

The lists are found from the resolver (our own viewsets and reports, as the access matrix finds
them) and the options from each list's own filter set, so a new list, filter or option is driven
without touching this file. Each filter is also sent values no form offers (an unknown option,
an impossible date, a long string). Once, Status = "Expiring soon" answered 500 on screen and in
its CSV export.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django import forms
from django.urls import resolve, reverse

from wagtail.admin.views.generic.base import BaseListingView

import pytest

from tests.figures import REPORT
from tests.security.test_access_matrix import project_patterns

pytestmark = pytest.mark.django_db

BAD_VALUES = ["no-such-option", "2026-02-30", "x" * 300, "-1", "9" * 30]
EXPORTS = [None, "csv", "xlsx"]


@dataclass(frozen=True)
class AdminList:
    name: str
    path: str
    exports: bool


def admin_lists() -> list[AdminList]:
    """Our admin pages that list records: Wagtail listings (viewset indexes, reports) without
    URL parameters, leaving out the results-only fragments."""
    found = []
    for key, pattern in sorted(project_patterns().items()):
        if not pattern.route.startswith("admin/") or "<" in pattern.route:
            continue
        match = resolve("/" + pattern.route)
        view_class = getattr(match.func, "view_class", None)
        if view_class is None or not issubclass(view_class, BaseListingView):
            continue
        initkwargs = getattr(match.func, "view_initkwargs", {})
        if initkwargs.get("results_only") or key.endswith("_results"):
            continue
        found.append(
            AdminList(
                name=key,
                path="/" + pattern.route,
                exports=bool(
                    initkwargs.get("list_export") or getattr(view_class, "list_export", None)
                ),
            )
        )
    return found


def _field_params(name: str, field) -> list[dict]:
    """One query per option the field offers, then one per value no form would send."""
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        names = [f"{name}_{suffix}" for suffix in widget.suffixes]
        good = [dict.fromkeys(names, "2026-11-30"), {names[0]: "2026-01-01"}]
        return good + [dict.fromkeys(names, bad) for bad in BAD_VALUES]
    if isinstance(field, forms.ChoiceField):
        options = [str(value) for value, _label in field.choices if str(value) != ""]
        return [{name: option} for option in options] + [{name: bad} for bad in BAD_VALUES]
    return [{name: "a"}] + [{name: bad} for bad in BAD_VALUES]


def list_filters(client, admin_list: AdminList) -> dict:
    """The list's filter form fields, from the filter set the list itself builds."""
    response = client.get(admin_list.path)
    assert response.status_code == 200, admin_list.name
    filterset = response.context_data.get("filters")
    return dict(filterset.form.fields) if filterset is not None else {}


def filter_queries(fields: dict) -> list[dict]:
    queries: list[dict] = [{}]
    for name, field in fields.items():
        queries.extend(_field_params(name, field))
    return queries


@pytest.fixture
def admin_user(db):
    from tests.factories import UserFactory

    return UserFactory(is_superuser=True, is_staff=True)


def test_the_enumeration_finds_every_list_we_register():
    names = {admin_list.name for admin_list in admin_lists()}
    assert {
        "credential_records:index",
        "credential_types:index",
        "certificates_admin:index",
        "quiz_attempt_grants:index",
        "mentorship_goals:index",
        "mentorship_experience_areas:index",
        "mentorship_checkin_topics:index",
        "lms_reports:learner_progress",
        "lms_reports:question_stats",
        "lms_review:modules_due",
    } <= names


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_every_filter_option_and_export_of_every_admin_list_answers_without_a_server_error(
    as_role, world, admin_user, client, role
):
    if role == "admin":
        client.force_login(admin_user)
    else:
        as_role(role)
    failures, driven = [], 0
    filters = options = exports = 0
    for admin_list in admin_lists():
        fields = list_filters(client, admin_list)
        queries = filter_queries(fields)
        filters += len(fields)
        options += len(queries) - 1
        for query in queries:
            for export in EXPORTS if admin_list.exports else [None]:
                params = {**query, **({"export": export} if export else {})}
                response = client.get(admin_list.path, params)
                driven += 1
                exports += export is not None
                if response.status_code >= 500 or response.status_code in (301, 302):
                    failures.append((admin_list.name, params, response.status_code))
                elif export and response.status_code == 200:
                    disposition = response.get("Content-Disposition", "")
                    if f".{export}" not in disposition:
                        failures.append((admin_list.name, params, "no file"))
    if role == "coordinator":
        REPORT["admin lists driven"] = len(admin_lists())
        REPORT["admin list filters driven"] = filters
        REPORT["admin filter queries (options and bad values)"] = options
        REPORT["admin export requests"] = exports
        REPORT["admin list requests"] = driven

    assert failures == []


def test_a_list_of_the_enumeration_answers_with_its_own_page(as_role, world):
    client = as_role("coordinator")
    for admin_list in admin_lists():
        response = client.get(admin_list.path)
        assert response.status_code == 200, admin_list.name
        assert urlsplit(response.wsgi_request.path).path == admin_list.path


def test_a_filter_value_no_form_offers_is_not_shown_as_applied(as_role, world):
    """Once, an unknown status kept the whole list on screen under a chip saying it was on."""
    client = as_role("coordinator")
    response = client.get(reverse("credential_records:index"), {"status": "soon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
