"""Factories for credential records and CE entries (the CRS type comes from the data migration)."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from credentials.choices import ActivityKind, CESource, CETopic
from credentials.models import CEEntry, CredentialRecord, CredentialType
from lms.accounts.roles import Role
from tests.factories import UserFactory


def crs_type() -> CredentialType:
    return CredentialType.objects.get(code="crs")


class CredentialRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CredentialRecord

    holder = factory.SubFactory(UserFactory, role=Role.MENTOR.value)
    credential_type = factory.LazyFunction(crs_type)
    number = factory.Sequence(lambda n: f"CRS{n:06d}")
    expiry_date = date(2027, 3, 14)
    issue_date = factory.LazyAttribute(lambda record: record.expiry_date - timedelta(days=730))


class CEEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CEEntry

    holder = factory.SubFactory(UserFactory, role=Role.MENTOR.value)
    title = factory.Sequence(lambda n: f"Training {n}")
    organization = "Keystone Training Institute"
    date = date(2026, 1, 10)
    hours = Decimal(3)
    topic = CETopic.GENERAL
    kind = ActivityKind.WORKSHOP
    source = CESource.EXTERNAL
