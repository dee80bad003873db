"""Every form a person fills in, filled with bad input in the browser and sent; and every block
type of the page editor saved with invalid data. Never a server error, always an error shown on
the field, and nothing the person typed elsewhere lost.

tests/security/test_bad_input.py fuzzes the same forms through Django's test client; here each
is opened as the role that uses it, the browser's own checks (required, maxlength, min, max,
input types) are taken off so the server sees what was typed, every visible field is filled with
a hostile value (5,000 characters, a right-to-left override, zero-width characters, -1 and
10**20, February 30, the year 1 and the year 9999) and one required field is left empty. Forms
that change only this module's own throwaway records are then sent once more with nothing empty;
forms over shared data never get a send they could take (see _sends).

The page editor part adds each block type of the content and quiz streams with invalid data,
presses "Save draft" (and "Submit to Review" for the required fields a draft may leave empty),
expects the message on the block's field, fixes the value and saves; autosave must answer the
invalid form with a validation error (not a 500) and save again once the page is valid.

Everything written here belongs to accounts and pages made for this module (named after it),
and is deleted at the end, so the shared demo data (make stack) stays as it was.
"""

import contextlib
import hashlib
import hmac
import json
import re
import struct
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, REPORT, RESULTS, ROOT, STACK, sign_in

WIDE = {"width": 1280, "height": 900}
SELF = "tests.e2e.test_forms_bad_input"

# ----------------------------------------------------------------------------- hostile values

LONG = "Long " + "x" * 4995  # 5,000 characters
TEXTS = [
    LONG,
    "Name\u202eevil\u202c reversed",  # a right-to-left override
    "zero\u200bwidth\u200c\u200djoin\ufeffers",  # zero-width space, (non-)joiners, BOM
    "ｆｕｌｌｗｉｄｔｈ Ｎａｍｅ ①",
    "Zalgo z̸̢a̷l̶g̵o 😀 Ω≈ç√ 𝕏",
    "<script>alert(1)</script> ' OR '1'='1 {{ 7*7 }} %s%n",
]
NUMBERS = ["-1", str(10**20), "1e309", "١٢"]  # negative, past 64 bits, infinity, Arabic digits
DATES = ["2026-02-30", "0001-01-01", "9999-12-31", "2126-06-15"]  # impossible, first, far future
EMAILS = ["\u202eadmin@example.org", "x" * 5000 + "@example.org", "a@b", "名前@例え.テスト"]
PASSWORDS = ["pässwörd\u202e\u200b", "x" * 5000]
URLS = ["javascript:alert(1)", "https://\u202eexample.org/" + "x" * 5000]

HOSTILE = {
    "text": TEXTS,
    "number": NUMBERS,
    "date": DATES,
    "email": EMAILS,
    "password": PASSWORDS,
    "url": URLS,
}
# A form sent by GET puts its values in the address, and an address past 4,094 bytes is refused
# before the application sees it (gunicorn's limit; nginx's is larger): 300 characters there.
HOSTILE_GET = {**HOSTILE, "text": ["Long " + "x" * 295, *TEXTS[1:]], "email": EMAILS[::2]}

# ----------------------------------------------------------------------------- the forms


@dataclass(frozen=True)
class Form:
    """One form: who fills it in, where (a path with {world} ids), and which form on the page.

    own: the form writes only this module's throwaway records (or nothing), so it is sent a
    second time with nothing left empty; may_succeed: a send with nothing empty may be accepted
    (a hostile name is still a name). A form over shared data is sent once, never in a way it
    could take (see _sends).
    """

    name: str
    role: str  # a demo account, "anonymous", or the world's own ("mentor", "mentee", ...)
    path: str
    form: str  # CSS selector of the form
    own: bool = False
    may_succeed: bool = False
    expects_error: bool = True  # False: a lookup (search, verify) that answers any input
    blank: str | None = None  # the field left empty; default the first required one


