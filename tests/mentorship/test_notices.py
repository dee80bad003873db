"""Every mail the program sends is worded neutrally."""

import pytest

from lms.accounts.roles import Role
from lms.mentorship.notices import FORBIDDEN_WORDS, NOTICES, notice_message

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", sorted(NOTICES))
def test_notice_subject_and_body_use_neutral_words_and_link_behind_sign_in(make_user, kind):
    user = make_user(Role.MENTEE, first_name="Sam")

    message = notice_message(kind=kind, user=user)

    text = f"{message.subject}\n{message.body}".lower()
    assert [word for word in FORBIDDEN_WORDS if word in text] == []
    assert "/program/" in message.body
    assert message.to == [user.email]
