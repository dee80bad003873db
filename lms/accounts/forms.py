"""Account forms. Labels are explicit and every field says what it is for."""

import unicodedata

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from lms.accounts.addresses import email_canonical, email_normalize
from lms.accounts.models import User


class AddressField(forms.EmailField):
    """An email field whose cleaned value is the address's one normalized spelling.

    strict: refuse what lms.accounts.addresses refuses (look-alike alphabets) with its message;
    otherwise (sign-in) every spelling maps to one stable form and nothing more is said.
    """

    # email-validator (in lms.accounts.addresses) checks the syntax, so its messages, not
    # Django's narrower ASCII check, reach the person typing.
    default_validators: list = []

    def __init__(self, *, strict: bool = True, **kwargs):
        self.strict = strict
        super().__init__(**kwargs)

    def to_python(self, value):
        # NFKC before Django's own check, so fullwidth letters are plain letters by then.
        return unicodedata.normalize("NFKC", super().to_python(value))

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return email_normalize(value) if self.strict else email_canonical(value)


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with email and password; one message for every kind of failure."""

    username = AddressField(
        strict=False,
        label="Email",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": "That email and password did not match. Check both and try again.",
        "inactive": "That email and password did not match. Check both and try again.",
    }


class _PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not only numbers; not a common password.",
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password2(self):
        one, two = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if one and two and one != two:
            raise forms.ValidationError("The two passwords are not the same.")
        return two

    def _validate_password(self, user: User):
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class _NamesMixin(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class MentorRegistrationForm(_NamesMixin):
    """A prospective mentor's sign-up: name and email. The password is chosen from the link."""

    email = AddressField(
        label="Email",
        help_text="We send a link here. You choose your password when you open it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["first_name", "last_name", "email"]


class RegistrationConfirmForm(_NamesMixin, _PasswordPairMixin):
    """The owner of the address, from the emailed link: name as they want it, and a password."""

    field_order = ["first_name", "last_name", "password1", "password2"]

    def __init__(self, *args, email: str = "", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        self._validate_password(
            User(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
        )
        return cleaned


class EmailOnlyForm(forms.Form):
    """One email address: sending the confirmation link again, or a password-reset link."""

    email = AddressField(label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class InvitationForm(forms.Form):
    """A coordinator invites one mentee by email."""

    email = AddressField(label="Mentee's email", help_text="The invitation link is sent here.")


class InvitationAcceptForm(_PasswordPairMixin):
    """The invited mentee picks the name they want shown and a password."""

    display_name = forms.CharField(
        label="Name to show",
        max_length=150,
        help_text="Your first name or a nickname. This is all the program shows of you.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    field_order = ["display_name", "password1", "password2"]

    def clean(self):
        cleaned = super().clean()
        self._validate_password(User(first_name=cleaned.get("display_name", "")))
        return cleaned


class SecondFactorForm(forms.Form):
    """A code from the authenticator app, or one recovery code."""

    token = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now, or one recovery code.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class SecondFactorRemoveForm(forms.Form):
    """The person's current password, to confirm removing one of their own factors."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        help_text="To confirm it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )


class SecondFactorResetForm(forms.Form):
    """A coordinator picks whose factors to remove and says why."""

    user = forms.ModelChoiceField(
        label="Person", queryset=User.objects.none(), help_text="Only people with a factor."
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: lost phone and recovery codes; identity checked in person.",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["user"].queryset = people