# The role that uses each, as in tests/security/test_bad_input.py's ENDPOINTS.
FORMS = [
    # --- accounts
    Form("sign-in", "anonymous", "/accounts/login/", "main form:has([name=username])"),
    Form("registration", "anonymous", "/accounts/register/", "main form:has([name=email])"),
    Form("registration, send again", "anonymous", "/accounts/register/again/",
         "main form:has([name=email])"),
    Form("registration confirm", "anonymous", "/accounts/register/confirm/{pending_token}/",
         "main form:has([name=password1])", own=True),
    Form("password reset", "anonymous", "/accounts/password_reset/",
         "main form:has([name=email])"),
    Form("password reset link", "anonymous", "/accounts/reset/{reset}/",
         "main form:has([name=new_password1])", own=True),
    Form("password change", "mentor", "/accounts/password_change/",
         "main form:has([name=old_password])", own=True),
    Form("second factor setup", "mentor", "/accounts/second-factor/setup/",
         "main form:has([name=token])", own=True),
    Form("second factor at sign-in", "stepper", "/accounts/second-factor/",
         "main form:has([name=token])", own=True),
    Form("remove own authenticator app", "enrolled",
         "/accounts/security/app/{enrolled_app}/remove/", "main form:has([name=password])",
         own=True),
    Form("remove own passkey", "enrolled",
         "/accounts/security/passkey/{enrolled_passkey}/remove/",
         "main form:has([name=password])", own=True),
    Form("second factor reset", "coordinator", "/accounts/second-factor/reset/",
         "main form:has([name=reason])"),
    Form("invitation", "coordinator", "/accounts/invitations/new/",
         "main form:has([name=email])"),
    Form("admin invitation", "coordinator", "/admin/invitations/",
         "form[action='/admin/invitations/']"),
    Form("invitation accept", "anonymous", "/accounts/invitation/{invitation}/",
         "main form:has([name=display_name])", own=True),
    # --- search, training
    Form("search", "anonymous", "/search/", "main form:has([name=q])", own=True,
         may_succeed=True, expects_error=False),
    Form("quiz", "applicant", "{quiz_url}", "main form:has([name=attempt])", own=True,
         may_succeed=True, blank=":first"),
    Form("track evaluation", "finisher", "/training/tracks/{track}/evaluation/",
         "main form:has([name^='q-'])", own=True, may_succeed=True, blank=":first"),
    # --- credentials
    Form("credential record add", "mentor", "/credentials/add/",
         "main form:has([name=number])", own=True),
    Form("credential record edit", "mentor", "/credentials/{record}/edit/",
         "main form:has([name=number])", own=True),
    Form("CE entry add", "mentor", "/credentials/ce/add/", "main form:has([name=hours])",
         own=True),
    *(
        Form(f"CRS application: {step}", "mentor", "/credentials/crs-application/",
             f"main form[action='#step-{step}']", own=True, may_succeed=True)
        for step in ("education", "essay", "release", "fee", "exam", "share")
    ),
    Form("supervision log", "mentor", "/credentials/supervision/",
         "main form:has([name=supervisor])"),
    Form("supervision decline", "coordinator", "/credentials/supervision/review/",
         "main form[action$='/supervision/{supervision}/decide/']:has([name=reason])", own=True,
         may_succeed=True),
    Form("certificate name", "mentor", "/certificates/", "main form:has([name=name])",
         own=True, may_succeed=True),
    Form("certificate public", "mentor", "/certificates/", "main form:has([name=public])",
         own=True, may_succeed=True, expects_error=False),
    Form("outcomes report", "coordinator", "/credentials/outcomes/",
         "main form:has([name=quarter])", own=True, may_succeed=True, expects_error=False),
    # --- certificates and verification
    Form("verify code", "anonymous", "/verify/", "main form:has([name=code])", own=True,
         may_succeed=True, expects_error=False),
    Form("verify PDF", "anonymous", "/verify/", "main form[action='/verify/pdf/']"),
    Form("verify Open Badge", "anonymous", "/verify/", "main form[action='/verify/badge/']",
         own=True),
    Form("bulk verify", "recruiter", "/verify/bulk/", "main form:has([name=codes])", own=True,
         may_succeed=True, expects_error=False),
    # --- the mentorship program
    Form("mentee profile", "mentee", "/program/mentee/profile/",
         "main form:has([name=support_style])", own=True, may_succeed=True),
    Form("mentor profile", "mentor", "/program/mentor/profile/",
         "main form:has([name=capacity])", own=True),
    Form("mentee profile by coordinator", "coordinator",
         "/program/coordinator/mentees/{mentee}/profile/",
         "main form:has([name=support_style])", own=True, may_succeed=True),
    Form("check-in", "mentor", "/program/pairs/{pair}/checkins/new/",
         "main form:has([name=met_on])", own=True),
    Form("agreement acknowledge", "mentee", "/program/pairs/{pair}/agreement/",
         "main form:has([name=confirm])", own=True, may_succeed=True),
    Form("agreement edit", "mentor", "/program/pairs/{pair}/agreement/edit/",
         "main form:has([name=confidentiality])", own=True),
    Form("meeting feedback", "mentee", "/program/mentee/feedback/{checkin}/",
         "main form:has([name=rating])", own=True),
    Form("milestone", "mentor", "/program/pairs/{pair}/milestones/new/",
         "main form:has([name=reached_on])", own=True),
    Form("pair end", "coordinator", "/program/pairs/{pair}/end/",
         "main form:has([name=reason])"),
    Form("matching weights", "coordinator", "/program/coordinator/weights/",
         "main form:has([name=reason])"),
    Form("mentor capacity", "coordinator", "/program/coordinator/mentors/{mentor}/",
         "main form:has([name=capacity])"),
    Form("concern resolve", "coordinator", "/program/coordinator/concerns/{concern}/",
         "main form:has([name=note])"),
    Form("data request: export", "coordinator", "/program/coordinator/mentees/{mentee}/data/",
         "main form:has([name='export-requested_on'])"),
    Form("data request: delete", "coordinator", "/program/coordinator/mentees/{mentee}/data/",
         "main form:has([name='delete-requested_on'])"),
    Form("mentor application", "applicant", "/program/mentor/application/",
         "main form:has([name=time_in_recovery])", own=True, may_succeed=True),
    Form("application move", "coordinator", "/program/coordinator/applications/{application}/",
         "main form:has([name=to_stage])"),
    Form("interview", "coordinator",
         "/program/coordinator/applications/{application}/interview/",
         "main form:has([name=held_on])"),
    Form("clinician concern action", "clinician", "/program/clinician/concerns/{concern}/",
         "main form:has([name=note])"),
    # --- the coordinators' admin forms
    Form("admin: credential record action", "coordinator",
         "/admin/credentials/records/action/{record}/suspend/", "main form:has([name=reason])"),
    Form("admin: credential record add", "coordinator", "/admin/credentials/records/new/",
         "#w-editor-form"),
    Form("admin: credential record edit", "coordinator",
         "/admin/credentials/records/edit/{record}/", "#w-editor-form"),
    Form("admin: credential type add", "admin", "/admin/credentials/types/new/",
         "#w-editor-form"),
    Form("admin: credential type edit", "coordinator",
         "/admin/credentials/types/edit/{credential_type}/", "#w-editor-form"),
    Form("admin: certificate revoke", "coordinator",
         "/admin/certificates/action/{certificate}/revoke/", "main form:has([name=reason])"),
    Form("admin: certificate reissue", "coordinator",
         "/admin/certificates/action/{certificate}/reissue/", "main form:has([name=reason])"),
    Form("admin: grant add", "coordinator", "/admin/quiz_attempt_grants/new/", "#w-editor-form"),
    Form("admin: grant edit", "admin", "/admin/quiz_attempt_grants/edit/{grant}/",
         "#w-editor-form"),
    *(
        Form(f"admin: {label} {verb}", "coordinator", f"/admin/{prefix}/{path}",
             "#w-editor-form")
        for label, prefix, key in (
            ("goal", "mentorship_goals", "goal"),
            ("experience area", "mentorship_experience_areas", "area"),
            ("check-in topic", "mentorship_checkin_topics", "topic"),
            ("program focus", "mentorship_program_focuses", "focus"),
            ("rubric criterion", "mentorship_rubric_criteria", "criterion"),
        )
        for verb, path in (("add", "new/"), ("edit", f"edit/{{{key}}}/"))
    ),
    Form("admin: program settings", "admin", "/admin/settings/content/programsettings/{site}/",
         "#w-editor-form"),
    Form("admin: account edit", "admin", "/admin/users/edit/{mentor}/", "#w-editor-form"),
]  # fmt: skip

