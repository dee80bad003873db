"""Signing in, and the signed-in account read from the cache on every later request.

Every signed-in request asks for its account (one query) and then its roles (a second, the
groups join). Both change rarely, so the account is kept in Django's cache with its role names,
under a per-account version read with it in one round trip. The version is bumped on any save
or deletion of the account (a new password, a deactivation, a changed name, the last sign-in)
and on any change to its groups, so the next request reads the database again; Django then
checks the session against the fresh password hash, as it always does. Entries expire after a
day in any case. Only with a cache every process shares (settings.CACHE_SHARED); otherwise
each request reads the database.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import m2m_changed, post_delete, post_save

from lms.accounts.models import User
from lms.ops import versioned

VERSION_KEY = "accounts:user:version:{pk}"
USER_KEY = "accounts:user:{pk}"  # (version, account), read with its version at once
TIMEOUT = 60 * 60 * 24
PATH = "lms.accounts.backends.AccountBackend"


class AccountBackend(ModelBackend):
    """Django's model backend, with get_user served from the cache (see the module's note)."""

    def get_user(self, user_id):
        if not settings.CACHE_SHARED:
            return super().get_user(user_id)
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        key = USER_KEY.format(pk=pk)
        version, user = versioned.read(VERSION_KEY.format(pk=pk), key)
        if user is None:
            user = super().get_user(pk)
            if user is None:
                return None
            user._role_names = set(user.groups.values_list("name", flat=True))
            versioned.store(key, version, user, timeout=TIMEOUT)
        return user if self.user_can_authenticate(user) else None


def account_changed(pk) -> None:
    versioned.bump_now_and_after_commit(VERSION_KEY.format(pk=pk))


def _user_saved_or_deleted(sender, instance, **kwargs) -> None:
    account_changed(instance.pk)


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:  # user.groups.add(...): the account is the instance
        account_changed(instance.pk)
    elif pk_set:  # group.user_set.add(...): the accounts are the keys
        for pk in pk_set:
            account_changed(pk)
    else:  # group.user_set.clear(): which accounts is not said, so every one
        for pk in User.objects.values_list("pk", flat=True):
            account_changed(pk)


def connect_signals() -> None:
    """From AppConfig.ready."""
    post_save.connect(_user_saved_or_deleted, sender=User, dispatch_uid="account-cache-saved")
    post_delete.connect(_user_saved_or_deleted, sender=User, dispatch_uid="account-cache-deleted")
    m2m_changed.connect(
        _groups_changed, sender=User.groups.through, dispatch_uid="account-cache-groups"
    )
