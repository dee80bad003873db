import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    drop = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")  # production uses its own database
    environ = {k: v for k, v in os.environ.items() if k not in drop}
    environ.update(DJANGO_SETTINGS_MODULE="lms.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key_and_allowed_hosts():
    missing_key = _manage("check", ALLOWED_HOSTS="example.org")
    assert missing_key.returncode != 0
    assert "Set the SECRET_KEY environment variable" in missing_key.stderr
    missing_hosts = _manage("check", SECRET_KEY="k" * 60)
    assert missing_hosts.returncode != 0
    assert "Set the ALLOWED_HOSTS environment variable" in missing_hosts.stderr


def test_production_passes_check_deploy_at_warning_level():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "x9Y!" * 12,
        ALLOWED_HOSTS="mentors.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
        TRUSTED_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_names_the_missing_shared_cache_and_proxy_count():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "x9Y!" * 12,
        ALLOWED_HOSTS="mentors.example.org",
        REDIS_URL="",
        TRUSTED_PROXY_COUNT="0",
    )
    assert result.returncode != 0
    assert "lms.W001" in result.stderr and "set REDIS_URL" in result.stderr
    assert "lms.W002" in result.stderr and "TRUSTED_PROXY_COUNT=1" in result.stderr


def test_a_bad_trusted_proxy_count_is_named_not_a_traceback():
    result = _manage(
        "check", SECRET_KEY="k" * 60, ALLOWED_HOSTS="example.org", TRUSTED_PROXY_COUNT="one"
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number" in result.stderr


@pytest.mark.django_db
def test_demo_accounts_load_twice_without_duplicates(settings):
    from lms.accounts.models import User

    call_command("load_demo")
    after_first = User.objects.count()
    call_command("load_demo")
    assert User.objects.count() == after_first
    for email in (
        "mentor@example.org",
        "mentee@example.org",
        "recruiter@example.org",
        "editor@example.org",
        "coordinator@example.org",
    ):
        assert User.objects.get(email=email).check_password(settings.DEMO_PASSWORD)
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.check_password(settings.DEMO_PASSWORD)


@pytest.mark.django_db
def test_demo_data_refuses_to_load_where_disabled(settings):
    from django.core.management.base import CommandError

    settings.DEMO_DATA_ENABLED = False
    with pytest.raises(CommandError, match="disabled"):
        call_command("load_demo")


def test_production_settings_send_hsts_and_secure_cookies():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="mentors.example.org",
    )
    assert result.stdout.split()[-3:] == ["31536000", "True", "True"], result.stderr