# Our admin routes with no form anyone may fill in.
NO_FORM = {
    "/admin/certificates/new/": "certificates are issued by completing a track, never typed in",
    "/admin/certificates/edit/{}/": "an issued certificate is revoked or reissued, never edited",
}

DRIVEN: dict[str, int] = {}  # form name: submissions sent
BLOCKS_DRIVEN: dict[str, int] = {}  # stream: block types saved with invalid data

# ----------------------------------------------------------------------------- in the browser

# Take the browser's own checks off, and note each control's kind (its input type, or a date
# for the admin's plain text date fields) before the types become plain text.
PREPARE = """(form) => {
  form.noValidate = true;
  const visible = (e) => e.getClientRects().length > 0;
  const skipped = ["hidden", "submit", "button", "reset", "image"];
  const controls = [...form.elements].filter(
    (e) => e.name && !e.disabled && !skipped.includes(e.type) && e.name !== "csrfmiddlewaretoken"
      && (visible(e) || ["radio", "checkbox"].includes(e.type))
  );
  for (const e of controls) {
    if (e.dataset.badKind) continue;  // prepared before (the form sent again)
    let kind = e.tagName === "SELECT" ? "select" : e.tagName === "TEXTAREA" ? "text" : e.type;
    if (["text", "search", "tel"].includes(kind)) {
      kind = /(^|[_-])(date|on)$|date/.test(e.name) ? "date" : "text";
    }
    e.dataset.badKind = kind;
    e.dataset.badType = e.type;
    e.dataset.badMaxlength = e.getAttribute("maxlength") || "";
    for (const name of ["required", "maxlength", "minlength", "min", "max", "pattern", "step"]) {
      if (e.hasAttribute(name)) e.dataset["bad" + name] = "1";
      e.removeAttribute(name);
    }
    if (["date", "number", "email", "url", "datetime-local", "time", "month"].includes(e.type)) {
      e.type = "text";
    }
  }
  return controls.map((e) => ({
    name: e.name, kind: e.dataset.badKind, type: e.dataset.badType,
    required: e.dataset.badrequired === "1", maxlength: Number(e.dataset.badMaxlength) || 0,
  }));
}"""

# Fill every prepared control: hostile values in turn by kind (numbers, dates and the like
# starting `shift` along, so that a form sent twice gets -1 then 10**20 in its first number
# field), the last real option of a select, the last of each radio group and the first box of
# each checkbox group; `blank` left empty.
FILL = """(form, [hostile, blank, shift]) => {
  const turn = {};
  const next = (kind) => {
    const values = hostile[kind] || hostile.text;
    const start = kind === "text" || kind === "email" ? 0 : shift;  // texts: 5,000 first
    turn[kind] = (turn[kind] ?? start) + 1;
    return values[(turn[kind] - 1) % values.length];
  };
  const typed = {};
  const seen = new Set();
  for (const e of form.querySelectorAll("[data-bad-kind]")) {
    const kind = e.dataset.badKind;
    const empty = e.name === blank;
    if (kind === "file") continue;
    if (kind === "radio" || kind === "checkbox") {
      const group = [...form.querySelectorAll("[data-bad-kind]")].filter((o) => o.name === e.name);
      const chosen = kind === "radio" ? group[group.length - 1] : group[0];
      e.checked = !empty && e === chosen;
    } else if (kind === "select") {
      const options = [...e.options].filter((o) => o.value);
      const empties = [...e.options].filter((o) => !o.value);
      if (empty) { if (!empties.length) continue; e.value = ""; }
      else if (options.length) e.value = options[options.length - 1].value;
    } else if (!seen.has(e.name)) {
      e.value = empty ? "" : next(kind);
    }
    seen.add(e.name);
    e.dispatchEvent(new Event("input", { bubbles: true }));
    e.dispatchEvent(new Event("change", { bubbles: true }));
    if (kind === "password") continue;  // never shown again, by design
    const key = kind === "radio" || kind === "checkbox" ? e.name + "=" + e.value : e.name;
    typed[key] = kind === "radio" || kind === "checkbox" ? e.checked : e.value;
  }
  const submit = [...document.querySelectorAll(
    "button[type=submit], input[type=submit], button:not([type])"
  )].find((b) => b.form === form && b.getClientRects().length > 0);
  for (const b of document.querySelectorAll("[data-bad-submit]")) delete b.dataset.badSubmit;
  if (submit) submit.dataset.badSubmit = "1";
  return typed;
}"""

