"""Who may open what: every URL pattern of the project, for each of the six roles.

The patterns are enumerated from the resolver: our own urlconfs (accounts, search, training,
program, credentials, certificates, Django's auth views under /accounts/) and, in the Wagtail
admin, whatever our own `wagtail_hooks` register. Wagtail's and Django's internals are left out.
A pattern with no row in ACCESS_MATRIX fails `test_every_url_pattern_has_an_access_row`.
"""

# ruff: noqa: E501 - ROWS is a table, one row per line, read across

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import URLResolver, get_resolver, resolve, reverse

from wagtail import hooks

import pytest

from tests.figures import REPORT
from tests.security.conftest import ROLES

pytestmark = pytest.mark.django_db

# What a visitor gets: a status code, or where a redirect leads.
L = "login"  # to /accounts/login/?next=...
AL = "admin login"  # to Wagtail's own sign-in, /admin/login/?next=...
# Wagtail's refusal: back to the dashboard with "Sorry, you do not have permission".
REFUSED = "→/admin/"
HOME = "→/accounts/home/"  # already signed in: on to the role's home page


def admin(coordinator):
    """An admin page of ours: only staff get past the admin sign-in, and only coordinators hold
    the model permissions; editors (admin access, no permission) are refused."""
    return (AL, AL, AL, AL, REFUSED, coordinator)


def everyone(outcome):
    return (outcome,) * len(ROLES)


def _program_list(prefix, item):
    """The three coordinator-edited mentorship lists (view, add and change; never delete)."""
    return {
        f"{prefix}:index": (f"/admin/{prefix}/", admin(200)),
        f"{prefix}:index_results": (f"/admin/{prefix}/results/", admin(200)),
        f"{prefix}:add": (f"/admin/{prefix}/new/", admin(200)),
        f"{prefix}:edit": (f"/admin/{prefix}/edit/{{{item}}}/", admin(200)),
        f"{prefix}:delete": (f"/admin/{prefix}/delete/{{{item}}}/", admin(REFUSED)),
        f"{prefix}:history": (f"/admin/{prefix}/history/{{{item}}}/", admin(200)),
        f"{prefix}:history_results": (f"/admin/{prefix}/history-results/{{{item}}}/", admin(200)),
        f"{prefix}:usage": (f"/admin/{prefix}/usage/{{{item}}}/", admin(200)),
        f"{prefix}:inspect": (f"/admin/{prefix}/inspect/{{{item}}}/", admin(200)),
        f"{prefix}:copy": (f"/admin/{prefix}/copy/{{{item}}}/", admin(200)),
    }


