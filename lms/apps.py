from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Learning"

    def ready(self):
        import lms.accounts.jobs  # noqa: F401 - registers the daily job with the scheduler
        import lms.training.jobs  # noqa: F401 - registers the daily job with the scheduler
        from lms.accounts import backends
        from lms.ops import checks  # noqa: F401 - registers the deployment checks
        from lms.training import caches

        backends.connect_signals()
        caches.connect_signals()