# What the form shows now: each control's value as the server wrote it, and the error messages
# near each field (inside the largest element around it holding no other field), or anywhere.
READ = """(selector) => {
  const form = document.querySelector(selector);
  if (!form) return null;
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const ERRORS = ".errorlist, .error-message, .w-field__errors, [role=alert], .message--error";
  const messages = (root) => [...root.querySelectorAll(ERRORS)]
    .filter((e) => shown(e) && e.textContent.trim())
    .map((e) => e.textContent.trim().replace(/\\s+/g, " ").slice(0, 200));
  const values = {};
  const limits = {};  // a field's own maxlength: a value cut there is the page's stated limit
  const near = {};
  const named = [...form.elements].filter((e) => e.name && e.type !== "hidden");
  for (const e of named) {
    if (e.type === "radio" || e.type === "checkbox") values[e.name + "=" + e.value] = e.checked;
    else if (e.tagName === "TEXTAREA") values[e.name] = e.defaultValue;
    else if (e.tagName === "SELECT") values[e.name] = e.value;
    else values[e.name] = e.getAttribute("value") ?? "";
    if (e.maxLength > 0) limits[e.name] = e.maxLength;
  }
  const alone = (box, name) => [...box.querySelectorAll("[name]")].every(
    (o) => o.name === name || o.type === "hidden"
  );
  for (const name of new Set(named.map((e) => e.name))) {
    const first = named.find((e) => e.name === name);
    let box = first;
    while (box.parentElement && box.parentElement !== form && alone(box.parentElement, name)) {
      box = box.parentElement;
    }
    const described = (first.getAttribute("aria-describedby") || "").split(" ")
      .map((id) => id && document.getElementById(id))
      .filter((e) => e && shown(e) && /error/i.test(e.id + " " + e.className))
      .filter((e) => e.textContent.trim())
      .map((e) => e.textContent.trim());
    const found = [...messages(box), ...described];
    if (found.length) near[name] = found;
  }
  const main = document.querySelector("main") || document.body;
  return { values, limits, near, alerts: messages(main), inForm: messages(form) };
}"""


def _blank_for(case: Form, controls: list) -> str | None:
    """The field left empty: the case's own (":first": its first field), or the first required."""
    if case.blank == ":first":
        return controls[0]["name"] if controls else None
    if case.blank:
        return case.blank
    required = [control["name"] for control in controls if control["required"]]
    return required[0] if required else None


def _cannot_be_taken(controls: list) -> bool:
    """Whatever else is sent, the form must refuse this: an email field gets an address that is
    none, or its first text field 5,000 characters over the maxlength the page itself states."""
    texts = [control for control in controls if control["kind"] == "text"]
    return any(control["type"] == "email" for control in controls) or bool(
        texts and 0 < texts[0]["maxlength"] < len(LONG)
    )


def _sends(case: Form, controls: list) -> list[str | None]:
    """The field left empty in each send. A form writing only this module's records: its first
    required field, then nothing (every field a hostile value, and it may be taken). Any other:
    once, with nothing empty where what it is sent cannot be taken, else its first required
    field empty, so that it never changes the demo data other tests read."""
    first = _blank_for(case, controls)
    if case.own:
        return [first, None] if first is not None else [None]
    return [None] if _cannot_be_taken(controls) else [first]


def _send(
    page, case: Form, selector: str, blank: str | None, errors: list, *, shift: int = 0
) -> tuple[dict, dict, int]:
    """Fill the form (leaving `blank` empty), send it with its own submit button; returns what
    was typed, what the page shows after, and the answer's status."""
    form = page.locator(selector)
    expect(form).to_have_count(1)
    form.evaluate(PREPARE)
    hostile = HOSTILE_GET if form.evaluate("f => f.method") == "get" else HOSTILE
    typed = form.evaluate(FILL, [hostile, blank, shift])
    with page.expect_navigation(wait_until="domcontentloaded") as navigation:
        submit = page.locator("[data-bad-submit]")
        if submit.count():
            submit.click()
        else:  # a form sent by pressing Enter (a search box)
            form.locator("[data-bad-kind]").first.press("Enter")
    status = navigation.value.status if navigation.value else 0
    assert status < 500, (case.name, status, errors)
    shown = page.evaluate(READ, selector) or {}
    return typed, shown, status


def _lost(typed: dict, shown: dict) -> dict:
    """The values typed that the form no longer holds (passwords and files are never shown;
    a value cut at the field's own maxlength, as the search box does, is the stated limit)."""
    values, limits = shown.get("values", {}), shown.get("limits", {})
    return {
        key: (str(value)[:40], str(values.get(key))[:40])
        for key, value in typed.items()
        if key in values and values[key] not in (value, str(value)[: limits.get(key)])
    }


def _check(case: Form, typed: dict, shown: dict, blank: str | None, status: int) -> None:
    """An error at the empty field (or somewhere, when none was left empty), and every other
    value as typed; or, where the form may take what was sent, the answer it gives. A refusal
    that does not show the form again (a bare 400 page) loses everything typed."""
    assert status < 400 or shown, (case.name, f"answered {status} without the form")
    near, alerts = shown.get("near", {}), shown.get("alerts", [])
    if not shown or not (near or alerts):
        assert blank is None and (case.may_succeed or not case.expects_error), (
            case.name,
            f"taken with {blank or 'nothing'} empty, or no error shown",
            shown,
        )
    elif case.expects_error and blank is not None:
        assert blank in near, (case.name, f"no error shown at {blank}", shown)
    elif case.expects_error:  # at some field, or for the form as a whole inside it
        assert near or shown.get("inForm"), (case.name, "no error shown on the form", shown)
    assert _lost(typed, shown) == {}, (case.name, "input lost", _lost(typed, shown))


# ----------------------------------------------------------------------------- the world


