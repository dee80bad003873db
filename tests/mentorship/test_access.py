"""Who may open which program page, what each side sees of the other, the access log, and
mentee data requests (export, delete)."""

import json
import re

from django.urls import reverse

import pytest

from lms.mentorship import services
from lms.mentorship.choices import AccessAction, DataRequestKind, RecoveryStage
from lms.mentorship.models import (
    AccessLogEntry,
    CheckIn,
    DataRequest,
    Goal,
    MenteeProfile,
    Milestone,
    Pairing,
)
from tests.mentorship.factories import CheckInFactory

pytestmark = pytest.mark.django_db

L = "login"  # anonymous visitors are sent to sign in
OK, FORBIDDEN, REDIRECT, NOT_ALLOWED = 200, 403, 302, 405

# url name: (anonymous, mentor of the pair, mentee of the pair, recruiter, editor, coordinator)
ACCESS = {
    "home":                  (L, REDIRECT, REDIRECT, FORBIDDEN, FORBIDDEN, REDIRECT),
    "coordinator_dashboard": (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "board_list":            (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "mentee_list":           (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "mentee_detail":         (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "pair_confirm":          (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_ALLOWED),
    "mentee_profile_edit":   (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "mentee_data":           (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "mentor_list":           (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "mentor_detail":         (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "weights":               (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "concern_resolve":       (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "access_log":            (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "pair_detail":           (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "checkins":              (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "checkin_new":           (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "agreement":             (L, OK, OK, FORBIDDEN, FORBIDDEN, OK),
    "agreement_edit":        (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "milestone_new":         (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "pair_end":              (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "mentor_home":           (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "mentor_profile":        (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "mentee_home":           (L, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "mentee_profile":        (L, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "feedback":              (L, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "application":           (L, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "application_board":     (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "application_detail":    (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "interview_new":         (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "clinician_home":        (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "clinician_concern":     (L, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
}  # fmt: skip
# The Clinician's column, kept apart so the table above stays the shared six-role one: only the
# program home (a redirect) and the two concern pages open; everything else is refused.
CLINICIAN = dict.fromkeys(ACCESS, FORBIDDEN) | {
    "home": REDIRECT,
    "clinician_home": OK,
    "clinician_concern": OK,
}
VISITORS = ("anonymous", "mentor", "mentee", "recruiter", "editor", "coordinator")
MARKER = "Zephyrine"  # the mentee's display name: must never reach a visitor who may not see it


@pytest.fixture
def world(pair, recruiter, editor, coordinator, make_user):
    pair.mentee.first_name = MARKER
    pair.mentee.save()
    concern = CheckInFactory(pairing=pair, concern=True, notes=f"{MARKER} private")
    notification = services.concern_notify(checkin=concern)
    args = {
        "board_list": ["overdue"],
        "mentee_detail": [pair.mentee_id],
        "pair_confirm": [pair.mentee_id],
        "mentee_profile_edit": [pair.mentee_id],
        "mentee_data": [pair.mentee_id],
        "mentor_detail": [pair.mentor_id],
        "concern_resolve": [notification.pk],
        "clinician_concern": [notification.pk],
        "application_detail": [pair.mentor.mentor_application.pk],
        "interview_new": [pair.mentor.mentor_application.pk],
        "feedback": [pair.checkins.exclude(pk=concern.pk).get().pk],
        **{
            name: [pair.pk]
            for name in (
                "pair_detail",
                "checkins",
                "checkin_new",
                "agreement",
                "agreement_edit",
                "milestone_new",
                "pair_end",
            )
        },
    }
    people = {
        "anonymous": None,
        "mentor": pair.mentor,
        "mentee": pair.mentee,
        "recruiter": recruiter,
        "editor": editor,
        "coordinator": coordinator,
        "clinician": make_user("Clinician"),  # its own column: CLINICIAN below
    }
    return args, people


def test_every_program_url_is_covered_by_the_access_table():
    from lms.mentorship.urls import urlpatterns

    assert {p.name for p in urlpatterns} == set(ACCESS)


@pytest.mark.parametrize("visitor", VISITORS)
def test_role_by_url_access(client, world, visitor):
    args, people = world
    if people[visitor] is not None:
        client.force_login(people[visitor])
    column = VISITORS.index(visitor)
    outcomes = {}
    for name, expected_row in ACCESS.items():
        url = reverse(f"mentorship:{name}", args=args.get(name, []))
        response = client.get(url)
        expected = expected_row[column]
        if expected == L:
            got = (
                L
                if response.status_code == 302 and "/accounts/login/" in response.url
                else (response.status_code)
            )
        else:
            got = response.status_code
        outcomes[name] = got
        if expected in (FORBIDDEN, L):
            assert MARKER.encode() not in response.content, name
    assert outcomes == {name: row[column] for name, row in ACCESS.items()}


def test_a_clinician_opens_only_the_concern_pages(client, world):
    args, people = world
    client.force_login(people["clinician"])
    outcomes = {
        name: client.get(reverse(f"mentorship:{name}", args=args.get(name, []))).status_code
        for name in ACCESS
    }
    assert outcomes == CLINICIAN


# Nonsense in every field any program form has: each page must answer 400 (or 302/405), never 500.
GARBAGE = {
    **dict.fromkeys(("mentor", "met_on", "duration_minutes", "format", "rating", "reason"), "zzz"),
    **dict.fromkeys(("version", "capacity", "status", "frequency", "channel", "reached_on"), "zzz"),
    **dict.fromkeys(("recovery_stage", "support_style", "shared_experience", "stage"), "zzz"),
    "topics": ["zzz"],
    "goals": ["zzz"],
    "experience_areas": ["zzz"],
    "languages": ["klingon"],
    "action": "delete",
    "delete-requested_on": "zzz",
    "confirm": "on",
}


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_garbage_posted_to_any_page_by_an_allowed_visitor_is_never_a_500(client, world, name):
    args, people = world
    row = ACCESS[name]
    allowed = (OK, REDIRECT, NOT_ALLOWED)
    visitor = next(
        (v for v, outcome in zip(VISITORS, row, strict=True) if outcome in allowed), "clinician"
    )
    client.force_login(people[visitor])

    response = client.post(reverse(f"mentorship:{name}", args=args.get(name, [])), GARBAGE)

    assert response.status_code in (302, 400, 405), response.status_code


def test_recruiters_and_public_pages_never_show_mentee_data(client, world, recruiter):
    pages = []
    for visitor in (None, recruiter):
        if visitor is not None:
            client.force_login(visitor)
        pages.append(client.get("/").content)
        # The search page repeats the query; what matters is that nothing is found for it.
        search = client.get("/search/?q=private").content
        pages.append(search)
        assert b"/program/" not in search

    assert all(MARKER.encode() not in page for page in pages)


def test_the_mentor_sees_only_what_the_mentee_chose_to_share(client, pair):
    profile = MenteeProfile.objects.get(user=pair.mentee)
    profile.goals.set([Goal.objects.get(name="Stable housing")])
    profile.recovery_stage = RecoveryStage.RESTARTING
    profile.share_goals = True
    profile.share_recovery_stage = False
    profile.save()
    client.force_login(pair.mentor)

    html = client.get(reverse("mentorship:pair_detail", args=[pair.pk])).content.decode()

    assert "Stable housing" in html
    assert RecoveryStage.RESTARTING.label not in html
    entry = AccessLogEntry.objects.get(action=AccessAction.VIEW_SHARED_PROFILE)
    assert (entry.viewer, entry.mentee_id) == (pair.mentor, pair.mentee_id)


def test_the_mentee_sees_the_mentors_display_name_and_only_what_they_share(client, pair):
    pair.mentor.mentor_profile.share_languages = True
    pair.mentor.mentor_profile.save()
    client.force_login(pair.mentee)

    html = client.get(reverse("mentorship:mentee_home")).content.decode()

    assert pair.mentor.first_name in html
    assert pair.mentor.last_name not in html and pair.mentor.email not in html
    assert "My languages" in html and "How and when I can meet" not in html


def test_mentees_can_share_only_after_consenting_and_their_answers_are_kept(client, mentee):
    client.force_login(mentee)
    goal = Goal.objects.get(name="Stable housing")

    refused = client.post(
        reverse("mentorship:mentee_profile"),
        {"goals": [goal.pk], "support_style": "both", "share_goals": "on"},
    )
    saved = client.post(
        reverse("mentorship:mentee_profile"),
        {"goals": [goal.pk], "support_style": "both", "share_goals": "on", "consent": "on"},
    )

    assert refused.status_code == 400
    assert "Agree to the use of your answers first" in refused.content.decode()
    assert re.search(rf'name="goals" value="{goal.pk}"[^>]*checked', refused.content.decode())
    assert saved.status_code == 302
    profile = MenteeProfile.objects.get(user=mentee)
    assert profile.consented_at is not None and profile.share_goals
    assert list(profile.goals.all()) == [goal]


def test_viewing_a_mentee_profile_and_check_in_notes_is_logged(client, coordinator, pair):
    client.force_login(coordinator)

    client.get(reverse("mentorship:mentee_detail", args=[pair.mentee_id]))
    client.get(reverse("mentorship:checkins", args=[pair.pk]))
    client.force_login(pair.mentor)
    client.get(reverse("mentorship:checkins", args=[pair.pk]))

    entries = list(
        AccessLogEntry.objects.order_by("pk").values_list("viewer_email", "action", "mentee_id")
    )
    assert entries == [
        (coordinator.email, AccessAction.VIEW_PROFILE, pair.mentee_id),
        (coordinator.email, AccessAction.VIEW_NOTES, pair.mentee_id),
        (coordinator.email, AccessAction.VIEW_FEEDBACK, pair.mentee_id),
        (pair.mentor.email, AccessAction.VIEW_NOTES, pair.mentee_id),
    ]
    log = client.get(reverse("mentorship:access_log"))
    assert log.status_code == 403  # the mentor cannot read the log
    client.force_login(coordinator)
    page = client.get(reverse("mentorship:access_log") + f"?mentee={pair.mentee_id}")
    assert page.content.decode().count("Viewed check-in notes") == 2


def test_a_coordinator_exports_a_mentees_data_as_json_with_a_record(client, coordinator, pair):
    client.force_login(coordinator)

    response = client.post(
        reverse("mentorship:mentee_data", args=[pair.mentee_id]),
        {"action": "export", "export-requested_on": "2026-01-05", "export-note": "At intake"},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["mentee"]["id"] == pair.mentee_id
    assert data["pairings"][0]["checkins"][0]["notes"] == "Private note about the week"
    assert data["pairings"][0]["agreements"][0]["version"] == 1
    request = DataRequest.objects.get()
    assert request.kind == DataRequestKind.EXPORT and request.handled_by == coordinator
    assert str(request.requested_on) == "2026-01-05"
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT).count() == 1


def test_a_coordinator_deletes_a_mentees_data_on_request_and_the_request_is_kept(
    client, coordinator, pair
):
    services.milestones_record_due(pairings=[pair])
    client.force_login(coordinator)
    url = reverse("mentorship:mentee_data", args=[pair.mentee_id])

    unconfirmed = client.post(url, {"action": "delete", "delete-requested_on": "2026-01-05"})
    assert unconfirmed.status_code == 400 and Pairing.objects.filter(pk=pair.pk).exists()

    response = client.post(
        url, {"action": "delete", "delete-requested_on": "2026-01-05", "delete-confirm": "on"}
    )

    assert response.status_code == 302
    assert not Pairing.objects.filter(mentee=pair.mentee).exists()
    assert not Pairing.history.filter(mentee_id=pair.mentee_id).exists()
    assert not MenteeProfile.objects.filter(user=pair.mentee).exists()
    assert not CheckIn.objects.filter(pairing_id=pair.pk).exists()
    assert not Milestone.objects.filter(pairing_id=pair.pk).exists()
    request = DataRequest.objects.get(kind=DataRequestKind.DELETE)
    assert request.summary["checkins"] == 1 and request.summary["pairings"] == 1
    assert request.mentee_ref == f"mentee #{pair.mentee_id}"
    assert AccessLogEntry.objects.filter(
        mentee_id=pair.mentee_id, action=AccessAction.DELETE
    ).exists()


def test_the_admin_lists_are_for_coordinators_only(client, coordinator, mentor):
    url = reverse("mentorship_goals:index")
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(mentor)
    assert client.get(url).status_code in (302, 403)


def test_program_pages_are_never_cached_by_the_browser(client, pair):
    client.force_login(pair.mentor)

    response = client.get(reverse("mentorship:checkins", args=[pair.pk]))

    assert "no-store" in response["Cache-Control"]


def test_withdrawn_consent_hides_what_the_mentee_had_shared(client, coordinator, pair):
    profile = MenteeProfile.objects.get(user=pair.mentee)
    profile.goals.set([Goal.objects.get(name="Stable housing")])
    profile.share_goals = True
    profile.save()
    services.mentee_profile_save(mentee=pair.mentee, data={}, by=coordinator, consent=False)
    client.force_login(pair.mentor)

    html = client.get(reverse("mentorship:pair_detail", args=[pair.pk])).content.decode()

    assert "Stable housing" not in html
    assert "chosen not to share" in html