# pattern name (or, for a Wagtail page, "page: ..."):
#   (example request, (anonymous, mentor, mentee, recruiter, editor, coordinator))
# The mentor and mentee are the pair's; the mentor holds the credential record, the CE entry and
# the certificate, and has completed no module yet. "POST " marks a POST-only endpoint, sent
# with an empty body. {name} is filled from the world (tests/security/conftest.py).
ROWS = {
    # --- accounts (/accounts/), including Django's auth views
    "login":                   ("/accounts/login/", (200, HOME, HOME, HOME, HOME, HOME)),
    "logout":                  ("POST /accounts/logout/", everyone("→/")),
    "register":                ("/accounts/register/", (200, HOME, HOME, HOME, HOME, HOME)),
    "register_done":           ("/accounts/register/done/", everyone(200)),
    "register_resend":         ("/accounts/register/again/", everyone(200)),
    # A valid link shows the form that creates the account (opening it changes nothing).
    "register_confirm":        ("/accounts/register/confirm/{pending_token}/", everyone(200)),
    "invitation_new":          ("/accounts/invitations/new/", (L, 403, 403, 403, 403, 200)),
    "invitation_accept":       ("/accounts/invitation/{invitation}/", everyone(200)),
    # The second factor: with none enrolled, the step sends one to set it up (anyone may).
    "second_factor":           ("/accounts/second-factor/", (L, *(("→/accounts/second-factor/setup/",) * 5))),
    "second_factor_setup":     ("/accounts/second-factor/setup/", (L, 200, 200, 200, 200, 200)),
    "second_factor_reset":     ("/accounts/second-factor/reset/", (L, 403, 403, 403, 403, 200)),
    # Recovery codes after a first passkey: shown once, right after it; otherwise on home.
    "second_factor_codes":     ("/accounts/second-factor/codes/", (L, HOME, HOME, HOME, HOME, HOME)),
    # Passkey ceremonies (JSON, django-otp-webauthn): only for a signed-in person (no passwordless
    # sign-in); an empty body finds no ceremony begun (400).
    "otp_webauthn:credential-registration-begin":       ("POST /accounts/second-factor/passkey/registration/begin/", (403, 200, 200, 200, 200, 200)),
    "otp_webauthn:credential-registration-complete":    ("POST /accounts/second-factor/passkey/registration/complete/", (403, 400, 400, 400, 400, 400)),
    "otp_webauthn:credential-authentication-begin":     ("POST /accounts/second-factor/passkey/authentication/begin/", (403, 200, 200, 200, 200, 200)),
    "otp_webauthn:credential-authentication-complete":  ("POST /accounts/second-factor/passkey/authentication/complete/", (403, 400, 400, 400, 400, 400)),
    "otp_webauthn:js-i18n-catalog":                     ("/accounts/second-factor/passkey/jsi18n/", everyone(200)),
    # One's own second factors; another person's (here the world's "enrolled" mentor) is a 404.
    "account_security":        ("/accounts/security/", (L, 200, 200, 200, 200, 200)),
    "second_factor_remove":    ("/accounts/security/app/{enrolled_app}/remove/", (L, 404, 404, 404, 404, 404)),
    "home-redirect":           ("/accounts/home/", (L, "→/training/dashboard/", "→/program/mentee/", "→/verify/", "→/admin/", "→/admin/")),
    # The idle-timeout warning's "Stay signed in".
    "keep_alive":              ("POST /accounts/keep-alive/", (401, 204, 204, 204, 204, 204)),
    "password_change":         ("/accounts/password_change/", (L, 200, 200, 200, 200, 200)),
    "password_change_done":    ("/accounts/password_change/done/", (L, 200, 200, 200, 200, 200)),
    "password_reset":          ("/accounts/password_reset/", everyone(200)),
    "password_reset_done":     ("/accounts/password_reset/done/", everyone(200)),
    "password_reset_confirm":  ("/accounts/reset/{reset_uid}/{reset_token}/", everyone("→/accounts/reset/{reset_uid}/set-password/")),
    "password_reset_complete": ("/accounts/reset/done/", everyone(200)),
    # --- search and training
    "search":                  ("/search/?q=mentor", everyone(200)),
    # The style guide: staff who build and review pages (editors, coordinators).
    "styleguide":              ("/styleguide/", (L, 403, 403, 403, 200, 200)),
    "training_dashboard":      ("/training/dashboard/", (L, 200, 403, 403, 200, 200)),
    # Training pages routed from the cached structure (the "page: ..." rows below have the rest).
    "training_page":           ("{lesson_url}", (L, 200, 403, 403, 200, 200)),
    # Quiz drafts: an empty body is refused before any attempt is looked up (owners only: see
    # tests/training/test_quiz_draft.py).
    "quiz_attempt_draft":      ("POST /training/attempts/999999/draft/", (L, 400, 400, 400, 400, 400)),
    # The post-training evaluation opens only for a learner who finished the track (the mentor
    # has, before it had questions: tests/training/test_evaluation.py); each track's hours and
    # evaluations summed up are for coordinators.
    "track_evaluation":        ("/training/tracks/{track}/evaluation/", (L, 200, 404, 404, 404, 404)),
    "provider_pack_index":     ("/training/tracks/provider-pack/", (L, 403, 403, 403, 403, 200)),
    "provider_pack":           ("/training/tracks/{track}/provider-pack/", (L, 403, 403, 403, 403, 200)),
    "track_evaluations_csv":   ("/training/tracks/{track}/evaluations.csv", (L, 403, 403, 403, 403, 200)),
    "track_evaluations_xlsx":  ("/training/tracks/{track}/evaluations.xlsx", (L, 403, 403, 403, 403, 200)),
    # --- the mentorship program (/program/); same answers as tests/mentorship/test_access.py
    # The old spelling's paths answer a permanent redirect to the same place, for everyone.
    "old_spelling_redirect":            ("/programme/coordinator/?x=1", everyone("→/program/coordinator/")),
    "mentorship:home":                  ("/program/", (L, "→/program/mentor/", "→/program/mentee/", 403, 403, "→/program/coordinator/")),
    "mentorship:coordinator_dashboard": ("/program/coordinator/", (L, 403, 403, 403, 403, 200)),
    "mentorship:board_list":            ("/program/coordinator/pairs/overdue/", (L, 403, 403, 403, 403, 200)),
    "mentorship:mentee_list":           ("/program/coordinator/mentees/", (L, 403, 403, 403, 403, 200)),
    "mentorship:mentee_detail":         ("/program/coordinator/mentees/{mentee}/", (L, 403, 403, 403, 403, 200)),
    "mentorship:pair_confirm":          ("POST /program/coordinator/mentees/{mentee}/pair/", (L, 403, 403, 403, 403, 400)),
    "mentorship:mentee_profile_edit":   ("/program/coordinator/mentees/{mentee}/profile/", (L, 403, 403, 403, 403, 200)),
    "mentorship:mentee_data":           ("/program/coordinator/mentees/{mentee}/data/", (L, 403, 403, 403, 403, 200)),
    "mentorship:mentor_list":           ("/program/coordinator/mentors/", (L, 403, 403, 403, 403, 200)),
    "mentorship:mentor_detail":         ("/program/coordinator/mentors/{mentor}/", (L, 403, 403, 403, 403, 200)),
    "mentorship:weights":               ("/program/coordinator/weights/", (L, 403, 403, 403, 403, 200)),
    "mentorship:concern_resolve":       ("/program/coordinator/concerns/{concern}/", (L, 403, 403, 403, 403, 200)),
    "mentorship:access_log":            ("/program/coordinator/access-log/", (L, 403, 403, 403, 403, 200)),
    "mentorship:pair_detail":           ("/program/pairs/{pair}/", (L, 200, 403, 403, 403, 200)),
    "mentorship:checkins":              ("/program/pairs/{pair}/checkins/", (L, 200, 403, 403, 403, 200)),
    "mentorship:checkin_new":           ("/program/pairs/{pair}/checkins/new/", (L, 200, 403, 403, 403, 403)),
    "mentorship:agreement":             ("/program/pairs/{pair}/agreement/", (L, 200, 200, 403, 403, 200)),
    "mentorship:agreement_edit":        ("/program/pairs/{pair}/agreement/edit/", (L, 200, 403, 403, 403, 200)),
    "mentorship:milestone_new":         ("/program/pairs/{pair}/milestones/new/", (L, 200, 403, 403, 403, 200)),
    "mentorship:pair_end":              ("/program/pairs/{pair}/end/", (L, 403, 403, 403, 403, 200)),
    "mentorship:mentor_home":           ("/program/mentor/", (L, 200, 403, 403, 403, 403)),
    "mentorship:mentor_profile":        ("/program/mentor/profile/", (L, 200, 403, 403, 403, 403)),
    "mentorship:mentee_home":           ("/program/mentee/", (L, 403, 200, 403, 403, 403)),
    "mentorship:mentee_profile":        ("/program/mentee/profile/", (L, 403, 200, 403, 403, 403)),
    "mentorship:feedback":              ("/program/mentee/feedback/{checkin}/", (L, 403, 200, 403, 403, 403)),
    "mentorship:application":           ("/program/mentor/application/", (L, 200, 403, 403, 403, 403)),
    "mentorship:application_board":     ("/program/coordinator/applications/", (L, 403, 403, 403, 403, 200)),
    "mentorship:application_detail":    ("/program/coordinator/applications/{application}/", (L, 403, 403, 403, 403, 200)),
    "mentorship:interview_new":         ("/program/coordinator/applications/{application}/interview/", (L, 403, 403, 403, 403, 200)),
    "mentorship:clinician_home":        ("/program/clinician/", (L, 403, 403, 403, 403, 403)),
    "mentorship:clinician_concern":     ("/program/clinician/concerns/{concern}/", (L, 403, 403, 403, 403, 403)),
    # --- credentials: the holder's own pages; private files answer 404 to anyone else
    "credentials:mine":               ("/credentials/", (L, 200, 403, 403, 403, 403)),
    "credentials:record_add":         ("/credentials/add/", (L, 200, 403, 403, 403, 403)),
    "credentials:record_edit":        ("/credentials/{record}/edit/", (L, 200, 403, 403, 403, 403)),
    "credentials:record_evidence":    ("/credentials/{record}/evidence/", (L, 200, 404, 404, 404, 200)),
    "credentials:audit_packet":       ("/credentials/{record}/audit-packet.pdf", (L, 200, 404, 404, 404, 200)),
    "credentials:audit_certificates": ("/credentials/{record}/certificates.zip", (L, 200, 404, 404, 404, 200)),
    "credentials:ce_add":             ("/credentials/ce/add/", (L, 200, 403, 403, 403, 403)),
    "credentials:ce_certificate":     ("/credentials/ce/{entry}/certificate/", (L, 200, 404, 404, 404, 200)),
    "credentials:ce_delete":          ("POST /credentials/ce/{entry}/delete/", (L, "→/credentials/", 403, 403, 403, 403)),
    "credentials:crs_application":    ("/credentials/crs-application/", (L, 200, 403, 403, 403, 403)),
    "credentials:crs_application_essay": ("/credentials/crs-application/essay.txt", (L, 200, 403, 403, 403, 403)),
    # Not shared: only its owner opens it; everyone else gets the 404 of a missing file.
    "credentials:crs_application_file": ("/credentials/crs-application/{crs_application}/education/", (L, 200, 404, 404, 404, 404)),
    "credentials:crs_application_cohort": ("/credentials/crs-application/cohort/", (L, 403, 403, 403, 403, 200)),
    "credentials:outcomes":           ("/credentials/outcomes/", (L, 403, 403, 403, 403, 200)),
    "credentials:outcomes_csv":       ("/credentials/outcomes.csv", (L, 403, 403, 403, 403, 200)),
    "credentials:outcomes_pdf":       ("/credentials/outcomes.pdf", (L, 403, 403, 403, 403, 200)),
    "credentials:supervision":        ("/credentials/supervision/", (L, 200, 403, 403, 403, 403)),
    "credentials:supervision_csv":    ("/credentials/supervision/log.csv", (L, 200, 403, 403, 403, 403)),
    "credentials:supervision_pdf":    ("/credentials/supervision/log.pdf", (L, 200, 403, 403, 403, 403)),
    "credentials:supervision_review": ("/credentials/supervision/review/", (L, 403, 403, 403, 403, 200)),
    # Only the named supervisor gets past the role check; an empty decision is a 400.
    "credentials:supervision_decide": ("POST /credentials/supervision/{supervision}/decide/", (L, 403, 403, 403, 403, 400)),
    "credentials:ce_claim":           ("POST /credentials/ce/{entry}/claim/", (L, 400, 403, 403, 403, 403)),
    # --- certificates: public verification, the holder's certificates, recruiters' bulk checks
    "certificates:verify":       ("/verify/", everyone(200)),
    "certificates:verify_pdf":   ("POST /verify/pdf/", everyone(400)),
    "certificates:bulk":         ("/verify/bulk/", (L, 403, 403, 200, 403, 200)),
    "certificates:verify_json":  ("/verify/{token}.json", everyone(200)),
    "certificates:verify_token": ("/verify/{token}/", everyone(200)),
    "certificates:mine":         ("/certificates/", (L, 200, 403, 403, 200, 200)),
    "certificates:set_public":   ("POST /certificates/{certificate}/public/", (L, "→/certificates/", 404, 404, 404, 404)),
    "certificates:download":     ("/certificates/{certificate}/certificate.pdf", (L, 200, 404, 404, 404, 200)),
    # Open Badges: public keys, issuer, status lists and (consented) credentials for machines;
    # the holder's badge downloads; the recruiter's upload (an empty POST is a 400).
    "healthz":                                 ("/healthz", everyone(200)),
    "certificates:openbadges:jwks":            ("/.well-known/jwks.json", everyone(200)),
    "certificates:openbadges:issuer":          ("/openbadges/issuer", everyone(200)),
    "certificates:openbadges:key":             ("/openbadges/keys/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", everyone(404)),
    "certificates:openbadges:status_list":     ("/openbadges/status/1", everyone(200)),
    "certificates:openbadges:status_list_jwt": ("/openbadges/status/1.jwt", everyone(200)),
    "certificates:openbadges:credential":      ("/openbadges/credentials/{token}", everyone(404)),
    "certificates:openbadges:download_json":   ("/certificates/{certificate}/openbadge.json", (L, 200, 404, 404, 404, 200)),
    "certificates:openbadges:download_jwt":    ("/certificates/{certificate}/openbadge.jwt", (L, 200, 404, 404, 404, 200)),
    "certificates:openbadges:verify_upload":   ("POST /verify/badge/", everyone(400)),
    # --- Wagtail admin: our reports and viewsets
    "lms_invitations:index":                ("/admin/invitations/", admin(200)),
    # Revoke and resend are POST-only and answer with the list (a refusal is a 400 there).
    "lms_invitations:revoke":               ("POST /admin/invitations/{invitation_to_revoke}/revoke/", admin("→/admin/invitations/")),
    "lms_invitations:resend":               ("POST /admin/invitations/{invitation_to_resend}/resend/", admin("→/admin/invitations/")),
    "lms_reports:learner_progress":         ("/admin/training-reports/learners/", admin(200)),
    "lms_reports:learner_progress_results": ("/admin/training-reports/learners/results/", admin(200)),
    "lms_reports:question_stats":           ("/admin/training-reports/questions/", admin(200)),
    "lms_reports:question_stats_results":   ("/admin/training-reports/questions/results/", admin(200)),
    # The review trail: editors write and approve the training, so they see it as well.
    "lms_pcb:participants":                 ("/admin/pcb-participants/", admin(200)),
    "lms_pcb:participants_results":         ("/admin/pcb-participants/results/", admin(200)),
    "lms_review:modules_due":               ("/admin/training-review/", (AL, AL, AL, AL, 200, 200)),
    "lms_review:modules_due_results":       ("/admin/training-review/results/", (AL, AL, AL, AL, 200, 200)),
    # Grants are added and viewed, never changed or deleted.
    "quiz_attempt_grants:index":           ("/admin/quiz_attempt_grants/", admin(200)),
    "quiz_attempt_grants:index_results":   ("/admin/quiz_attempt_grants/results/", admin(200)),
    "quiz_attempt_grants:add":             ("/admin/quiz_attempt_grants/new/", admin(200)),
    "quiz_attempt_grants:edit":            ("/admin/quiz_attempt_grants/edit/{grant}/", admin(REFUSED)),
    "quiz_attempt_grants:delete":          ("/admin/quiz_attempt_grants/delete/{grant}/", admin(REFUSED)),
    "quiz_attempt_grants:history":         ("/admin/quiz_attempt_grants/history/{grant}/", admin(200)),
    "quiz_attempt_grants:history_results": ("/admin/quiz_attempt_grants/history-results/{grant}/", admin(200)),
    "quiz_attempt_grants:usage":           ("/admin/quiz_attempt_grants/usage/{grant}/", admin(REFUSED)),
    "quiz_attempt_grants:inspect":         ("/admin/quiz_attempt_grants/inspect/{grant}/", admin(200)),
    **_program_list("mentorship_experience_areas", "area"),
    **_program_list("mentorship_goals", "goal"),
    **_program_list("mentorship_checkin_topics", "topic"),
    **_program_list("mentorship_rubric_criteria", "criterion"),
    # The program's focuses: one row per focus, so no copy page; retired, never deleted.
    **{
        key: row
        for key, row in _program_list("mentorship_program_focuses", "focus").items()
        if key != "mentorship_program_focuses:copy"
    },
    # Records are never deleted: suspended or revoked, with a reason.
    "credential_records:index":           ("/admin/credentials/records/", admin(200)),
    "credential_records:index_results":   ("/admin/credentials/records/results/", admin(200)),
    "credential_records:add":             ("/admin/credentials/records/new/", admin(200)),
    "credential_records:edit":            ("/admin/credentials/records/edit/{record}/", admin(200)),
    "credential_records:delete":          ("/admin/credentials/records/delete/{record}/", admin(REFUSED)),
    "credential_records:history":         ("/admin/credentials/records/history/{record}/", admin(200)),
    "credential_records:history_results": ("/admin/credentials/records/history-results/{record}/", admin(200)),
    "credential_records:usage":           ("/admin/credentials/records/usage/{record}/", admin(200)),
    "credential_records:inspect":         ("/admin/credentials/records/inspect/{record}/", admin(200)),
    "credential_records:action":          ("/admin/credentials/records/action/{record}/confirm/", admin(200)),
    "credential_types:index":           ("/admin/credentials/types/", admin(200)),
    "credential_types:index_results":   ("/admin/credentials/types/results/", admin(200)),
    "credential_types:add":             ("/admin/credentials/types/new/", admin(REFUSED)),
    "credential_types:edit":            ("/admin/credentials/types/edit/{credential_type}/", admin(200)),
    "credential_types:delete":          ("/admin/credentials/types/delete/{credential_type}/", admin(REFUSED)),
    "credential_types:history":         ("/admin/credentials/types/history/{credential_type}/", admin(200)),
    "credential_types:history_results": ("/admin/credentials/types/history-results/{credential_type}/", admin(200)),
    "credential_types:usage":           ("/admin/credentials/types/usage/{credential_type}/", admin(200)),
    # Certificates change only by revoking or reissuing, with a reason (the action page).
    "certificates_admin:index":           ("/admin/certificates/", admin(200)),
    "certificates_admin:index_results":   ("/admin/certificates/results/", admin(200)),
    "certificates_admin:add":             ("/admin/certificates/new/", admin(REFUSED)),
    "certificates_admin:edit":            ("/admin/certificates/edit/{certificate}/", admin(REFUSED)),
    "certificates_admin:delete":          ("/admin/certificates/delete/{certificate}/", admin(REFUSED)),
    "certificates_admin:history":         ("/admin/certificates/history/{certificate}/", admin(200)),
    "certificates_admin:history_results": ("/admin/certificates/history-results/{certificate}/", admin(200)),
    "certificates_admin:usage":           ("/admin/certificates/usage/{certificate}/", admin(200)),
    "certificates_admin:inspect":         ("/admin/certificates/inspect/{certificate}/", admin(200)),
    "certificates_admin:action":          ("/admin/certificates/action/{certificate}/revoke/", admin(200)),
    # --- Wagtail pages (served by Wagtail's catch-all; not patterns of ours, but our page types)
    "page: home":                        ("/", everyone(200)),
    "page: mentee resources":            ("/resources/", (L, 403, 200, 403, 200, 200)),
    "page: a mentee resource":           ("{resource_url}", (L, 403, 200, 403, 200, 200)),
    "page: training index":              ("/training/", everyone(200)),
    "page: track":                       ("{track_url}", everyone(200)),
    "page: module 1":                    ("{module_url}", everyone(200)),
    "page: a lesson of module 1":        ("{lesson_url}", (L, 200, 403, 403, 200, 200)),
    "page: the quiz of module 1":        ("{quiz_url}", (L, 200, 403, 403, 200, 200)),
    "page: a lesson of locked module 2": ("{locked_lesson_url}", (L, 403, 403, 403, 200, 200)),
    "page: no such page":                ("/no-such-page/", everyone(404)),
}  # fmt: skip

