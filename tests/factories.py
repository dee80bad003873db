"""Factories for tests: users with roles."""

import string

from django.contrib.auth.models import Group

import factory

from lms.accounts.models import User

PASSWORD = "correct-horse-battery-9"


def distinct_word(prefix: str, n: int) -> str:
    """A word unique to `n` that is never part of another such word nor of ordinary text.

    Tests assert that one person's name is absent from a page or an email; random names can
    coincide with each other or with words on the page ("Will", "Hope"), so names are drawn from
    a sequence instead: the prefix, then `n` in four letters (Pxaaab, Pxaaac, ...).
    """
    letters = ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        letters = string.ascii_lowercase[digit] + letters
    return f"{prefix}x{letters}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: distinct_word("Fn", n))
    last_name = factory.Sequence(lambda n: distinct_word("Ln", n))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()
