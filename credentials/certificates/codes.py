"""Certificate identifiers: a 128-bit URL token and an 80-bit typed code (pure functions).

The typed code is 16 Crockford base32 characters in groups of four ("7KQ2-M9XD-4HRT-0BZC"):
case-insensitive, and the look-alikes I, L (read as 1) and O (read as 0) are accepted.
"""

import re
import secrets

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 x 5 bits = 80 bits
TOKEN_BYTES = 16  # 128 bits, as 32 hex characters
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.]")


def new_token() -> str:
    """A fresh URL/QR token from the operating system's CSPRNG."""
    return secrets.token_hex(TOKEN_BYTES)


def new_code() -> str:
    """A fresh typed code, stored in canonical form without separators."""
    number = secrets.randbits(CODE_LENGTH * 5)
    chars = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, 32)
        chars.append(CROCKFORD[index])
    return "".join(chars)


def normalise_code(typed: str) -> str | None:
    """Canonical form of a typed code, or None if it cannot be one."""
    if not isinstance(typed, str) or len(typed) > 40:
        return None
    code = _SEPARATORS.sub("", typed).upper().translate(_ALIASES)
    if len(code) != CODE_LENGTH or any(char not in CROCKFORD for char in code):
        return None
    return code


def format_code(code: str) -> str:
    """Groups of four for printing: XXXX-XXXX-XXXX-XXXX."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def is_token(value: str) -> bool:
    return bool(TOKEN_RE.match(value or ""))
