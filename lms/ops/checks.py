"""Deployment checks (`check --deploy`): settings that work on one machine but not behind a
proxy or on several app servers."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

CACHE_NOT_SHARED = Warning(
    "The cache is local to each process: set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so that "
    "every app server shares rate limits and forgets a revoked certificate's page at once.",
    id="lms.W001",
)
NO_TRUSTED_PROXY = Warning(
    "TRUSTED_PROXY_COUNT is 0: behind nginx every visitor has the proxy's address and shares one "
    "rate limit and sign-in lockout. Set TRUSTED_PROXY_COUNT=1 (the number of proxies in front).",
    id="lms.W002",
)


@register(Tags.security, deploy=True)
def check_shared_state(app_configs, **kwargs):
    problems = []
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        problems.append(CACHE_NOT_SHARED)
    if settings.TRUSTED_PROXY_COUNT == 0:
        problems.append(NO_TRUSTED_PROXY)
    return problems
