"""The style guide: every component of the site's own CSS in every state, for staff who build or
review pages. Plain markup on real classes, so a change to site.css shows here first."""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from lms.accounts.roles import STAFF_ROLES, user_has_role
from lms.common import charts

# Colors of site.css with their contrast on white (the text colors are also checked on --tint).
COLORS = [
    ("--ink", "#1b1f24", "Text", "16:1"),
    ("--muted", "#4a5562", "Secondary text", "7.4:1"),
    ("--brand", "#0b5a7a", "Links, buttons, bars", "7.3:1"),
    ("--brand-dark", "#07405a", "Header, hover", "10.6:1"),
    ("--ok", "#1d6b35", "Valid, completed", "6.6:1"),
    ("--warn", "#8a4b00", "Attention, open", "6.4:1"),
    ("--bad", "#a4161a", "Error, revoked, overdue", "7.2:1"),
    ("--line", "#c5ced8", "Borders (decorative)", "1.6:1"),
    ("--focus", "#ffbf47", "Focus ring, with an ink halo", "with ink 11:1"),
]
TYPE_SCALE = ["--text-sm", "--text-md", "--text-lg", "--text-xl", "--text-2xl"]
SPACE_SCALE = [f"--space-{n}" for n in range(1, 8)]


class SampleForm(forms.Form):
    """A form of every row kind, shown empty and with errors."""

    name = forms.CharField(label="Your name", help_text="As it should appear on a certificate.")
    email = forms.EmailField(label="Email address")
    hours = forms.DecimalField(label="Hours", min_value=0.25, max_value=40, required=False)
    topic = forms.ChoiceField(
        label="CE topic",
        choices=[("", "Choose a topic"), ("ethics", "Ethics"), ("general", "General")],
    )
    format = forms.ChoiceField(
        label="How did you meet?",
        widget=forms.RadioSelect,
        choices=[("video", "Video call"), ("phone", "Phone call")],
    )


def _is_staff(user) -> bool:
    return user.is_superuser or any(user_has_role(user, role) for role in STAFF_ROLES)


@require_safe
def styleguide(request):
    """Staff only (editors and coordinators): anonymous visitors sign in, others get 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _is_staff(request.user):
        raise PermissionDenied
    sample_bars = [
        charts.Bar("All topics", 60, "12 of 20 h"),
        charts.Bar("Ethics", 100, "6 of 6 h"),
        charts.Bar("Confidentiality", 0, "0 of 3 h"),
    ]
    return TemplateResponse(
        request,
        "common/styleguide.html",
        {
            "colors": COLORS,
            "type_scale": TYPE_SCALE,
            "space_scale": SPACE_SCALE,
            "empty_form": SampleForm(auto_id="empty_%s"),
            "error_form": SampleForm(
                {"name": "", "email": "not-an-address", "hours": "99", "format": ""},
                auto_id="error_%s",
            ),
            "bars": charts.bar_chart(
                sample_bars,
                label="Sample: All topics, 12 of 20 hours; Ethics, 6 of 6 hours; "
                "Confidentiality, 0 of 3 hours.",
                scale_max=100,
            ),
            "columns": charts.column_chart(
                [
                    charts.Column(f"9/{day}", n)
                    for day, n in zip(range(1, 29, 7), (2, 0, 5, 3), strict=True)
                ],
                label="Sample: check-ins per week: 2, 0, 5 and 3.",
            ),
            "rings": [
                charts.progress_ring(done=d, total=4, label=f"Sample: {d} of 4 modules completed")
                for d in (0, 1, 4)
            ],
        },
    )