def build_world(tag: str, password: str) -> None:
    """Run in the server's environment (manage.py shell): the module's own accounts and records,
    a draft page and a draft quiz for the editor; prints their ids as JSON."""
    from datetime import timedelta

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.tokens import default_token_generator
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Site

    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    from content.blocks import BodyBlock
    from content.models import HomePage, StandardPage
    from credentials.models import CredentialType
    from credentials.supervision import supervision_log
    from lms.accounts import services as accounts
    from lms.accounts.factors import recovery_codes_issue
    from lms.accounts.models import Registration, User, new_token
    from lms.accounts.roles import Role
    from lms.accounts.services import user_add_role
    from lms.mentorship import services as mentorship
    from lms.mentorship.models import (
        CheckinTopic,
        ExperienceArea,
        Goal,
        ProgramFocus,
        RubricCriterion,
    )
    from lms.training.blocks import QuizBlock
    from lms.training.models import (
        ModulePage,
        QuizAttemptGrant,
        QuizPage,
        TrackCompletion,
        TrackPage,
    )
    from tests.credentials.factories import CredentialRecordFactory
    from tests.mentorship.factories import (
        AgreementFactory,
        CheckInFactory,
        MenteeProfileFactory,
        MentorProfileFactory,
        PairingFactory,
        complete_training,
    )

    hashed = make_password(password)  # once: hashing is slow by design

    def person(name: str, role: str):
        user = User.objects.create(
            email=f"{tag}-{name}@example.org", first_name=name.title(), last_name="Bad"
        )
        User.objects.filter(pk=user.pk).update(password=hashed)
        user.refresh_from_db()
        user_add_role(user=user, role=role)
        return user

    mentor, mentee = person("mentor", Role.MENTOR.value), person("mentee", Role.MENTEE.value)
    MentorProfileFactory(user=mentor)
    MenteeProfileFactory(user=mentee)
    complete_training(mentor)
    pair = PairingFactory(mentor=mentor, mentee=mentee)
    AgreementFactory(pairing=pair)
    checkin = CheckInFactory(pairing=pair)
    concern = mentorship.concern_notify(
        checkin=CheckInFactory(pairing=pair, concern=True, notes="A worry")
    )
    person("applicant", Role.MENTOR.value)  # no application yet: the form is theirs to fill
    finisher = person("finisher", Role.MENTOR.value)
    track = TrackPage.objects.live().order_by("path").first()
    TrackCompletion.objects.create(user=finisher, track=track, hours=5, evaluation_required=True)
    quiz = QuizPage.objects.live().order_by("path").first()
    pending, pending_hash = new_token()
    Registration.objects.create(
        email=f"{tag}-pending@example.org",
        first_name="Pat",
        token_hash=pending_hash,
        expires_at=timezone.now() + timedelta(days=7),
    )
    forgetful = person("forgetful", Role.MENTOR.value)
    inviter = person("inviter", Role.COORDINATOR.value)
    invitation = accounts.invitation_create(email=f"{tag}-invited@example.org", created_by=inviter)
    supervision = supervision_log(
        holder=mentor,
        supervisor=User.objects.get(email="coordinator@example.org"),
        date=timezone.localdate() - timedelta(days=3),
        minutes=60,
        topics="Boundaries",
    )
    # Two who have a second factor (an authenticator app and a passkey): one past it, whose
    # factors' removal forms are filled in, and one who stops at the sign-in step.
    factors_of = {}
    for name in ("enrolled", "stepper"):
        user = person(name, Role.MENTOR.value)
        app = TOTPDevice.objects.create(user=user, name="Phone app", confirmed=True)
        passkey = WebAuthnCredential.objects.create(
            user=user,
            name="Laptop",
            confirmed=True,
            credential_id=f"{tag}-{name}".encode(),
            public_key=b"not a real key",
            sign_count=0,
        )
        recovery_codes_issue(user=user)
        User.objects.filter(pk=user.pk).update(second_factor_enrolled=True)
        factors_of[name] = (app, passkey)
    grant = QuizAttemptGrant.objects.create(
        user=mentor, quiz=quiz, attempts=1, reason="Lost connection", granted_by=inviter
    )

    # The editor's: a draft page for the content blocks, a draft module with a draft quiz.
    image = Image.objects.create(title=f"{tag} chairs", file=get_test_image_file())
    document = Document.objects.create(
        title=f"{tag} form", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{tag}.pdf")
    )
    page = HomePage.objects.first().add_child(
        instance=StandardPage(title=f"{tag} blocks", slug=f"{tag}-blocks", live=False)
    )
    page.save_revision()
    module = track.add_child(
        instance=ModulePage(
            title=f"{tag} module",
            slug=f"{tag}-module",
            live=False,
            summary="A module nobody takes.",
            objectives="None",
            hours=1,
        )
    )
    choices = [
        {"type": "item", "value": {"text": text, "correct": correct, "feedback": "Why."}}
        for text, correct in (("Right", True), ("Wrong", False))
    ]
    question = {"kind": "single", "text": "Which is right?", "lesson": None, "choices": choices}
    draft_quiz = module.add_child(
        instance=QuizPage(
            title=f"{tag} quiz",
            slug=f"{tag}-quiz",
            live=False,
            questions=json.dumps([{"type": "question", "value": question}]),
        )
    )
    draft_quiz.save_revision()

    first = {
        model.__name__: model.objects.order_by("pk").values_list("pk", flat=True).first()
        for model in (Goal, ExperienceArea, CheckinTopic, ProgramFocus, RubricCriterion)
    }
    print(
        json.dumps(
            {
                "mentor": mentor.pk,
                "mentee": mentee.pk,
                "pair": pair.pk,
                "checkin": checkin.pk,
                "concern": concern.pk,
                "record": CredentialRecordFactory(holder=mentor, number=f"{tag[-12:]}").pk,
                "certificate": mentor.certificates.get().pk,
                "application": mentor.mentor_application.pk,
                "credential_type": CredentialType.objects.get(code="crs").pk,
                "track": track.pk,
                "quiz_url": quiz.url,
                "grant": grant.pk,
                "supervision": supervision.pk,
                "enrolled_app": factors_of["enrolled"][0].pk,
                "enrolled_passkey": factors_of["enrolled"][1].pk,
                "totp_keys": {name: app.key for name, (app, _) in factors_of.items()},
                "goal": first["Goal"],
                "area": first["ExperienceArea"],
                "topic": first["CheckinTopic"],
                "focus": first["ProgramFocus"],
                "criterion": first["RubricCriterion"],
                "site": Site.objects.get(is_default_site=True).pk,
                "pending_token": pending,
                "reset": f"{urlsafe_base64_encode(force_bytes(forgetful.pk))}/"
                f"{default_token_generator.make_token(forgetful)}",
                "invitation": invitation.rstrip("/").rsplit("/", 1)[-1],
                "image": image.title,
                "document": document.title,
                "page": page.pk,
                "draft_quiz": draft_quiz.pk,
                "admin_forms": sorted(_our_admin_forms()),
                "block_types": {
                    "body": [block.label for block in BodyBlock().child_blocks.values()],
                    "questions": [block.label for block in QuizBlock().child_blocks.values()],
                },
            }
        )
    )


