"""Account mail that the task worker sends (django-tasks-db in production; at once in dev and
tests). A request that takes an email only enqueues one of these, with the same arguments whoever
the address belongs to, so its timing says nothing about who has an account. No password and no
link ever goes into a task's arguments: the links are made here."""

from django.tasks import task

from lms.accounts import services
from lms.accounts.models import User


@task()
def mentor_register(*, email: str, first_name: str, last_name: str, base_url: str) -> None:
    """Registration: a link to choose a password, or a note to an existing account."""
    services.mentor_register(
        email=email, first_name=first_name, last_name=last_name, base_url=base_url
    )


@task()
def mentor_register_resend(*, email: str, base_url: str) -> None:
    """Send the link again (pending sign-ups only; a note to an existing account)."""
    services.mentor_register_resend(email=email, base_url=base_url)


@task()
def password_reset_mail(*, email: str, domain: str, use_https: bool) -> None:
    """A password-reset link, if the address has an active account."""
    services.password_reset_mail(email=email, domain=domain, use_https=use_https)


@task()
def invitation_send(*, email: str, created_by_id: int, base_url: str) -> None:
    """A mentee invitation (made here, so its link never sits in the task table), or a note to
    an address that already has an account."""
    created_by = User.objects.get(pk=created_by_id)
    services.invitation_create(email=email, created_by=created_by, base_url=base_url)
