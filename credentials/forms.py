"""Forms for the holder's pages. Every bad input becomes a message beside its field."""

from django import forms
from django.core.validators import RegexValidator

from credentials import rules
from credentials.choices import ActivityKind, CETopic, EducationKind
from credentials.models import CredentialType
from credentials.models.application import ESSAY_MAX_CHARS
from credentials.uploads import validate_upload

NUMBER_FORMAT = "Use the number as printed: letters, digits, spaces, dots, slashes or dashes."
UNKNOWN_TOPIC = "Choose one of the topics: general, ethics or confidentiality."
UNKNOWN_KIND = "Choose the kind of activity from the list."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _upload_field(label: str, *, required: bool, help_text: str) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )


class CredentialRecordForm(forms.Form):
    """A holder records or updates their credential."""

    credential_type = forms.ModelChoiceField(
        label="Credential", queryset=CredentialType.objects.all(), empty_label=None
    )
    number = forms.CharField(
        label="Credential number",
        max_length=40,
        validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9 ./-]*$", NUMBER_FORMAT)],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    issue_date = forms.DateField(label="Issue date", widget=DateInput())
    expiry_date = forms.DateField(
        label="Expiry date",
        required=False,
        widget=DateInput(),
        help_text="As printed on the credential. Leave empty to count one renewal cycle "
        "(24 months for the CRS) from the issue date.",
    )
    evidence = _upload_field(
        "Evidence (optional)",
        required=False,
        help_text="The credential certificate or PCB letter: a PDF or a photo, at most 10 MB. "
        "Only you and the program coordinators can open it.",
    )

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            self.cleaned_data["evidence_content_type"] = validate_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        credential_type = cleaned.get("credential_type")
        issue_date = cleaned.get("issue_date")
        if credential_type is None or issue_date is None or "expiry_date" in self.errors:
            return cleaned
        type_rules = credential_type.rules()
        expiry_date = cleaned.get("expiry_date") or rules.expected_expiry(issue_date, type_rules)
        for field, message in rules.record_dates_errors(
            issue_date=issue_date, expiry_date=expiry_date, rules=type_rules, today=self.today
        ).items():
            self.add_error(field, message)
        cleaned["expiry_date"] = expiry_date
        return cleaned


class CEEntryForm(forms.Form):
    """An external training, with its certificate (what PCB's audit asks for)."""

    title = forms.CharField(label="Training title", max_length=200, help_text="As printed.")
    organization = forms.CharField(
        label="Organization", max_length=200, help_text="Who gave the training."
    )
    date = forms.DateField(label="Date completed", widget=DateInput())
    hours = forms.DecimalField(
        label="Hours",
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
        help_text="As on the certificate. A college course counts 15 hours per credit.",
    )
    topic = forms.ChoiceField(
        label="Topic",
        choices=CETopic.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": UNKNOWN_TOPIC},
    )
    kind = forms.ChoiceField(
        label="Kind of activity",
        choices=ActivityKind.choices,
        error_messages={"invalid_choice": UNKNOWN_KIND},
        help_text="Supervision, staff meetings, rounds and case management do not count.",
    )
    certificate = _upload_field(
        "Certificate",
        required=True,
        help_text="A PDF or a photo, at most 10 MB. It should show your name, the title, the "
        "organization, the date and the hours.",
    )

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if message := rules.ce_hours_error(hours):
            raise forms.ValidationError(message)
        return hours

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if refusal := rules.ce_kind_refusal(kind):
            raise forms.ValidationError(refusal, code="not_counted")
        return kind

    def clean_date(self):
        day = self.cleaned_data["date"]
        if message := rules.ce_date_error(day, today=self.today):
            raise forms.ValidationError(message)
        return day

    def clean_certificate(self):
        upload = self.cleaned_data.get("certificate")
        if upload:
            self.cleaned_data["certificate_content_type"] = validate_upload(upload)
        return upload


class ReasonForm(forms.Form):
    """The reason a coordinator gives for confirming, suspending, revoking or reinstating."""

    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Kept in the record's history, with your name and the time.",
    )


class SupervisionForm(forms.Form):
    """A supervision session; it never counts as PCB continuing education."""

    supervisor: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Supervisor",
        queryset=None,
        empty_label="Choose your supervisor",
        error_messages={
            "invalid_choice": "Choose a coordinator of the program as your supervisor."
        },
    )
    date = forms.DateField(label="Date of the session", widget=DateInput())
    minutes = forms.IntegerField(
        label="Length in minutes",
        min_value=1,
        max_value=480,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    topics = forms.CharField(label="Topics", max_length=500, help_text="A few words; exported.")
    note = forms.CharField(
        label="Private note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only you see this. It is never exported or shown to your supervisor.",
    )

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["supervisor"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.email} ({user.email})"
        )


class SupervisionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", "Confirm"), ("decline", "Decline")],
        error_messages={"invalid_choice": "Choose confirm or decline."},
    )
    reason = forms.CharField(required=False, max_length=500)


# ----------------------------------------------------------------------------- CRS application
# One small form per step of the checklist; each posts with its own `step` value.

ESSAY_TOO_LONG = "The essay can be at most 20,000 characters ({length:,} now). Shorten it to save."


class _UploadStepForm(forms.Form):
    def clean_proof(self):
        upload = self.cleaned_data.get("proof")
        if upload:
            self.cleaned_data["content_type"] = validate_upload(upload)
        return upload


class ApplicationEducationForm(_UploadStepForm):
    education_kind = forms.ChoiceField(
        label="What you have",
        choices=[("", "Choose one"), *EducationKind.choices],
        error_messages={"required": "Choose your diploma, GED or discharge papers."},
    )
    proof = _upload_field(
        "Upload it",
        required=False,
        help_text="A PDF or a photo, at most 10 MB. Leave empty to keep what you uploaded.",
    )


class ApplicationReleaseForm(_UploadStepForm):
    proof = _upload_field(
        "Notarized release", required=True, help_text="A PDF or a photo, at most 10 MB."
    )


class ApplicationEssayForm(forms.Form):
    essay = forms.CharField(
        label="Your essay",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "data-word-count": "essay-count"}),
        help_text="Private: only you see it. Download it when you are ready to send it to PCB.",
    )

    def clean_essay(self):
        essay = self.cleaned_data.get("essay", "")
        if len(essay) > ESSAY_MAX_CHARS:
            raise forms.ValidationError(ESSAY_TOO_LONG.format(length=len(essay)))
        return essay


class ApplicationFeeForm(forms.Form):
    fee_paid_on = forms.DateField(label="Date you paid the fee", widget=DateInput())


class ApplicationExamForm(forms.Form):
    exam_registered_on = forms.DateField(label="Date you registered", widget=DateInput())
    exam_passed_on = forms.DateField(
        label="Date you passed", required=False, widget=DateInput(), help_text="Once you have."
    )


class ApplicationShareForm(forms.Form):
    share_documents = forms.BooleanField(
        label="Coordinators may open my diploma and release",
        required=False,
        help_text="Your essay is never shown to anyone.",
    )


class ApplicationCertifyForm(forms.Form):
    number = forms.CharField(
        label="Your CRS number",
        max_length=40,
        validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9 ./-]*$", NUMBER_FORMAT)],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    certified_on = forms.DateField(
        label="Date certified",
        widget=DateInput(),
        help_text="As on PCB's letter. Your renewal cycle counts from this date.",
    )