def _our_admin_forms() -> set[str]:
    """The routes of our own admin create and edit forms, as the server's resolver has them."""
    from tests.security.test_access_matrix import project_patterns

    return {
        "/" + re.sub(r"<[^>]+>", "{}", pattern.route)
        for key, pattern in project_patterns().items()
        if pattern.route.startswith("admin/") and key.rsplit(":", 1)[-1] in ("add", "edit")
    }


def remove_world(tag: str) -> None:
    """Delete everything build_world made, and what the forms made for its accounts (records
    are protected from deletion one by one: delete what protects them first)."""
    from django.db import transaction
    from django.db.models import ProtectedError, RestrictedError

    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page

    from content.models import ProgramSettings
    from lms.accounts.models import Invitation, Registration, User

    def delete(queryset, depth: int = 0) -> None:
        for _ in range(20):
            try:
                with transaction.atomic():
                    queryset.delete()
                return
            except (ProtectedError, RestrictedError) as error:
                if depth > 6:
                    raise
                blocking = getattr(error, "protected_objects", None) or error.restricted_objects
                by_model: dict = {}
                for obj in blocking:
                    by_model.setdefault(type(obj), set()).add(obj.pk)
                for model, pks in by_model.items():
                    delete(model._base_manager.filter(pk__in=pks), depth + 1)

    for program in ProgramSettings.objects.all():  # the crisis line the editor test added
        lines = [(line.block_type, line.value) for line in program.crisis_lines]
        kept = [(kind, value) for kind, value in lines if not value["area"].startswith(tag)]
        if kept != lines:
            program.crisis_lines = kept
            program.save()
    for page in Page.objects.filter(slug__startswith=tag).order_by("-depth"):
        page.delete()
    delete(Image.objects.filter(title__startswith=tag))
    delete(Document.objects.filter(title__startswith=tag))
    delete(Invitation.objects.filter(email__startswith=tag))
    delete(Registration.objects.filter(email__startswith=tag))
    delete(User.objects.filter(email__startswith=tag))
    print("removed")


def _shell(server, code: str) -> str:
    """Run Python in the server's environment (its database); returns the last line printed."""
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env=server["env"], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return result.stdout.decode().strip().splitlines()[-1]


@pytest.fixture(scope="module")
def world(server):
    """The module's own accounts, records and draft pages (ids by name), deleted afterwards."""
    tag = f"bad-input-{time.time_ns()}"
    ids = json.loads(
        _shell(server, f"from {SELF} import build_world; build_world({tag!r}, {DEMO_PASSWORD!r})")
    )
    ids["tag"] = tag
    yield ids
    _shell(server, f"from {SELF} import remove_world; remove_world({tag!r})")


WORLD_ROLES = ("mentor", "mentee", "applicant", "finisher", "enrolled", "stepper")


def _totp(key: str) -> str:
    """The authenticator app's code now (RFC 6238, as django-otp's TOTPDevice checks it)."""
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4]) & 0x7FFFFFFF) % 10**6:06d}"


@pytest.fixture(scope="module")
def role_pages(browser, server, world):
    """One browser page per role, signed in once and reused by every form of that role (a new
    browser context for each form would cost more than the form). {role: (page, 5xx answers)}"""
    pages: dict = {}

    def page_for(role: str):
        if role not in pages:
            context = browser.new_context(bypass_csp=True, ignore_https_errors=STACK, viewport=WIDE)
            page = context.new_page()
            page.set_default_timeout(15000)
            page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?"
            errors: list = []
            page.on(
                "response", lambda r: errors.append((r.status, r.url)) if r.status >= 500 else None
            )
            if role != "anonymous":
                prefix = f"{world['tag']}-" if role in WORLD_ROLES else ""
                sign_in(page, server["url"], f"{prefix}{role}@example.org")
                assert "/accounts/login/" not in page.url, (role, page.url)
                if role == "enrolled":  # past the second factor, as its owner would be
                    page.fill("#id_token", _totp(world["totp_keys"][role]))
                    with page.expect_navigation():
                        page.click("main button[type=submit]")
                    assert "/second-factor/" not in page.url, page.url
            pages[role] = (page, errors)
        return pages[role]

    yield page_for
    for page, _errors in pages.values():
        page.context.close()


@pytest.fixture
def page_as(request, role_pages):
    """The role's page for this test, with its 5xx answers cleared; a screenshot if it fails."""
    used = []

    def get(role: str):
        page, errors = role_pages(role)
        errors.clear()
        used.append(page)
        return page, errors

    yield get
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for page in used:
            with contextlib.suppress(Exception):  # best effort, on a page that may be gone
                page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)


# ----------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("case", FORMS, ids=lambda case: case.name)
def test_a_form_filled_with_bad_input_answers_with_errors_on_the_fields(
    page_as, server, world, case
):
    page, errors = page_as(case.role)
    response = page.goto(server["url"] + case.path.format(**world), wait_until="domcontentloaded")
    assert response.status < 400, (case.name, response.status, page.url)

    selector = case.form.format(**world)
    shown = {}
    for shift, blank in enumerate(_sends(case, page.locator(selector).evaluate(PREPARE))):
        if shift and not shown:  # taken the first time: no form to send again
            break
        typed, shown, status = _send(page, case, selector, blank, errors, shift=shift)
        _check(case, typed, shown, blank, status)
        DRIVEN[case.name] = shift + 1
    assert errors == [], errors


# ----------------------------------------------------------------------------- the page editor


