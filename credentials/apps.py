from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = "Credentials and certificates"

    def ready(self):
        from credentials import receivers  # noqa: F401  (connects the signal receivers)
        from credentials.certificates import receivers as certificate_receivers  # noqa: F401
        from credentials.certificates.caching import connect_signals
        from credentials.permissions import grant_coordinator_permissions

        connect_signals()
        post_migrate.connect(
            grant_coordinator_permissions,
            sender=self,
            dispatch_uid="credentials.grant_coordinator_permissions",
        )
