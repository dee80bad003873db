"""Sessions read from the shared cache and written through to the database (Django's cached_db),
where a routine write that the database refuses does not turn a finished page into an error.

The idle-timeout middleware touches a signed-in session once a minute. With the session table
locked or the database away, that write fails after the lock timeout; the page the person asked
for is already done (a quiz answer may be saved), so the session is kept in the cache alone and
the failure logged. Creating a session (signing in) still needs the database and answers 503.
"""

import logging

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.db import InterfaceError, OperationalError

logger = logging.getLogger("lms.ops.sessions")


class SessionStore(CachedDBStore):
    def save(self, must_create=False):
        if must_create:
            return super().save(must_create=True)
        try:
            return super().save()
        except UpdateError as error:
            # Django raises UpdateError both for a session deleted meanwhile (signed out
            # elsewhere: still an error) and for a database that refused the write.
            refused = error.__context__
            if not isinstance(refused, (OperationalError, InterfaceError)):
                raise
            logger.warning(
                "Session kept in the cache only: the database refused the write (%s: %s)",
                type(refused.__cause__ or refused).__name__,
                str(refused).strip().splitlines()[0] if str(refused).strip() else "",
            )
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
            return None
