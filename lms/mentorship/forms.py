"""Forms of the program pages. Every field is labelled; errors show next to their field; a bound
form keeps what the person typed. Services do the writing (lms/mentorship/services.py)."""

from django import forms
from django.utils import timezone

from lms.mentorship import focus as focus_rules
from lms.mentorship.choices import (
    ApplicationStage,
    FocusKind,
    Frequency,
    GenderPreference,
    Language,
    MeetingFormat,
    MentorGender,
    MentorStatus,
    PairEndReason,
    Recommendation,
    RecoveryStage,
    ShareableMenteeField,
    ShareableMentorField,
    SupportStyle,
    TimeInRecovery,
    TimeSlot,
)
from lms.mentorship.models import CheckinTopic, ExperienceArea, Goal, MentorProfile
from lms.mentorship.models.profiles import MAX_CAPACITY
from lms.mentorship.scoring import Criterion
from lms.mentorship.texts import CONFIDENTIALITY_GUIDELINES

CONSENT_NEEDED_TO_SHARE = "Agree to the use of your answers first, or untick what you share."
# In the app, not templates/: the form renderer looks only in app template folders.
CHECKBOX_TEMPLATE = "mentorship/forms/checkbox_field.html"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _checkboxes(choices, label, help_text="", required=False):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
    )


