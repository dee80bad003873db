"""What the program mails people, in neutral words.

A subject or a body may be seen by a housemate or an employer, so none says "recovery",
"addiction" or "treatment", names the other person, or says what kind of program this is.
Each mail only says that something is waiting and links to the page (behind sign-in).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

# Words no subject or body may contain (tests check every notice against these).
FORBIDDEN_WORDS = ("recovery", "addiction", "treatment")


@dataclass(frozen=True)
class Notice:
    subject: str
    template: str
    url_name: str


PAIRED_MENTOR = "paired_mentor"
PAIRED_MENTEE = "paired_mentee"
PAIR_ENDED = "pair_ended"
AGREEMENT_WAITING = "agreement_waiting"
CONCERN = "concern"
CONCERN_STILL_OPEN = "concern_still_open"
APPLICATION_DECISION = "application_decision"

NOTICES = {
    PAIRED_MENTOR: Notice(
        "An update in your account", "mentorship/email/paired_mentor.txt", "mentorship:mentor_home"
    ),
    PAIRED_MENTEE: Notice(
        "An update in your account", "mentorship/email/paired_mentee.txt", "mentorship:mentee_home"
    ),
    PAIR_ENDED: Notice(
        "An update in your account", "mentorship/email/pair_ended.txt", "mentorship:home"
    ),
    AGREEMENT_WAITING: Notice(
        "Something is waiting for you", "mentorship/email/agreement_waiting.txt", "mentorship:home"
    ),
    CONCERN: Notice(
        "A check-in needs a coordinator",
        "mentorship/email/concern.txt",
        # The program's home sends coordinators to their dashboard, clinicians to theirs.
        "mentorship:home",
    ),
    CONCERN_STILL_OPEN: Notice(
        "A check-in still needs attention",
        "mentorship/email/concern_still_open.txt",
        "mentorship:coordinator_dashboard",
    ),
    APPLICATION_DECISION: Notice(
        "An update in your account",
        "mentorship/email/application_decision.txt",
        "mentorship:application",
    ),
}


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notice_message(*, kind: str, user) -> EmailMessage:
    """The mail of this kind for this user (not sent)."""
    notice = NOTICES[kind]
    body = render_to_string(
        notice.template,
        {"name": user.first_name, "url": absolute_url(reverse(notice.url_name))},
    )
    return EmailMessage(notice.subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
