"""Wagtail hooks of the credentials app: the coordinator workspaces for credential records and
types, and for certificates."""

from wagtail import hooks

from credentials.admin.viewsets import CredentialsViewSetGroup
from credentials.certificates.admin import CertificateViewSet


@hooks.register("register_admin_viewset")
def register_credentials_viewsets():
    return CredentialsViewSetGroup()


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet()