class ListItemsField(forms.ModelMultipleChoiceField):
    """Active items of a coordinator list, plus any retired ones already chosen (kept)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model, *, label, chosen=(), **kwargs):
        queryset = model.objects.filter(active=True) | model.objects.filter(pk__in=list(chosen))
        super().__init__(queryset=queryset.distinct(), label=label, required=False, **kwargs)


def _chosen(instance, name):
    if instance is None or instance.pk is None:
        return []
    return list(getattr(instance, name).values_list("pk", flat=True))


# The mentee form's labels when a coordinator fills it in at intake.
INTAKE_LABELS = {
    "goals": "The mentee's goals",
    "experience_areas": "Experiences the mentee would like their mentor to share",
    "recovery_stage": "Where is the mentee now?",
    "formats": "How would the mentee like to meet?",
    "times": "When suits the mentee?",
    "languages": "Languages the mentee is comfortable in",
    "support_style": "What kind of support would help the mentee most?",
    "gender_preference": "Would the mentee prefer their mentor to be…",
    "consent": "The mentee has agreed that coordinators use these answers to find them a mentor.",
}


class MenteeProfileForm(forms.Form):
    """A mentee's answers for matching. `with_sharing` adds the mentee's own choices of what their
    mentor may see; a coordinator recording answers at intake never sets those."""

    recovery_stage = forms.ChoiceField(
        label="Where are you now?",
        choices=[("", "I'd rather not say"), *RecoveryStage.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    formats = _checkboxes(MeetingFormat, "How would you like to meet?")
    times = _checkboxes(TimeSlot, "When suits you?")
    languages = _checkboxes(Language, "Languages you are comfortable in")
    support_style = forms.ChoiceField(
        label="What kind of support would help most?",
        choices=SupportStyle.choices,
        widget=forms.RadioSelect,
        initial=SupportStyle.BOTH,
    )
    gender_preference = forms.ChoiceField(
        label="Would you prefer your mentor to be…",
        choices=GenderPreference.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Optional. Only coordinators see this; it is never shown to a mentor.",
    )
    consent = forms.BooleanField(
        template_name=CHECKBOX_TEMPLATE,
        label="I agree that the program's coordinators use these answers to find me a mentor.",
        required=False,
        help_text="You can change or withdraw this at any time.",
    )

    def __init__(self, *args, instance=None, with_sharing=True, **kwargs):
        self.instance = instance
        self.with_sharing = with_sharing
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = mentee_initial(instance)
        super().__init__(*args, **kwargs)
        self.fields["goals"] = ListItemsField(
            Goal, label="Your goals", chosen=_chosen(instance, "goals")
        )
        self.fields["experience_areas"] = ListItemsField(
            ExperienceArea,
            label="Experiences you would like your mentor to share",
            chosen=_chosen(instance, "experience_areas"),
            help_text="Optional. Choose any that matter to you.",
        )
        self.order_fields(["goals", "experience_areas"])
        if with_sharing:
            for choice in ShareableMenteeField:
                self.fields[f"share_{choice.value}"] = forms.BooleanField(
                    template_name=CHECKBOX_TEMPLATE,
                    label=f"Show my mentor: {choice.label.lower()}",
                    required=False,
                )
        else:
            self._speak_of_the_mentee()

    def _speak_of_the_mentee(self) -> None:
        """A coordinator filling in the intake answers for the mentee: every question is about
        the mentee, not "you"."""
        for name, label in INTAKE_LABELS.items():
            self.fields[name].label = label
        self.fields["experience_areas"].help_text = "Optional. Choose any that matter to them."
        stage = self.fields["recovery_stage"]
        if isinstance(stage, forms.ChoiceField):
            stage.choices = [("", "The mentee would rather not say"), *RecoveryStage.choices]

    def clean(self):
        cleaned = super().clean()
        sharing = any(cleaned.get(f"share_{c.value}") for c in ShareableMenteeField)
        if self.with_sharing and sharing and not cleaned.get("consent"):
            raise forms.ValidationError(CONSENT_NEEDED_TO_SHARE)
        return cleaned

    def profile_data(self) -> dict:
        names = [
            "goals",
            "experience_areas",
            "recovery_stage",
            "formats",
            "times",
            "languages",
            "support_style",
            "gender_preference",
        ]
        if self.with_sharing:
            names += [f"share_{c.value}" for c in ShareableMenteeField]
        return {name: self.cleaned_data[name] for name in names}


def mentee_initial(profile) -> dict:
    initial = {
        "recovery_stage": profile.recovery_stage,
        "formats": profile.formats,
        "times": profile.times,
        "languages": profile.languages,
        "support_style": profile.support_style,
        "gender_preference": profile.gender_preference,
        "consent": profile.consented_at is not None,
    }
    if profile.pk:
        initial["goals"] = _chosen(profile, "goals")
        initial["experience_areas"] = _chosen(profile, "experience_areas")
    for choice in ShareableMenteeField:
        initial[f"share_{choice.value}"] = profile.shares(choice)
    return initial


class MentorProfileForm(forms.Form):
    """A mentor's own matching profile, what of it the mentee may see, and their consent."""

    stages = _checkboxes(RecoveryStage, "Stages you feel able to support")
    formats = _checkboxes(MeetingFormat, "How you can meet")
    times = _checkboxes(TimeSlot, "When you can meet")
    languages = _checkboxes(Language, "Languages you can mentor in")
    support_style = forms.ChoiceField(
        label="The support you offer",
        choices=SupportStyle.choices,
        widget=forms.RadioSelect,
        initial=SupportStyle.BOTH,
    )
    gender = forms.ChoiceField(
        label="Your gender",
        choices=MentorGender.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Optional. Used only when a mentee asks for a mentor of a given gender.",
    )
    capacity = forms.IntegerField(
        label="How many mentees can you support at a time?",
        min_value=0,
        max_value=MAX_CAPACITY,
        initial=2,
    )
    status = forms.ChoiceField(
        label="Taking new mentees?",
        choices=MentorStatus.choices,
        widget=forms.RadioSelect,
        initial=MentorStatus.ACTIVE,
    )
    consent = forms.BooleanField(
        template_name=CHECKBOX_TEMPLATE,
        label="I agree that coordinators use this profile to pair me with mentees.",
        required=False,
    )

    def __init__(self, *args, instance: MentorProfile | None = None, **kwargs):
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "stages": instance.stages,
                "formats": instance.formats,
                "times": instance.times,
                "languages": instance.languages,
                "support_style": instance.support_style,
                "gender": instance.gender,
                "capacity": instance.capacity,
                "status": instance.status,
                "consent": instance.consented_at is not None,
                "experience_areas": _chosen(instance, "experience_areas"),
                "goals": _chosen(instance, "goals"),
                **{f"share_{c.value}": instance.shares(c) for c in ShareableMentorField},
            }
        super().__init__(*args, **kwargs)
        self.fields["experience_areas"] = ListItemsField(
            ExperienceArea,
            label="Your areas of lived experience",
            chosen=_chosen(instance, "experience_areas"),
        )
        self.fields["goals"] = ListItemsField(
            Goal, label="Goals you can support", chosen=_chosen(instance, "goals")
        )
        self.order_fields(["experience_areas", "goals"])
        for choice in ShareableMentorField:
            self.fields[f"share_{choice.value}"] = forms.BooleanField(
                template_name=CHECKBOX_TEMPLATE,
                label=f"Show my mentees: {choice.label.lower()}",
                required=False,
            )

    def profile_data(self) -> dict:
        names = [
            "experience_areas",
            "goals",
            "stages",
            "formats",
            "times",
            "languages",
            "support_style",
            "gender",
            "capacity",
            "status",
            *[f"share_{c.value}" for c in ShareableMentorField],
        ]
        return {name: self.cleaned_data[name] for name in names}


