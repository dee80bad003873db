"""The CRS application checklist: the facts for a mentor, saving a step, becoming a credential,
and the coordinators' cohort view (steps only; never the essay, uploads only when shared)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from credentials import application_rules as steps_rules
from credentials import rules
from credentials.choices import CESource
from credentials.models import CEEntry, CredentialRecord, CredentialType, CrsApplication
from credentials.services import credential_record_save
from lms.common.changes import note_change
from lms.common.datebounds import date_bounds_error

CRS = "crs"
NO_CRS_TYPE = "The CRS credential type is missing: ask an administrator to restore it."
EXAM_BEFORE_REGISTERING = "The exam pass date cannot be before the day you registered."
CERTIFY_BEFORE_EXAM = "Pass the exam and record the date before adding your CRS number."
CERTIFIED_BEFORE_PASSING = "The certification date cannot be before the day you passed the exam."
ALREADY_CERTIFIED = "This application is already your CRS credential."
REASON_CERTIFIED = "Recorded from the CRS application checklist"


def crs_type() -> CredentialType:
    credential_type = CredentialType.objects.filter(code=CRS).first()
    if credential_type is None:
        raise ValidationError(NO_CRS_TYPE)
    return credential_type


def held_crs_record(user) -> CredentialRecord | None:
    """The mentor's CRS credential record, if they hold one (in any standing)."""
    return (
        CredentialRecord.objects.filter(holder=user, credential_type__code=CRS)
        .order_by("-issue_date")
        .first()
    )


def application_for(user) -> CrsApplication:
    application, _ = CrsApplication.objects.get_or_create(holder=user)
    return application


def _training_hours_query():
    """CE entries that count as CRS training: modules completed here, and other trainings
    with their certificate uploaded."""
    return Q(source=CESource.PLATFORM_MODULE) | (Q(source=CESource.EXTERNAL) & ~Q(certificate=""))


def training_hours(user) -> Decimal:
    total = CEEntry.objects.filter(_training_hours_query(), holder=user).aggregate(
        total=Sum("hours")
    )["total"]
    return total or Decimal(0)


def _facts(
    application: CrsApplication,
    credential_type: CredentialType,
    hours: Decimal,
    essay_words: int | None = None,
) -> steps_rules.ApplicationFacts:
    if essay_words is None:
        essay_words = steps_rules.essay_word_count(application.essay)
    return steps_rules.ApplicationFacts(
        education_kind=application.education_kind,
        has_education_proof=bool(application.education_proof),
        training_hours=hours,
        training_hours_required=credential_type.initial_training_hours,
        essay_words=essay_words,
        essay_words_required=credential_type.application_essay_words,
        has_release=bool(application.release_proof),
        fee_paid_on=application.fee_paid_on,
        exam_registered_on=application.exam_registered_on,
        exam_passed_on=application.exam_passed_on,
    )


def application_steps(application: CrsApplication) -> list[steps_rules.Step]:
    facts = _facts(application, crs_type(), training_hours(application.holder))
    return steps_rules.application_steps(facts)


def _check_day(day: date | None, *, today: date, field_name: str) -> dict[str, str]:
    if day is None:
        return {}
    problem = date_bounds_error(day, latest=today)
    return {field_name: problem} if problem else {}


def crs_application_update(
    *, application: CrsApplication, by, now: datetime | None = None, **changes
) -> CrsApplication:
    """Save what the mentor entered for one or more steps. A step that changes state moves
    `progressed_at` (what the coordinators' "stuck" list reads)."""
    now = now or timezone.now()
    today = rules.local_date(now)
    if application.credential_record_id is not None:
        raise ValidationError(ALREADY_CERTIFIED)
    before = steps_rules.states(application_steps(application))
    for name, value in changes.items():
        setattr(application, name, value)
    errors: dict[str, str] = {}
    for name in ("fee_paid_on", "exam_registered_on", "exam_passed_on"):
        errors |= _check_day(getattr(application, name), today=today, field_name=name)
    registered, passed = application.exam_registered_on, application.exam_passed_on
    if registered and passed and passed < registered and "exam_passed_on" not in errors:
        errors["exam_passed_on"] = EXAM_BEFORE_REGISTERING
    if errors:
        raise ValidationError(errors)
    if steps_rules.states(application_steps(application)) != before:
        application.progressed_at = now
    note_change(application, by=by, reason="Updated by the applicant")
    application.full_clean(exclude=["education_proof", "release_proof", "holder"])
    application.save()
    return application