ACCESS_MATRIX = {key: dict(zip(ROLES, row, strict=True)) for key, (_, row) in ROWS.items()}
EXAMPLE_REQUESTS = {key: request for key, (request, _) in ROWS.items()}
PAGE_ROWS = {key for key in ROWS if key.startswith("page: ")}

# Cells where the project answers wrongly today: the expected answer stays in the table, the case
# is marked xfail (strict) until the bug is fixed. {(key, role): reason}
KNOWN_BUGS: dict = {}

CASES = [
    pytest.param(
        key,
        role,
        id=f"{key}-{role}",
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[key, role])]
        if (key, role) in KNOWN_BUGS
        else [],
    )
    for key in ROWS
    for role in ROLES
]


# The Clinician's row. A clinician holds no model permission and no staff access, so across the
# project they get what a recruiter (the other signed-in role with nothing of the program) gets,
# except on the pages that differ by role: here, explicitly.
CLINICIAN_OVERRIDES = {
    "home-redirect":                ("→/program/clinician/"),
    "mentorship:home":              ("→/program/clinician/"),
    "certificates:bulk":            403,  # recruiters' bulk checks only
    "mentorship:clinician_home":    200,
    "mentorship:clinician_concern": 200,  # the check-in behind the concern and the agreement
}  # fmt: skip
CLINICIAN_ROW = {
    key: CLINICIAN_OVERRIDES.get(key, row["recruiter"]) for key, row in ACCESS_MATRIX.items()
}
CLINICIAN_CASES = sorted(CLINICIAN_ROW)


