"""Account URLs: sign-in, registration and confirmation, invitations, Django's password views."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from lms.accounts import views
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
    path("register/confirm/<uidb64>/<token>/", views.register_confirm, name="register_confirm"),
    path("invitations/new/", views.invitation_new, name="invitation_new"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("home/", views.home_redirect, name="home-redirect"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("", include("django.contrib.auth.urls")),
]
