"""The issuer's Ed25519 signing keys, kept in a directory outside the database.

One key is active (it signs); rotated keys are retired: their public half stays published so
that every credential they signed still verifies, and their private half is deleted. Layout:

    <dir>/                      mode 0700
    <dir>/active                the key id of the signing key
    <dir>/<kid>.key.pem         PKCS#8 private key, mode 0600 (encrypted when a passphrase is set)
    <dir>/<kid>.pub.json        public JWK with "created" and "retired"

The key id is the key's RFC 7638 JWK thumbprint. The directory comes from the
OPENBADGES_KEY_DIR setting or environment variable, else PRIVATE_MEDIA_ROOT/openbadges-keys.
Back it up with the private media: a lost key directory means older credentials no longer verify.
"""

import fcntl
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credentials.certificates.openbadges.encoding import b64url_decode, b64url_encode

PASSPHRASE_VARIABLE = "OPENBADGES_KEY_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


class KeyStoreError(RuntimeError):
    """The key directory is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class PublicKey:
    kid: str
    raw: bytes  # 32 bytes
    created: str
    retired: str | None

    def jwk(self) -> dict:
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(self.raw)}


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Ed25519PrivateKey

    @property
    def raw_public(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )


def thumbprint(raw_public: bytes) -> str:
    """RFC 7638 JWK thumbprint (SHA-256, base64url) of an Ed25519 public key."""
    canonical = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": b64url_encode(raw_public)},
        separators=(",", ":"),
        sort_keys=True,
    )
    return b64url_encode(hashlib.sha256(canonical.encode()).digest())


def key_dir() -> Path:
    configured = getattr(settings, "OPENBADGES_KEY_DIR", None) or os.environ.get(
        "OPENBADGES_KEY_DIR"
    )
    return Path(configured) if configured else Path(settings.PRIVATE_MEDIA_ROOT) / "openbadges-keys"


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_VARIABLE, "")
    return value.encode() if value else None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _write(path: Path, data: bytes, mode: int) -> None:
    """Write atomically with the given permissions from the start (never briefly readable)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class _Lock:
    """An exclusive lock on the directory, so two processes never rotate at once."""

    def __init__(self, directory: Path):
        self.path = directory / ".lock"

    def __enter__(self):
        self.handle = open(self.path, "a")  # noqa: SIM115 - closed in __exit__
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def _prepare(directory: Path) -> None:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)


def active_kid(directory: Path) -> str | None:
    try:
        return (directory / "active").read_text().strip() or None
    except FileNotFoundError:
        return None


def _new_key(directory: Path) -> str:
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    kid = thumbprint(raw)
    passphrase = _passphrase()
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    _write(directory / f"{kid}.key.pem", pem, 0o600)
    public = {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}
    record = {**public, "kid": kid, "created": _now(), "retired": None}
    _write(directory / f"{kid}.pub.json", json.dumps(record, indent=2).encode(), 0o644)
    return kid


def _retire(directory: Path, kid: str) -> None:
    path = directory / f"{kid}.pub.json"
    record = json.loads(path.read_text())
    record["retired"] = record.get("retired") or _now()
    _write(path, json.dumps(record, indent=2).encode(), 0o644)
    (directory / f"{kid}.key.pem").unlink(missing_ok=True)


def rotate(directory: Path | None = None) -> tuple[str, str | None]:
    """Make a new signing key and retire the current one: (new kid, retired kid or None)."""
    directory = directory or key_dir()
    _prepare(directory)
    with _Lock(directory):
        previous = active_kid(directory)
        kid = _new_key(directory)
        _write(directory / "active", kid.encode(), 0o644)
        if previous and previous != kid:
            _retire(directory, previous)
    return kid, previous


def ensure_active(directory: Path | None = None) -> str:
    """The active key id, creating the first key if the directory has none."""
    directory = directory or key_dir()
    kid = active_kid(directory)
    if kid and (directory / f"{kid}.key.pem").exists():
        return kid
    _prepare(directory)
    with _Lock(directory):
        kid = active_kid(directory)  # another process may have made it meanwhile
        if kid and (directory / f"{kid}.key.pem").exists():
            return kid
        if kid:
            _retire(directory, kid)
        kid = _new_key(directory)
        _write(directory / "active", kid.encode(), 0o644)
    return kid


def _stamp(directory: Path) -> int:
    try:
        return directory.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


@functools.cache
def _published(directory: str, stamp: int) -> tuple[PublicKey, ...]:
    keys = []
    for path in sorted(Path(directory).glob("*.pub.json")):
        try:
            record = json.loads(path.read_text())
            raw = b64url_decode(record["x"])
        except (OSError, ValueError, KeyError) as error:
            raise KeyStoreError(f"unreadable public key file {path.name}") from error
        if len(raw) != 32 or thumbprint(raw) != record.get("kid"):
            raise KeyStoreError(f"public key file {path.name} does not match its key id")
        keys.append(PublicKey(record["kid"], raw, record["created"], record.get("retired")))
    return tuple(sorted(keys, key=lambda key: key.created))


def published_keys(directory: Path | None = None) -> tuple[PublicKey, ...]:
    """Every key whose signatures still count: the active one and all retired ones."""
    directory = directory or key_dir()
    return _published(str(directory), _stamp(directory))


@functools.cache
def _signing(directory: str, stamp: int, kid: str) -> SigningKey:
    path = Path(directory) / f"{kid}.key.pem"
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=_passphrase())
    except (OSError, ValueError, TypeError) as error:
        raise KeyStoreError(f"cannot read the signing key {kid}") from error
    if not isinstance(private, Ed25519PrivateKey):
        raise KeyStoreError("the signing key is not an Ed25519 key")
    return SigningKey(kid, private)


def signing_key(directory: Path | None = None) -> SigningKey:
    """The active key, made on first use (the management command makes and rotates it)."""
    directory = directory or key_dir()
    kid = ensure_active(directory)
    return _signing(str(directory), _stamp(directory), kid)