# ----------------------------------------------------------------------------- enumeration

OUR_PACKAGES = ("lms", "content", "credentials")
WAGTAIL_URLCONFS = ("wagtail.admin.urls", "wagtail.documents.urls", "wagtail.urls")


@dataclass(frozen=True)
class Pattern:
    key: str  # the qualified name, or the route when a pattern has no name
    route: str
    namespace: str
    urlconf: str  # the first module-level urlconf it was included from ("" for lms.urls)


def _urlconf_name(resolver: URLResolver) -> str:
    conf = resolver.urlconf_name
    return conf if isinstance(conf, str) else getattr(conf, "__name__", "")


def _walk(patterns, prefix="", namespace="", urlconf=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry.url_patterns, route, inner, urlconf or _urlconf_name(entry))
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Pattern(key=name or route, route=route, namespace=namespace, urlconf=urlconf)


def _ours(function) -> bool:
    return function.__module__.split(".")[0] in OUR_PACKAGES


def our_admin_names() -> tuple[set[str], set[str]]:
    """(namespaces, bare names) of the admin URLs that our own wagtail_hooks register."""
    namespaces, names = set(), set()
    for register in filter(_ours, hooks.get_hooks("register_admin_viewset")):
        registered = register()
        for viewset in getattr(registered, "registerables", [registered]):
            namespaces.add(viewset.name)
    for register in filter(_ours, hooks.get_hooks("register_admin_urls")):
        for pattern in _walk(register()):
            if pattern.namespace:
                namespaces.add(pattern.namespace.split(":")[0])
            else:
                names.add(pattern.key)
    return namespaces, names


