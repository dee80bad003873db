"""One-use tokens for email confirmation: spent once the account is active."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class AccountActivationTokenGenerator(PasswordResetTokenGenerator):
    """Like the password-reset token, but also void once the account is active."""

    key_salt = "lms.accounts.tokens.AccountActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


account_activation_token = AccountActivationTokenGenerator()
