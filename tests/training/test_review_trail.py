"""The content's review trail: sources, the clinical sign-off and when it falls due, the hours'
derivation; shown to learners, listed for editors, and enforced when a module is published."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from lms.training.curriculum import parse_curriculum
from lms.training.models import ModulePage
from lms.training.page_forms import REVIEW_LAPSED
from lms.training.review import ReviewState, review_due_on, review_state

pytestmark = pytest.mark.django_db


def first_module() -> ModulePage:
    return ModulePage.objects.live().order_by("path").first()


# --- pure rules -------------------------------------------------------------------------------


def test_a_sign_off_holds_for_a_year_and_shows_due_soon_in_the_last_sixty_days():
    signed = date(2026, 3, 1)
    due = review_due_on(signed)
    assert due == date(2027, 3, 1)
    assert review_state(reviewed_on=signed, due_on=due, today=date(2026, 12, 30)) == "current"
    assert review_state(reviewed_on=signed, due_on=due, today=date(2026, 12, 31)) == "due_soon"
    assert review_state(reviewed_on=signed, due_on=due, today=date(2027, 1, 1)) == "due_soon"
    assert review_state(reviewed_on=signed, due_on=due, today=due) == ReviewState.LAPSED
    assert review_state(reviewed_on=None, due_on=None, today=due) == ReviewState.MISSING


def test_a_leap_day_sign_off_falls_due_on_the_28th():
    assert review_due_on(date(2028, 2, 29)) == date(2029, 2, 28)


# --- loaded from the content files ------------------------------------------------------------


def test_the_loader_stores_each_modules_sources_and_hours_derivation():
    parsed = {m.slug: m for m in parse_curriculum()[1]}
    for module in ModulePage.objects.live():
        source = parsed[module.slug]
        assert module.source_list == source.sources and module.source_list
        assert module.hours_note == source.derivation().describe()
        assert f"{module.hours} hours" in module.hours_note


# --- what the learner sees --------------------------------------------------------------------


def test_the_module_page_says_who_reviewed_it_and_when(client, mentor):
    module = first_module()
    client.force_login(mentor)
    page = client.get(module.url).content.decode()
    assert "has not yet been signed off by a clinical reviewer" in page
    assert "Sources" in page and module.source_list[0].split(",")[0] in page
    assert "150 words a minute" in page

    module.reviewer_name, module.reviewer_role = "Dana Whitfield", "Clinical Director"
    module.reviewed_on = date(2026, 3, 14)
    module.save_revision().publish()
    page = client.get(module.url).content.decode()
    assert "Reviewed by Dana Whitfield, Clinical Director, on Mar 14, 2026." in page


# --- editors: the list of modules due for review ----------------------------------------------


def test_editors_see_modules_whose_review_is_missing_due_soon_or_lapsed(client, editor):
    today = timezone.localdate()
    modules = list(ModulePage.objects.live().order_by("path"))
    fresh, soon, lapsed = modules[0], modules[1], modules[2]
    for module, signed in (
        (fresh, today),
        (soon, today - timedelta(days=340)),
        (lapsed, today - timedelta(days=400)),
    ):
        module.reviewer_name, module.reviewed_on, module.review_due_on = "R. Reviewer", signed, None
        module.save()
    client.force_login(editor)
    response = client.get(reverse("lms_review:modules_due"))
    assert response.status_code == 200
    listed = {m.pk for m in response.context["object_list"]}
    assert fresh.pk not in listed
    assert {soon.pk, lapsed.pk} <= listed
    assert modules[3].pk in listed  # never signed off
    html = response.content.decode()
    assert "Review lapsed" in html and "Review due soon" in html

    only_lapsed = client.get(reverse("lms_review:modules_due"), {"state": "lapsed"})
    assert {m.pk for m in only_lapsed.context["object_list"]} == {lapsed.pk}
    export = client.get(reverse("lms_review:modules_due"), {"state": "lapsed", "export": "csv"})
    assert export.status_code == 200
    assert "modules-review-lapsed-" in export["Content-Disposition"]
    assert "Review lapsed" in b"".join(export.streaming_content).decode()


@pytest.mark.parametrize("role", ["Mentor", "Mentee", "Recruiter"])
def test_the_review_list_is_for_staff_only(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("lms_review:modules_due")).status_code in (302, 403)


def test_a_bad_state_filter_is_a_form_error_not_a_server_error(client, editor):
    client.force_login(editor)
    assert client.get(reverse("lms_review:modules_due"), {"state": "soonish"}).status_code == 200


# --- publishing asks for a new sign-off once the review lapsed --------------------------------


def _edit_data(module: ModulePage, **changes) -> dict:
    fields = {
        "title": module.title,
        "slug": module.slug,
        "summary": module.summary,
        "objectives": module.objectives,
        "hours": str(module.hours),
        "ce_topic": module.ce_topic,
        "sources": module.sources,
        "reviewer_name": module.reviewer_name,
        "reviewer_role": module.reviewer_role,
        "reviewed_on": module.reviewed_on.isoformat() if module.reviewed_on else "",
        "review_due_on": module.review_due_on.isoformat() if module.review_due_on else "",
        "comments": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)


@pytest.fixture
def lapsed_module():
    module = first_module()
    module.reviewer_name, module.reviewer_role = "Dana Whitfield", "Clinical Director"
    module.reviewed_on = timezone.localdate() - timedelta(days=400)
    module.review_due_on = None
    module.save_revision().publish()
    module.refresh_from_db()
    return module


def test_publishing_a_module_whose_review_lapsed_asks_for_a_new_sign_off(
    client, coordinator, lapsed_module
):
    client.force_login(coordinator)
    url = reverse("wagtailadmin_pages:edit", args=[lapsed_module.pk])
    before = lapsed_module.revisions.count()
    response = client.post(
        url, _edit_data(lapsed_module, summary="A sharper summary.", **{"action-publish": "1"})
    )
    assert response.status_code == 200  # the form again, not a server error
    form = response.context["form"]
    due = lapsed_module.review_due_on
    assert form.errors["reviewed_on"] == [REVIEW_LAPSED.format(due=due)]
    assert form["summary"].value() == "A sharper summary."  # nothing typed is lost
    assert lapsed_module.revisions.count() == before


def test_a_draft_of_a_lapsed_module_still_saves(client, coordinator, lapsed_module):
    client.force_login(coordinator)
    url = reverse("wagtailadmin_pages:edit", args=[lapsed_module.pk])
    response = client.post(url, _edit_data(lapsed_module, summary="Draft wording."))
    assert response.status_code == 302
    fresh = ModulePage.objects.get(pk=lapsed_module.pk)
    assert fresh.get_latest_revision_as_object().summary == "Draft wording."


def test_a_new_sign_off_lets_the_module_publish(client, coordinator, lapsed_module):
    client.force_login(coordinator)
    url = reverse("wagtailadmin_pages:edit", args=[lapsed_module.pk])
    today = timezone.localdate()
    response = client.post(
        url,
        _edit_data(
            lapsed_module,
            reviewed_on=today.isoformat(),
            review_due_on="",
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    lapsed_module.refresh_from_db()
    assert lapsed_module.reviewed_on == today
    assert lapsed_module.review_due_on == review_due_on(today)
    assert lapsed_module.review_state(today) == ReviewState.CURRENT
