"""Wagtail hooks of the credentials app: the coordinator workspaces for credential records and
types, and for certificates."""

from wagtail import hooks

from credentials.admin.bulk import ConfirmBulkAction, ExportSelectedBulkAction, RemindBulkAction
from credentials.admin.today import credentials_today_items
from credentials.admin.viewsets import CredentialsViewSetGroup
from credentials.certificates.admin import CertificateViewSet
from lms.common.today import TODAY_ITEMS_HOOK

hooks.register(TODAY_ITEMS_HOOK, credentials_today_items)
hooks.register("register_bulk_action", ConfirmBulkAction)
hooks.register("register_bulk_action", ExportSelectedBulkAction)
hooks.register("register_bulk_action", RemindBulkAction)


@hooks.register("register_admin_viewset")
def register_credentials_viewsets():
    return CredentialsViewSetGroup()


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet()