class MentorAdminForm(forms.Form):
    """What a coordinator changes on a mentor's profile: capacity and whether they take mentees."""

    capacity = forms.IntegerField(
        label="Capacity (mentees at a time)", min_value=0, max_value=MAX_CAPACITY
    )
    status = forms.ChoiceField(
        label="Status", choices=MentorStatus.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label="Reason for the change", max_length=100)


class WeightsForm(forms.Form):
    """The ranking weights, 0 to 100 each; 0 switches a criterion off."""

    reason = forms.CharField(
        label="Why the change", max_length=100, help_text="Kept in the history with your name."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in reversed(Criterion.ALL):
            self.fields[name] = forms.IntegerField(
                label=Criterion.LABELS[name], min_value=0, max_value=100
            )
        self.order_fields([*Criterion.ALL, "reason"])


class PairConfirmForm(forms.Form):
    mentor = forms.IntegerField(widget=forms.HiddenInput)


class PairEndForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is the pairing ending?", choices=PairEndReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the reason is 'Other'. Seen by coordinators only.",
    )


class AgreementForm(forms.Form):
    """The pair's agreement. A new one starts from the program focus of the mentee's stage
    (selectors.agreement_defaults); the pair can change every field, the focus included."""

    focus = forms.ChoiceField(
        label="Focus of our pairing",
        choices=[("", "No particular focus"), *FocusKind.choices],
        required=False,
        help_text="The program focus this agreement follows.",
    )
    frequency = forms.ChoiceField(
        label="How often we meet", choices=Frequency.choices, widget=forms.RadioSelect
    )
    meeting_minutes = forms.IntegerField(
        label="How long we meet, in minutes",
        min_value=focus_rules.MEETING_MINUTES_MIN,
        max_value=focus_rules.MEETING_MINUTES_MAX,
        help_text=focus_rules.MINUTES_RANGE,
    )
    channel = forms.ChoiceField(
        label="How we meet", choices=MeetingFormat.choices, widget=forms.RadioSelect
    )
    channel_details = forms.CharField(
        label="Details",
        max_length=200,
        required=False,
        help_text="Optional, for example a usual day and time. No addresses or phone numbers.",
    )
    goals = forms.CharField(
        label="Goals of our pairing",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    confidentiality = forms.CharField(
        label="Confidentiality guidelines",
        widget=forms.Textarea(attrs={"rows": 14}),
        initial=CONFIDENTIALITY_GUIDELINES,
        max_length=6000,
        help_text="Both of you read these in full when you acknowledge the agreement.",
    )

    field_order = [
        "focus",
        "frequency",
        "meeting_minutes",
        "channel",
        "channel_details",
        "topics",
        "goals",
        "confidentiality",
    ]

    def __init__(self, *args, chosen_topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = ListItemsField(
            CheckinTopic,
            label="What our check-ins cover",
            chosen=chosen_topics,
            help_text="Optional. Topics you mean to come back to at each check-in.",
        )
        self.order_fields(self.field_order)


class AcknowledgeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        template_name=CHECKBOX_TEMPLATE,
        label="I have read this agreement, including the confidentiality guidelines, and I agree.",
    )


class CheckInForm(forms.Form):
    met_on = forms.DateField(label="Date of the meeting", widget=DATE_INPUT)
    duration_minutes = forms.IntegerField(
        label="Duration in minutes", min_value=5, max_value=480, initial=60
    )
    format = forms.ChoiceField(
        label="How you met", choices=MeetingFormat.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Seen only by you and the coordinators, never by your mentee. Keep them short and "
            "factual."
        ),
    )
    concern = forms.BooleanField(
        template_name=CHECKBOX_TEMPLATE,
        label="Concern: ask clinical staff to step in",
        required=False,
        help_text=(
            "Tick this if you are worried about your mentee and want the clinical team involved. "
            "The coordinators are told at once. In an emergency call 911; in a crisis, 988."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = forms.ModelMultipleChoiceField(
            label="Topics",
            queryset=CheckinTopic.objects.filter(active=True),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.order_fields(["met_on", "duration_minutes", "format", "topics"])
        if not self.is_bound:
            self.initial.setdefault("met_on", timezone.localdate())


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How helpful was this meeting?",
        choices=[
            (1, "1: not helpful"),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, "5: very helpful"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything you would like to add?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional. Only the coordinators read this; your mentor does not.",
    )


class GoalMetForm(forms.Form):
    note = forms.CharField(label="Which goal was met?", max_length=200)
    reached_on = forms.DateField(label="When", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("reached_on", timezone.localdate())


class ConcernResolveForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: clinical team informed on this date. No clinical details.",
    )


class DataRequestForm(forms.Form):
    requested_on = forms.DateField(label="Date the mentee asked", widget=DATE_INPUT)
    note = forms.CharField(
        label="How the request came in",
        required=False,
        max_length=500,
        help_text="For example: in person at intake. No clinical details.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("requested_on", timezone.localdate())


class DataDeleteForm(DataRequestForm):
    confirm = forms.BooleanField(
        template_name=CHECKBOX_TEMPLATE,
        label=(
            "I understand that this deletes the mentee's profile, pairings, agreements, check-ins, "
            "feedback and milestones, and that it cannot be undone."
        ),
    )


class MentorApplicationForm(forms.Form):
    """Applying to mentor: the minimum the program decides on. Availability and languages go to
    the matching profile; time in recovery is a range, never a date; the rest is optional."""

    time_in_recovery = forms.ChoiceField(
        label="How long have you been in recovery?",
        choices=TimeInRecovery.choices,
        widget=forms.RadioSelect,
        help_text="A range is enough. We never ask for a date.",
    )
    private_details = forms.CharField(
        label="Anything you would like the program to know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Seen only by you and the program's coordinators.",
    )
    formats = _checkboxes(MeetingFormat, "How can you meet?")
    times = _checkboxes(TimeSlot, "When can you meet?")
    languages = _checkboxes(Language, "Languages you are comfortable in", required=True)
    reference_1_name = forms.CharField(
        label="First reference: name", required=False, max_length=120
    )
    reference_1_contact = forms.CharField(
        label="First reference: phone or email", required=False, max_length=120
    )
    reference_2_name = forms.CharField(
        label="Second reference: name", required=False, max_length=120
    )
    reference_2_contact = forms.CharField(
        label="Second reference: phone or email", required=False, max_length=120
    )

    def clean(self):
        cleaned = super().clean()
        for n in ("1", "2"):
            name, contact = (
                cleaned.get(f"reference_{n}_name"),
                cleaned.get(f"reference_{n}_contact"),
            )
            if bool(name) != bool(contact):
                self.add_error(
                    f"reference_{n}_contact" if name else f"reference_{n}_name", REFERENCE_HALF
                )
        return cleaned

    def application_data(self) -> dict:
        return {
            name: self.cleaned_data.get(name, "")
            for name in (
                "time_in_recovery",
                "private_details",
                "reference_1_name",
                "reference_1_contact",
                "reference_2_name",
                "reference_2_contact",
            )
        }

    def profile_data(self) -> dict:
        return {name: list(self.cleaned_data[name]) for name in ("formats", "times", "languages")}


REFERENCE_HALF = "Give both the name and a way to reach this reference, or neither."


class ApplicationMoveForm(forms.Form):
    to_stage = forms.ChoiceField(label="Move to", widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason (kept with the decision; not shown to the applicant)",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(s, ApplicationStage(s).label) for s in stages]


class InterviewForm(forms.Form):
    """The interview: a 1-4 score and a note for each active rubric criterion, and a
    recommendation. Criteria come from the coordinators' list."""

    held_on = forms.DateField(label="Date of the interview", widget=DATE_INPUT)
    recommendation = forms.ChoiceField(
        label="Overall recommendation", choices=Recommendation.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    SCORE_CHOICES = [(1, "1 - not yet"), (2, "2 - developing"), (3, "3 - solid"), (4, "4 - strong")]

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=self.SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.name}: note", required=False, max_length=300
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"note_{c.pk}", ""))
            for c in self.criteria
        }


class ConcernActionForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only what the program needs to know; the clinical record is kept elsewhere.",
    )
    resolves = forms.BooleanField(
        template_name=CHECKBOX_TEMPLATE,
        label="This concern is handled",
        required=False,
    )
