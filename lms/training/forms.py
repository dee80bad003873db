"""Forms of the training: a learner's quiz answers as posted, and a coordinator's grant of
extra attempts."""

import re

from django import forms
from django.http import QueryDict

from wagtail.admin.forms import WagtailAdminModelForm

from lms.accounts.roles import Role
from lms.accounts.selectors import users_with_role
from lms.training.models import QuizAttemptGrant, QuizPage

FIELD_RE = re.compile(r"^q-(?P<id>[\w-]{1,64})$")
ALLOWED_FIELDS = {"csrfmiddlewaretoken", "attempt"}


def quiz_answers_from_post(post: QueryDict) -> tuple[int, dict[str, list[str]]] | None:
    """Attempt id and answers from the POST; None for anything a browser would not send."""
    extra = [k for k in post if k not in ALLOWED_FIELDS and not FIELD_RE.match(k)]
    if extra:
        return None
    attempt_values = post.getlist("attempt")
    if len(attempt_values) != 1 or not attempt_values[0].isdigit() or len(attempt_values[0]) > 18:
        return None
    fields = [match for match in map(FIELD_RE.match, post) if match is not None]
    answers = {match["id"]: post.getlist(match.string) for match in fields}
    if any(len(v) > 20 or any(len(x) > 64 for x in v) for v in answers.values()):
        return None
    return int(attempt_values[0]), answers


def learner_label(user) -> str:
    """ "Jordan Lee (jordan.lee@example.org)", or the email alone when no name is given."""
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class GrantForm(WagtailAdminModelForm):
    """Grant form: only mentors and quizzes to choose from; a reason is required."""

    class Meta:
        model = QuizAttemptGrant
        fields = ["user", "quiz", "attempts", "reason"]
        labels = {"user": "Learner", "attempts": "Extra attempts"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users_with_role(Role.MENTOR)
        # Two people may share a name: the picker shows each learner's email as well.
        self.fields["user"].label_from_instance = learner_label
        self.fields["quiz"].queryset = QuizPage.objects.live().order_by("path")
        self.fields["reason"].widget = forms.Textarea(attrs={"rows": 3})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise forms.ValidationError("Say briefly why the extra attempts are granted.")
        return reason
