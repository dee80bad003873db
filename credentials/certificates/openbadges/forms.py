"""The recruiter's Open Badge upload on /verify/."""

from django import forms

from credentials.certificates.openbadges import verify

NO_FILE = "Choose the Open Badge file (.json or .jwt) the holder gave you."


class VerifyBadgeForm(forms.Form):
    badge = forms.FileField(
        label="Open Badge file",
        help_text="The .json or .jwt file the holder downloaded from this site (at most 256 KB).",
        error_messages={"required": NO_FILE, "empty": verify.EMPTY, "invalid": NO_FILE},
    )
    email = forms.EmailField(
        label="The holder's email address (optional)",
        required=False,
        max_length=254,
        help_text="To check that the badge was issued to this address. It is compared with the "
        "badge's salted hash and neither stored nor logged.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_badge(self):
        upload = self.cleaned_data["badge"]
        if upload.size > verify.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(verify.TOO_BIG)
        return upload