def project_patterns() -> dict[str, Pattern]:
    """Every URL pattern the project itself serves, by key."""
    namespaces, names = our_admin_names()
    found = {}
    for pattern in _walk(get_resolver().url_patterns):
        if pattern.urlconf == "wagtail.admin.urls":
            if pattern.namespace.split(":")[0] not in namespaces and pattern.key not in names:
                continue
        elif pattern.urlconf in WAGTAIL_URLCONFS:
            continue
        found.setdefault(pattern.key, pattern)
    return found


# ----------------------------------------------------------------------------- helpers


def outcome(response):
    """The status code, or where a redirect leads: "login", "admin login" or "→/path"."""
    if response.status_code not in (301, 302, 303, 307):
        return response.status_code
    target = urlsplit(response["Location"]).path
    if target == reverse("login"):
        return L
    if target == reverse("wagtailadmin_login"):
        return AL
    return f"→{target}"


def send(client, world, key):
    method, _, url = EXAMPLE_REQUESTS[key].rpartition(" ")
    url = world.url(url)
    return client.post(url) if method == "POST" else client.get(url)


def expected(world, key, role):
    value = ACCESS_MATRIX[key][role]
    return world.url(value) if isinstance(value, str) else value


def secrets(world, role) -> list[str]:
    """What only the people involved may read: it must never reach a refused visitor (a signed-in
    visitor's own email may show in the page header)."""
    return [
        *(world.people[other].email for other in ("mentee", "mentor") if other != role),
        "Private note about the week",
        "A private worry",
        world.ids["record_number"],
    ]


