"""One world of real objects for the access matrix and the bad-input tests.

Built once per test module inside a transaction that is rolled back at the end; each test runs in
a savepoint of its own (pytest-django's `db`), so what a test changes never reaches the next.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

import pytest

ROLES = ("anonymous", "mentor", "mentee", "recruiter", "editor", "coordinator")

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class World:
    """The people (one per role), a signed-in session for each (and for "enrolled", a mentor
    with second factors of their own), and the ids the example URLs are built from."""

    people: dict
    ids: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)

    def url(self, template: str) -> str:
        return template.format(**self.ids)


def _build_world() -> World:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    from content.models import ResourcePage
    from credentials.certificates import rendering
    from credentials.certificates import services as certificates
    from credentials.models import CredentialType
    from lms.accounts import factors
    from lms.accounts import services as accounts
    from lms.accounts.models import Invitation, Registration, new_token
    from lms.accounts.roles import Role
    from lms.mentorship import services as mentorship
    from lms.mentorship.models import (
        CheckinTopic,
        ExperienceArea,
        Goal,
        ProgramFocus,
        RubricCriterion,
    )
    from lms.training import services as training
    from lms.training.models import LessonPage, ModulePage, QuizAttemptGrant, QuizPage, TrackPage
    from tests.credentials.factories import CEEntryFactory, CredentialRecordFactory
    from tests.factories import PASSWORD, UserFactory
    from tests.mentorship.factories import (
        AgreementFactory,
        CheckInFactory,
        MenteeProfileFactory,
        MentorProfileFactory,
        PairingFactory,
        complete_training,
    )

    people = {
        "anonymous": None,
        "mentor": UserFactory(role=Role.MENTOR.value),
        "mentee": UserFactory(role=Role.MENTEE.value),
        "recruiter": UserFactory(role=Role.RECRUITER.value),
        "editor": UserFactory(role=Role.EDITOR.value),
        "coordinator": UserFactory(role=Role.COORDINATOR.value),
        # Not a column of the shared matrix: its own row (test_access_matrix.CLINICIAN_ROW).
        "clinician": UserFactory(role=Role.CLINICIAN.value),
    }
    mentor, mentee, coordinator = people["mentor"], people["mentee"], people["coordinator"]

    # The program: the mentor and mentee paired, one ordinary check-in and one concern.
    MentorProfileFactory(user=mentor)
    MenteeProfileFactory(user=mentee)
    complete_training(mentor)  # qualifies to mentor; no module is completed, so module 2 is locked
    pair = PairingFactory(mentor=mentor, mentee=mentee)
    AgreementFactory(pairing=pair)
    checkin = CheckInFactory(pairing=pair, notes="Private note about the week")
    concern = CheckInFactory(pairing=pair, concern=True, notes="A private worry")
    notification = mentorship.concern_notify(checkin=concern)

    # Credentials: the mentor's record with evidence, and a CE entry with its certificate file.
    record = CredentialRecordFactory(
        holder=mentor,
        evidence=ContentFile(PDF_BYTES, name="evidence.pdf"),
        evidence_content_type="application/pdf",
    )
    entry = CEEntryFactory(
        holder=mentor,
        date=timezone.localdate() - timedelta(days=30),
        certificate=ContentFile(PDF_BYTES, name="ce.pdf"),
        certificate_content_type="application/pdf",
    )
    from credentials.supervision import supervision_log

    supervision = supervision_log(
        holder=mentor,
        supervisor=coordinator,
        date=timezone.localdate() - timedelta(days=2),
        minutes=45,
        topics="Boundaries",
    )

    # The mentor's CRS application, with an upload they have not shared.
    from credentials.models import CrsApplication

    crs_application = CrsApplication.objects.create(
        holder=mentor,
        education_kind="ged",
        education_proof=ContentFile(PDF_BYTES, name="ged.pdf"),
        education_content_type="application/pdf",
        essay="Private to the mentor.",
    )

    # The certificate of the shipped track, rendered once (a PDF render is slow).
    track = TrackPage.objects.live().order_by("path").first()
    certificate = certificates.certificate_issue(user=mentor, track=track)
    certificate = rendering.certificate_render(certificate=certificate)

    # The track's post-training evaluation, and a learner who has finished the track and not
    # yet sent it (the only one the evaluation form opens for).
    from lms.training.models import TrackCompletion, TrackEvaluationQuestion

    evaluation_rating = TrackEvaluationQuestion.objects.create(
        track=track, prompt="The training was useful.", kind="rating", sort_order=0
    )
    evaluation_text = TrackEvaluationQuestion.objects.create(
        track=track, prompt="What would you change?", kind="text", required=False, sort_order=1
    )
    finisher = UserFactory(role=Role.MENTOR.value)
    TrackCompletion.objects.create(user=finisher, track=track, hours=5, evaluation_required=True)

    modules = list(ModulePage.objects.live().order_by("path"))
    first_lesson = LessonPage.objects.child_of(modules[0]).live().order_by("path").first()
    locked_lesson = LessonPage.objects.child_of(modules[1]).live().order_by("path").first()
    quiz = QuizPage.objects.child_of(modules[0]).live().get()
    grant = QuizAttemptGrant.objects.create(
        user=mentor, quiz=quiz, attempts=1, reason="Lost connection", granted_by=coordinator
    )
    attempt = training.quiz_attempt_start(user=mentor, quiz=quiz)  # open, so its id can be sent

    # One pending registration, one password reset and one invitation, each with a real link.
    pending_token, pending_hash = new_token()
    Registration.objects.create(
        email="pending@example.org",
        first_name="Pat",
        token_hash=pending_hash,
        expires_at=timezone.now() + timedelta(days=7),
    )
    forgetful = UserFactory(role=Role.MENTOR.value)  # never signs in, so the reset link holds
    invitation_link = accounts.invitation_create(
        email="invited@example.org", created_by=coordinator
    )
    # Two more for the admin's revoke and resend (each spends its own, the link above stays).
    accounts.invitation_create(email="to-revoke@example.org", created_by=coordinator)
    accounts.invitation_create(email="to-resend@example.org", created_by=coordinator)
    spare_invitations = Invitation.objects.filter(email__startswith="to-re")

    # Someone with second factors of their own (an authenticator app and a passkey), past the
    # second-factor step: whose factors the six roles may not see or remove.
    enrolled = UserFactory(role=Role.MENTOR.value)
    enrolled_app = TOTPDevice.objects.create(user=enrolled, name="Phone app", confirmed=True)
    enrolled_passkey = WebAuthnCredential.objects.create(
        user=enrolled,
        name="Laptop",
        confirmed=True,
        credential_id=b"world-passkey-credential-id-0001",
        public_key=b"world-passkey-public-key",
        sign_count=0,
    )
    factors.recovery_codes_issue(user=enrolled)
    enrolled.second_factor_enrolled = True
    enrolled.save(update_fields=["second_factor_enrolled"])

    # Signing in once here, rather than in every test, keeps the 800-odd cases fast.
    sessions = {}
    for role, person in {**people, "enrolled": enrolled, "finisher": finisher}.items():
        if person is not None:
            client = Client()
            client.force_login(person)
            if person == enrolled:
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = enrolled_app.persistent_id
                session.save()
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value

    return World(
        people=people,
        sessions=sessions,
        ids={
            "pair": pair.pk,
            "mentor": mentor.pk,
            "mentee": mentee.pk,
            "mentor_email": mentor.email,
            "checkin": checkin.pk,
            "concern": notification.pk,
            "application": mentor.mentor_application.pk,
            "criterion": RubricCriterion.objects.order_by("pk").first().pk,
            "record": record.pk,
            "record_number": record.number,
            "entry": entry.pk,
            "supervision": supervision.pk,
            "crs_application": crs_application.pk,
            "certificate": certificate.pk,
            "token": certificate.token,
            "code": certificate.formatted_code,
            "credential_type": CredentialType.objects.get(code="crs").pk,
            "grant": grant.pk,
            "goal": Goal.objects.order_by("pk").first().pk,
            "area": ExperienceArea.objects.order_by("pk").first().pk,
            "topic": CheckinTopic.objects.order_by("pk").first().pk,
            "focus": ProgramFocus.objects.order_by("pk").first().pk,
            "quiz": quiz.pk,
            "attempt": attempt.pk,
            "quiz_url": quiz.url,
            "lesson_url": first_lesson.url,
            "locked_lesson_url": locked_lesson.url,
            "module_url": modules[0].url,
            "track_url": track.url,
            "track": track.pk,
            "evaluation_rating": evaluation_rating.pk,
            "evaluation_text": evaluation_text.pk,
            "resource_url": ResourcePage.objects.live().order_by("path").first().url,
            "pending_token": pending_token,
            "password": PASSWORD,
            "reset_uid": urlsafe_base64_encode(force_bytes(forgetful.pk)),
            "reset_token": default_token_generator.make_token(forgetful),
            "invitation": invitation_link.rstrip("/").rsplit("/", 1)[-1],
            "invitation_to_revoke": spare_invitations.get(email__startswith="to-revoke").pk,
            "invitation_to_resend": spare_invitations.get(email__startswith="to-resend").pk,
            "enrolled_app": enrolled_app.pk,
            "enrolled_passkey": enrolled_passkey.pk,
        },
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The shared objects, rolled back when the module's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def as_role(client, world, db):
    """The test client, signed in as the given role (with the world's session) or anonymous."""

    def sign_in(role: str):
        client.cookies.clear()
        if role in world.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
        return client

    return sign_in
