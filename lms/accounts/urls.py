"""Account URLs: sign-in, registration and confirmation, invitations, Django's password views."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from lms.accounts import passkeys, views
from lms.accounts.forms import EmailAuthenticationForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register_done"),
    path("register/again/", views.register_resend, name="register_resend"),
    path("register/confirm/<str:token>/", views.register_confirm, name="register_confirm"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("second-factor/setup/", views.second_factor_setup, name="second_factor_setup"),
    path("second-factor/reset/", views.second_factor_reset, name="second_factor_reset"),
    path("second-factor/codes/", views.second_factor_codes, name="second_factor_codes"),
    path("security/", views.account_security, name="account_security"),
    path(
        "security/<str:kind>/<int:pk>/remove/",
        views.second_factor_remove,
        name="second_factor_remove",
    ),
    path("second-factor/passkey/", include((passkeys.urlpatterns, "otp_webauthn"))),
    path("home/", views.home_redirect, name="home-redirect"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("", include("django.contrib.auth.urls")),
]