# ----------------------------------------------------------------------------- tests


def test_every_url_pattern_has_an_access_row():
    patterns = project_patterns()
    missing = sorted(f"{key}  ({p.route})" for key, p in patterns.items() if key not in ROWS)
    stale = sorted(set(ROWS) - set(patterns) - PAGE_ROWS)
    REPORT["access matrix: URL patterns"] = len(patterns)
    REPORT["access matrix: Wagtail page URLs"] = len(PAGE_ROWS)
    REPORT["access matrix: roles"] = len(ROLES)
    REPORT["access matrix: cases"] = len(CASES)

    assert not missing, "URL patterns with no row in ACCESS_MATRIX:\n" + "\n".join(missing)
    assert not stale, f"Rows for patterns that no longer exist: {stale}"


def test_the_enumeration_covers_every_area_of_the_project():
    namespaces = {p.namespace.split(":")[0] for p in project_patterns().values()}

    assert {
        "mentorship",
        "credentials",
        "certificates",
        "lms_reports",
        "lms_review",
        "lms_pcb",
        "lms_invitations",
        "quiz_attempt_grants",
        "credential_records",
        "credential_types",
        "certificates_admin",
        "mentorship_goals",
    } <= namespaces
    assert {"wagtailadmin_pages", "wagtaildocs", "wagtailimages", "wagtailusers_users"}.isdisjoint(
        namespaces
    )


