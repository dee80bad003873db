"""Demo credential records (development only): one credential in each everyday state, with CE.

Dates are set relative to the day of the first load; later loads change nothing.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from credentials import application as applications
from credentials import rules, services
from credentials.choices import ActivityKind, CESource, CETopic
from credentials.models import CEEntry, CredentialRecord, CredentialType, CrsApplication
from credentials.selectors import today_in_program
from lms.accounts.demo import demo_user
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.common.changes import note_change

EXTRA_MENTORS = [
    ("jordan.mentor@example.org", "Jordan", "Ellis"),
    ("alex.mentor@example.org", "Alex", "Moreno"),
]

# (email, days from today to expiry, confirmed, [(days ago, title, organization, hours, topic)])
DEMO_CREDENTIALS = [
    (
        "mentor@example.org",
        60,  # renewal window open
        True,
        [
            (
                500,
                "Peer support foundations refresher",
                "Keystone Training Institute",
                12,
                "general",
            ),
            (300, "Ethics and boundaries in peer work", "Commonwealth Peer Network", 4, "ethics"),
            (120, "Confidentiality in practice", "Commonwealth Peer Network", 3, "confidentiality"),
            (40, "Motivational interviewing basics", "Three Rivers College", 6, "general"),
            (800, "Crisis response essentials", "Keystone Training Institute", 6, "general"),
        ],
    ),
    (
        "jordan.mentor@example.org",
        540,  # active
        False,
        [(30, "Trauma-informed communication", "Keystone Training Institute", 6, "general")],
    ),
    (
        "alex.mentor@example.org",
        -45,  # expired, can still recertify
        True,
        [
            (200, "Ethics for peer workers", "Commonwealth Peer Network", 6, "ethics"),
            (150, "Privacy and records", "Commonwealth Peer Network", 3, "confidentiality"),
            (100, "Wellness planning workshop", "Three Rivers College", 15, "general"),
        ],
    ),
]


def _certificate_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a scanned certificate."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")[:60]
    stream = f"BT /F1 14 Tf 72 720 Td (Certificate of completion: {text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def load(*, password: str) -> list[tuple[str, str]]:
    """Create the extra demo mentors, their credentials and CE entries; returns (email, role)."""
    rows = []
    for email, first, last in EXTRA_MENTORS:
        demo_user(
            email=email, first_name=first, last_name=last, role=Role.MENTOR, password=password
        )
        rows.append((email, Role.MENTOR.value))
    crs = CredentialType.objects.filter(code="crs").first()
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    if crs is None:
        return rows
    today = today_in_program()
    for index, (email, days_to_expiry, confirmed, entries) in enumerate(DEMO_CREDENTIALS):
        holder = User.objects.filter(email=email).first()
        if holder is None:
            continue
        if not CredentialRecord.objects.filter(holder=holder, credential_type=crs).exists():
            expiry = today + timedelta(days=days_to_expiry)
            issue = rules.add_months(expiry, -crs.renewal_cycle_months)
            record = CredentialRecord(
                holder=holder,
                credential_type=crs,
                number=f"DEMO-{index + 1:05d}",
                issue_date=issue,
                expiry_date=expiry,
            )
            note_change(record, by=holder, reason="Demo data.")
            record.save()
            if confirmed and coordinator is not None:
                services.credential_record_confirm(
                    record=record, by=coordinator, reason="Demo: checked against PCB's register."
                )
        for days_ago, title, organization, hours, topic in entries:
            if CEEntry.objects.filter(holder=holder, title=title).exists():
                continue
            entry = CEEntry(
                holder=holder,
                title=title,
                organization=organization,
                date=today - timedelta(days=days_ago),
                hours=Decimal(hours),
                topic=CETopic(topic),
                kind=ActivityKind.WORKSHOP,
                source=CESource.EXTERNAL,
                certificate_content_type="application/pdf",
            )
            entry.certificate.save(
                "certificate.pdf", ContentFile(_certificate_pdf(title)), save=False
            )
            note_change(entry, by=holder, reason="Demo data.")
            entry.save()
    return rows


# Prospective mentors working toward their first CRS (the application checklist).
DEMO_APPLICANTS = [
    ("pat.applicant@example.org", "Pat", "Quinn"),
    ("drew.applicant@example.org", "Drew", "Park"),
]
DEMO_ESSAY_DRAFT = (
    "Draft. When I walked into my first meeting I did not believe anything would change. "
    "What changed it was a person who had been where I was and said so plainly. "
    "Recovery for me has meant rebuilding trust with my family, keeping a job, and learning "
    "to ask for help before things get bad. I want to be that plain, steady voice for someone "
    "else. Still to write: what boundaries mean to me, and what I learned in my second year."
)


def load_applicants(*, password: str) -> list[tuple[str, str]]:
    """Pat is halfway through the checklist; Drew chose a GED 75 days ago and has not moved
    since, so the coordinators' cohort view lists Drew as stuck."""
    rows = []
    for email, first, last in DEMO_APPLICANTS:
        demo_user(
            email=email, first_name=first, last_name=last, role=Role.MENTOR, password=password
        )
        rows.append((f"{email} (CRS application in progress)", Role.MENTOR.value))
    if CredentialType.objects.filter(code="crs").first() is None:
        return rows
    today = today_in_program()
    pat = User.objects.get(email=DEMO_APPLICANTS[0][0])
    application = applications.application_for(pat)
    if not application.education_proof:
        application.education_proof.save(
            "diploma.pdf", ContentFile(_certificate_pdf("High-school diploma")), save=False
        )
        application.education_content_type = "application/pdf"
        applications.crs_application_update(
            application=application,
            by=pat,
            education_kind="diploma",
            essay=DEMO_ESSAY_DRAFT,
            fee_paid_on=today - timedelta(days=12),
        )
        entry = CEEntry(
            holder=pat,
            title="CRS standardized training, part 1",
            organization="Keystone Training Institute",
            date=today - timedelta(days=40),
            hours=Decimal(36),
            topic=CETopic.GENERAL,
            kind=ActivityKind.TRAINING,
            source=CESource.EXTERNAL,
            certificate_content_type="application/pdf",
        )
        entry.certificate.save(
            "certificate.pdf", ContentFile(_certificate_pdf(entry.title)), save=False
        )
        note_change(entry, by=pat, reason="Demo data.")
        entry.save()
    drew = User.objects.get(email=DEMO_APPLICANTS[1][0])
    stuck = applications.application_for(drew)
    if not stuck.education_kind:
        applications.crs_application_update(application=stuck, by=drew, education_kind="ged")
        CrsApplication.objects.filter(pk=stuck.pk).update(
            progressed_at=timezone.now() - timedelta(days=75)
        )
    return rows
