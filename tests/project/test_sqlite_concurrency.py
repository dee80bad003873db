"""SQLite under parallel requests: WAL and immediate transactions, so ten requests that each read
then write in one transaction all succeed (they queue) and none fails with "database is locked".

Runs on a file-backed database with the project's SQLite options (the test database itself is in
memory, where neither WAL nor file locks apply). tests/e2e/test_parallel_requests.py fires ten
parallel GETs of a new quiz attempt at the live server for the same reason, over HTTP.
"""

import threading
import time

from django.conf import settings
from django.db import OperationalError
from django.db.backends.sqlite3.base import DatabaseWrapper

import pytest

PARALLEL = 10


def _database(path, options):
    return DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TIME_ZONE": None,
            "TEST": {},
        },
        alias=f"parallel-{id(options)}",
    )


def _read_then_write_in_parallel(path, options) -> list[str]:
    """Ten threads, each with its own connection: BEGIN, read, pause, write, COMMIT."""
    setup = _database(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE attempt (id INTEGER PRIMARY KEY, number INTEGER)")
    setup.close()
    errors: list[str] = []
    barrier = threading.Barrier(PARALLEL)

    def request():
        database = _database(path, options)
        try:
            barrier.wait()
            # What atomic() does on SQLite: BEGIN (IMMEDIATE when configured) before the first read.
            database.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with database.cursor() as cursor:
                cursor.execute("SELECT COALESCE(MAX(number), 0) FROM attempt")
                number = cursor.fetchone()[0] + 1
                time.sleep(0.02)  # the view's work between its read and its write
                cursor.execute("INSERT INTO attempt (number) VALUES (%s)", [number])
            database.commit()
        except OperationalError as error:
            errors.append(str(error))
        finally:
            database.close()

    threads = [threading.Thread(target=request) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_ten_parallel_read_then_write_transactions_all_succeed(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # its own database file, not the test database
        errors = _read_then_write_in_parallel(tmp_path / "db.sqlite3", settings.SQLITE_OPTIONS)

    assert errors == []
    check = _database(tmp_path / "db.sqlite3", settings.SQLITE_OPTIONS)
    with django_db_blocker.unblock(), check.cursor() as cursor:
        cursor.execute("SELECT number FROM attempt ORDER BY number")
        assert [row[0] for row in cursor.fetchall()] == list(range(1, PARALLEL + 1))
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    check.close()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the default database is not SQLite",
)
def test_the_default_sqlite_database_uses_these_options():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
