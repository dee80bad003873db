from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "Learning"

    def ready(self):
        from lms.accounts import jobs  # noqa: F401 - registers the daily job with the scheduler
        from lms.ops import checks  # noqa: F401 - registers the deployment checks