def test_every_example_url_opens_the_pattern_it_stands_for(world):
    wrong = {}
    for key in set(ROWS) - PAGE_ROWS:
        path = urlsplit(world.url(EXAMPLE_REQUESTS[key].rpartition(" ")[2])).path
        if resolve(path).view_name != key:
            wrong[key] = resolve(path).view_name
    for key in PAGE_ROWS:
        path = world.url(EXAMPLE_REQUESTS[key])
        # Wagtail's view, or the training's (Wagtail's view with the route from the cache).
        if resolve(path).view_name not in ("wagtail_serve", "training_page"):
            wrong[key] = resolve(path).view_name

    assert wrong == {}


def test_program_rows_agree_with_the_mentorship_access_table():
    from tests.mentorship.test_access import ACCESS, VISITORS

    def plain(outcome):  # that table writes every redirect but sign-in as 302
        return 302 if isinstance(outcome, str) and outcome.startswith("→") else outcome

    assert VISITORS == ROLES
    differ = {
        name: (theirs, ROWS[f"mentorship:{name}"][1])
        for name, theirs in ACCESS.items()
        if not EXAMPLE_REQUESTS[f"mentorship:{name}"].startswith("POST ")  # they GET it: 405
        and tuple(map(plain, ROWS[f"mentorship:{name}"][1])) != theirs
    }

    assert differ == {}