@dataclass(frozen=True)
class Block:
    """A block type of the content stream, added through "Insert a block": the invalid value
    each field gets, the message "Save draft" must show on that field, the value that fixes it,
    and the required field that a draft may leave empty and "Submit to Review" may not."""

    label: str
    invalid: dict  # field: value ("rich" is the block's rich text)
    errors: dict  # field: the message shown on it
    fixed: dict
    required: str | None = None
    chooser: str | None = None  # "image" or "document": chosen from the module's own


BODY_BLOCKS = [
    # Rich text takes anything (the editor makes a paragraph of it): what is typed stays.
    Block("Text", {"rich": "Read this \u202eevil\u202c and zero\u200bwidth"}, {}, {}),
    Block("Callout", {"title": LONG}, {"title": "at most 120 characters"},
          {"title": "Before you call"}, required="title"),
    Block("Key points", {"points-0-value": LONG}, {"points-0-value": "at most 300 characters"},
          {"points-0-value": "Ask before you share"}),
    # A prompt has no length limit: any text is valid; empty only when submitted.
    Block("Reflection", {"prompt": TEXTS[4] * 50}, {}, {}, required="prompt"),
    Block("Local crisis lines", {"title": "\u202e" + "x" * 200},
          {"title": "at most 120 characters"}, {"title": "Crisis lines near you"},
          required="title"),
    Block("Image", {"alt_text": ""}, {"alt_text": "Describe the image, or mark it as decorative."},
          {"alt_text": "Two chairs facing each other"}, chooser="image"),
    Block("Document", {"description": "\u200b" * 300}, {"description": "at most 250 characters"},
          {"description": "The intake form"}, required="document"),
    Block("Video", {"video": "https://example.org/\u202enot-a-video"},
          {"video": "Cannot find an embed for this URL."}, {"video": ""}, required="video"),
    Block("Section", {"heading": "ｆｕｌｌｗｉｄｔｈ" * 30}, {"heading": "at most 120 characters"},
          {"heading": "For families"}, required="heading"),
]  # fmt: skip

# The error shown on a field of a block: the messages in the nearest field wrapper around the
# input called `name` (Wagtail's .w-field__errors / .error-message), not the page's banner.
FIELD_ERRORS = """(name) => {
  const input = document.querySelector(`[name="${name}"]`);
  if (!input) return null;
  const ERRORS = ".w-field__errors, .error-message, .help-critical";
  const TOP = "[data-streamfield-stream-container] > [data-streamfield-child]";
  let path = input.closest("[data-contentpath]");
  while (path) {
    const own = path;
    const found = [...own.querySelectorAll(ERRORS)]
      .filter((e) => e.closest("[data-contentpath]") === own && e.textContent.trim())
      .map((e) => e.textContent.trim().replace(/\\s+/g, " "));
    if (found.length || own.matches(TOP)) return found;
    path = own.parentElement && own.parentElement.closest("[data-contentpath]");
  }
  return [];
}"""


def _autosave(page, field, state: str) -> None:
    """Type into `field` as a person would (autosave follows key presses) until autosave has
    answered: "saved", or "paused" (the form as it is would not save)."""
    page.wait_for_load_state()  # the editor's controllers are connected
    indicator = page.locator("#w-autosave-indicator")
    for _ in range(5):
        field.press_sequentially("!")
        try:
            expect(indicator).to_have_attribute("data-w-autosave-state-value", state, timeout=4000)
            return
        except AssertionError:
            continue
    expect(indicator).to_have_attribute("data-w-autosave-state-value", state)


def _save(page, button: str = "Save draft") -> None:
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.get_by_role("button", name=button).click()


def _submit_for_review(page) -> None:
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    _save(page, "Submit to Review by a coordinator")


def _field(page, index: int, name: str):
    return page.locator(f"[name='body-{index}-value-{name}']")


def _insert(page, body, index: int, block: Block, world) -> None:
    body.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=block.label, exact=True).click()
    expect(page.locator(f"[name='body-{index}-type']")).to_have_count(1)
    if block.chooser:
        page.get_by_role("button", name=re.compile(f"^Choose an? {block.chooser}$")).last.click()
        page.get_by_role("dialog").get_by_role("link", name=world[block.chooser]).first.click()
        expect(_field(page, index, block.chooser)).not_to_have_value("")
    for name, value in block.invalid.items():
        if name == "rich":
            rich = page.locator(f"[name='body-{index}-value']").locator("xpath=..")
            rich.locator("[contenteditable=true]").click()
            page.keyboard.insert_text(value)
            continue
        field = _field(page, index, name)
        field.evaluate("e => { e.removeAttribute('maxlength'); e.removeAttribute('required'); }")
        field.fill(value)


def test_each_content_block_saved_with_invalid_data_shows_the_error_on_its_field(
    page_as, server, world
):
    # A new block type without a case here fails (the server names the stream's own types).
    assert [block.label for block in BODY_BLOCKS] == world["block_types"]["body"]
    page, errors = page_as("editor")
    page.goto(server["url"] + f"/admin/pages/{world['page']}/edit/")
    body = page.locator("#panel-child-content-body-section")
    for index, block in enumerate(BODY_BLOCKS):
        _insert(page, body, index, block, world)
    # Autosave meets the invalid form: it pauses with a validation error, never a 500.
    _autosave(page, _field(page, 1, "title"), "paused")

    _save(page)
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    for index, block in enumerate(BODY_BLOCKS):
        for name, message in block.errors.items():
            shown = page.evaluate(FIELD_ERRORS, f"body-{index}-value-{name}")
            assert any(message in text for text in shown or []), (block.label, name, shown)
        # Nothing typed was lost.
        for name, value in block.invalid.items():
            if name == "rich":
                rich = page.locator(f"[name='body-{index}-value']").locator("xpath=..")
                expect(rich.locator("[contenteditable=true]")).to_have_text(value)
            elif (index, name) != (1, "title"):  # the callout's title was typed on (autosave)
                expect(_field(page, index, name)).to_have_value(value)

    # Fixed, the draft saves; autosave, paused by the error, saves again.
    for index, block in enumerate(BODY_BLOCKS):
        for name, value in block.fixed.items():
            _field(page, index, name).fill(value)
    _save(page)
    expect(page.locator(".messages")).to_contain_text("has been updated")
    _autosave(page, _field(page, 2, "points-0-value"), "saved")

    # Required fields a draft may leave empty: "Submit to Review" names each on its field.
    for index, block in enumerate(BODY_BLOCKS):
        if block.required in {**block.invalid, **block.fixed}:  # not a chooser left empty
            _field(page, index, block.required).fill("")
    _submit_for_review(page)
    expect(page.locator(".messages")).to_contain_text("could not be")
    for index, block in enumerate(BODY_BLOCKS):
        if block.required:
            shown = page.evaluate(FIELD_ERRORS, f"body-{index}-value-{block.required}")
            assert any("required" in text for text in shown or []), (block.label, shown)
    assert errors == [], errors
    BLOCKS_DRIVEN["page body"] = len(BODY_BLOCKS)


