"""Passkeys (WebAuthn) as a second factor, on django-otp-webauthn's ceremonies.

The library's JSON endpoints, with two changes: a registration counts as an enrolled factor
(and a first one brings recovery codes), and passing the step with a passkey starts a new
session key, as a code does. Passwordless sign-in is off (OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN):
the ceremonies need a signed-in person, and a passkey is checked against that person's own.
"""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from django_otp_webauthn import exceptions
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from lms.accounts import factors


class PasskeyRegistrationComplete(CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        factors.passkey_registered(self.request)
        return response


class PasskeyAuthenticationComplete(CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        if not self.request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        factors.second_factor_login(self.request, device)


# Under the names the library's template tags reverse (namespace otp_webauthn).
urlpatterns = [
    path(
        "registration/begin/",
        BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        PasskeyRegistrationComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        PasskeyAuthenticationComplete.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