@pytest.mark.parametrize(("key", "role"), CASES)
def test_each_role_gets_the_answer_in_the_access_matrix(as_role, world, key, role):
    response = send(as_role(role), world, key)

    assert outcome(response) == expected(world, key, role)
    if response.status_code >= 300:
        body = response.content.decode(errors="replace")
        assert [secret for secret in secrets(world, role) if secret in body] == []


@pytest.mark.parametrize("key", CLINICIAN_CASES)
def test_the_clinician_gets_the_answer_in_the_clinician_row(as_role, world, key):
    response = send(as_role("clinician"), world, key)

    value = CLINICIAN_ROW[key]
    assert outcome(response) == (world.url(value) if isinstance(value, str) else value)
    if response.status_code >= 300:
        body = response.content.decode(errors="replace")
        assert [secret for secret in secrets(world, "clinician") if secret in body] == []


def test_a_coordinator_cannot_rewrite_an_existing_grant_through_a_copy_page(as_role, world):
    """Wagtail 8's copy view binds its form to the instance being copied, so a POST to it saved
    over the original: a coordinator (who may add grants, not change them) could rewrite
    another's grant. Grants now have no copy page."""
    from lms.training.models import QuizAttemptGrant

    client = as_role("coordinator")
    assert outcome(client.get(world.url("/admin/quiz_attempt_grants/edit/{grant}/"))) == REFUSED

    client.post(
        world.url("/admin/quiz_attempt_grants/copy/{grant}/"),
        {"user": world.ids["mentor"], "quiz": world.ids["quiz"], "attempts": 9, "reason": "Later"},
    )

    grant = QuizAttemptGrant.objects.get(pk=world.ids["grant"])
    assert (grant.attempts, grant.reason) == (1, "Lost connection")


def test_a_certificate_is_never_saved_through_the_generic_edit_form(as_role, world):
    """The certificate viewset once set edit_view_enabled = False, which Wagtail 8 ignores: the
    generic edit form was served and saved a history row with no reason."""
    from credentials.models import Certificate

    before = Certificate.history.count()

    response = as_role("coordinator").post(world.url("/admin/certificates/edit/{certificate}/"))

    assert outcome(response) == REFUSED
    assert Certificate.history.count() == before


# ----------------------------------------------------------------------------- bulk actions

# Our bulk actions (register_bulk_action) are all served by one Wagtail pattern, so the
# enumeration above cannot see them: each has its row here, by model and action, ticking the
# mentor's credential record. Only coordinators (who may confirm records) get the page.
BULK = "/admin/bulk/credentials/credentialrecord/{action}/?next=/admin/credentials/records/&id={{record}}"
BULK_ROWS = {
    "credentials.credentialrecord confirm": (BULK.format(action="confirm"), admin(200)),
    # The export hands over to the list's own CSV export of the ticked rows.
    "credentials.credentialrecord export": (
        BULK.format(action="export"),
        admin("→/admin/credentials/records/"),
    ),
    "credentials.credentialrecord remind": (BULK.format(action="remind"), admin(200)),
}


def our_bulk_actions() -> set[str]:
    return {
        f"{model._meta.label_lower} {action.action_type}"
        for action in hooks.get_hooks("register_bulk_action")
        if _ours(action)
        for model in action.models
    }


def test_every_bulk_action_of_ours_has_an_access_row():
    assert our_bulk_actions() == set(BULK_ROWS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(BULK_ROWS))
def test_each_role_gets_the_answer_in_the_bulk_action_rows(as_role, world, key, role):
    url, row = BULK_ROWS[key]
    response = as_role(role).get(world.url(url))

    assert outcome(response) == dict(zip(ROLES, row, strict=True))[role]
    if response.status_code >= 300 or role != "coordinator":
        body = response.content.decode(errors="replace")
        assert [secret for secret in secrets(world, role) if secret in body] == []