def crs_application_certify(
    *,
    application: CrsApplication,
    number: str,
    certified_on: date,
    now: datetime | None = None,
) -> CredentialRecord:
    """The exam is passed and PCB has issued the CRS: the checklist becomes the mentor's
    credential record, with its expiry and renewal pathway from here on."""
    now = now or timezone.now()
    if application.credential_record_id is not None:
        raise ValidationError(ALREADY_CERTIFIED)
    if application.exam_passed_on is None:
        raise ValidationError(CERTIFY_BEFORE_EXAM)
    if certified_on < application.exam_passed_on:
        raise ValidationError({"certified_on": CERTIFIED_BEFORE_PASSING})
    with transaction.atomic():
        record = credential_record_save(
            holder=application.holder,
            credential_type=crs_type(),
            number=number,
            issue_date=certified_on,
            by=application.holder,
            reason=REASON_CERTIFIED,
            now=now,
        )
        application.credential_record = record
        application.progressed_at = now
        note_change(application, by=application.holder, reason=REASON_CERTIFIED)
        application.save(update_fields=["credential_record", "progressed_at"])
    return record


# ----------------------------------------------------------------------------- cohort


@dataclass
class CohortRow:
    application: CrsApplication
    step: steps_rules.Step | None  # None: every step done, CRS number not yet recorded
    done: int
    waiting_days: int


@dataclass
class Cohort:
    step_titles: list[tuple[str, str]]
    counts: Counter = field(default_factory=Counter)
    certified: int = 0
    stuck: list[CohortRow] = field(default_factory=list)
    rows: list[CohortRow] = field(default_factory=list)


def crs_cohort(*, now: datetime | None = None) -> Cohort:
    """How many mentors are at each step, and who has not moved in STUCK_AFTER_DAYS days.
    Three queries, whatever the number of applications."""
    now = now or timezone.now()
    credential_type = crs_type()
    applications = list(
        CrsApplication.objects.select_related("holder").defer("essay").order_by("progressed_at")
    )
    hours = dict(
        CEEntry.objects.filter(_training_hours_query(), holder__crs_application__isnull=False)
        .values_list("holder_id")
        .annotate(total=Sum("hours"))
        .values_list("holder_id", "total")
    )
    # Counted here, never shown: the essay itself stays with its writer.
    essay_words = {
        pk: steps_rules.essay_word_count(text)
        for pk, text in CrsApplication.objects.values_list("pk", "essay")
    }
    cohort = Cohort(step_titles=steps_rules.STEP_TITLES)
    stuck_before = now - timedelta(days=steps_rules.STUCK_AFTER_DAYS)
    for application in applications:
        if application.credential_record_id is not None:
            cohort.certified += 1
            continue
        facts = _facts(
            application,
            credential_type,
            hours.get(application.holder_id, Decimal(0)),
            essay_words.get(application.pk, 0),
        )
        steps = steps_rules.application_steps(facts)
        current = steps_rules.current_step(steps)
        row = CohortRow(
            application=application,
            step=current,
            done=steps_rules.steps_done(steps),
            waiting_days=(now - application.progressed_at).days,
        )
        cohort.counts[current.key if current else "ready"] += 1
        cohort.rows.append(row)
        if application.progressed_at < stuck_before:
            cohort.stuck.append(row)
    return cohort