def test_a_quiz_question_saved_with_invalid_data_shows_the_error_on_its_field(
    page_as, server, world
):
    assert world["block_types"]["questions"] == ["Question"]  # one type, with its choices
    page, errors = page_as("editor")
    page.goto(server["url"] + f"/admin/pages/{world['draft_quiz']}/edit/")
    question = "questions-0-value"
    text = page.locator(f"[name='{question}-text']")
    text.fill(TEXTS[1] + " " + TEXTS[2])

    # Two right answers to a one-answer question: the message is on its list of choices.
    for item in range(2):
        page.locator(f"[name='{question}-choices-{item}-value-correct']").check()
    _save(page)
    shown = page.evaluate(FIELD_ERRORS, f"{question}-choices-count")
    assert any("exactly one correct" in message for message in shown or []), shown
    expect(text).to_have_value(TEXTS[1] + " " + TEXTS[2])

    # A kind the question does not have, and a choice of 5,000 characters: each on its field.
    page.locator(f"[name='{question}-choices-1-value-correct']").uncheck()
    page.locator(f"[name='{question}-kind']").evaluate(
        "s => { s.add(new Option('No such kind', 'no-such-kind')); s.value = 'no-such-kind'; }"
    )
    choice = page.locator(f"[name='{question}-choices-0-value-text']")
    choice.evaluate("e => e.removeAttribute('maxlength')")
    choice.fill(LONG)
    _save(page)
    kind = page.evaluate(FIELD_ERRORS, f"{question}-kind")
    assert any("valid choice" in message for message in kind or []), kind
    long = page.evaluate(FIELD_ERRORS, f"{question}-choices-0-value-text")
    assert any("at most 500 characters" in message for message in long or []), long
    expect(choice).to_have_value(LONG)

    # Fixed, it saves.
    page.locator(f"[name='{question}-kind']").select_option("single")
    choice.fill("Ask your mentee first")
    _save(page)
    expect(page.locator(".messages")).to_contain_text("has been updated")
    assert errors == [], errors
    BLOCKS_DRIVEN["quiz questions"] = 2  # the question and its choice


def test_a_crisis_line_saved_with_invalid_data_shows_the_error_on_its_field(page_as, server, world):
    """The program's crisis lines (Settings), shown on every page with the crisis lines block.
    The line added here is named after this module; the world's removal takes it out again."""
    page, errors = page_as("admin")
    page.goto(server["url"] + f"/admin/settings/content/programsettings/{world['site']}/")
    index = int(page.locator("[name='crisis_lines-count']").input_value())
    lines = page.locator("[data-contentpath=crisis_lines]")
    lines.get_by_role("button", name="Insert a block").last.click()
    line = {
        "area": world["tag"],
        "name": TEXTS[2],
        "phone": "call \u202e555 0100",
        "hours": "24 hours\u200b a day",
    }
    for name, value in line.items():
        field = page.locator(f"[name='crisis_lines-{index}-value-{name}']")
        field.evaluate("e => e.removeAttribute('maxlength')")
        field.fill(value)
    _save(page, "Save")
    shown = page.evaluate(FIELD_ERRORS, f"crisis_lines-{index}-value-phone")
    assert any("Enter a phone number" in message for message in shown or []), shown
    for name, value in line.items():
        expect(page.locator(f"[name='crisis_lines-{index}-value-{name}']")).to_have_value(value)

    page.locator(f"[name='crisis_lines-{index}-value-phone']").fill("717-555-0100")
    _save(page, "Save")
    expect(page.locator(".messages")).to_contain_text("updated")
    expect(page.locator(f"[name='crisis_lines-{index}-value-phone']")).to_have_value("717-555-0100")
    assert errors == [], errors
    BLOCKS_DRIVEN["crisis lines"] = 1


def test_every_admin_create_and_edit_form_of_ours_has_a_case(world):
    """A new admin form (a new viewset, say) without a case above fails here."""
    covered = {re.sub(r"\{[^}]+\}", "{}", case.path) for case in FORMS}
    missing = [route for route in world["admin_forms"] if route not in covered | set(NO_FORM)]
    assert missing == [], missing


def test_the_forms_and_blocks_driven_are_counted():
    if len(DRIVEN) != len(FORMS) or len(BLOCKS_DRIVEN) != 3:
        pytest.skip("counts only when every form and block type was driven in this run")
    forms, sent, blocks = len(DRIVEN), sum(DRIVEN.values()), sum(BLOCKS_DRIVEN.values())
    REPORT["forms driven with bad input"] = f"{forms} ({sent} submissions)"
    REPORT["block types saved invalid through the editor"] = f"{blocks} {BLOCKS_DRIVEN}"
    print(f"\n{forms} forms driven with bad input ({sent} submissions); {blocks} block types")
