"""Forms for verification, the holder's choices and recruiters' bulk checks."""

import csv
import io

from django import forms

from credentials.models.certificates import RevocationCategory

MAX_PDF_BYTES = 5 * 1024 * 1024
MAX_BULK_CODES = 200
PDF_TOO_BIG = "That file is larger than 5 MB; a certificate PDF is much smaller."
NOT_A_PDF = "That file is not a PDF."
BULK_EMPTY = "Paste at least one code, or upload a CSV file of codes."
BULK_TOO_MANY = f"Check at most {MAX_BULK_CODES} codes at a time."
CSV_UNREADABLE = "That file could not be read as CSV text."


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=40,
        help_text="16 letters and digits, as printed on the certificate (dashes optional).",
        error_messages={"required": "Enter the code printed on the certificate."},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


class VerifyPdfForm(forms.Form):
    file = forms.FileField(
        label="Certificate PDF", help_text="We compare it with the one we issued."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(PDF_TOO_BIG)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(NOT_A_PDF)
        return upload


class CertificateNameForm(forms.Form):
    name = forms.CharField(
        label="Name to print on your certificates",
        max_length=500,
        help_text="Used for certificates issued from now on. Issued certificates never change; "
        "ask your coordinator for a reissue.",
    )


class BulkVerifyForm(forms.Form):
    codes = forms.CharField(
        label="Codes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One per line, or separated by commas.",
    )
    file = forms.FileField(label="Or a CSV file of codes", required=False)

    def clean(self):
        cleaned = super().clean()
        found = []
        text = cleaned.get("codes") or ""
        for part in text.replace(",", "\n").splitlines():
            if part.strip():
                found.append(part.strip())
        upload = cleaned.get("file")
        if upload:
            if upload.size > 256 * 1024:
                raise forms.ValidationError(CSV_UNREADABLE)
            try:
                rows = csv.reader(io.StringIO(upload.read().decode("utf-8-sig")))
                found += [cell.strip() for row in rows for cell in row if cell.strip()]
            except (UnicodeDecodeError, csv.Error):
                raise forms.ValidationError(CSV_UNREADABLE) from None
        if not found:
            raise forms.ValidationError(BULK_EMPTY)
        if len(found) > MAX_BULK_CODES:
            raise forms.ValidationError(BULK_TOO_MANY)
        cleaned["found"] = found
        return cleaned


class RevokeForm(forms.Form):
    category = forms.ChoiceField(
        label="Public reason",
        choices=[("", "Choose the public reason"), *RevocationCategory.choices],
        help_text="The only part of the reason the public verification page shows.",
    )
    reason = forms.CharField(
        label="Reason (internal)", min_length=5, widget=forms.Textarea(attrs={"rows": 3})
    )


def public_revocation_wording(category_label: str) -> str:
    """What the public verification page will say once the certificate is revoked."""
    return f"This certificate was revoked ({category_label.lower()}). It is no longer valid."


class ReissueForm(forms.Form):
    holder_name = forms.CharField(label="Name as it should be printed", max_length=500)
    reason = forms.CharField(label="Reason", min_length=5, widget=forms.Textarea(attrs={"rows": 3}))


class RegeneratePdfForm(forms.Form):
    """Make a missing certificate PDF again: nothing to fill in, the page says what happens."""
