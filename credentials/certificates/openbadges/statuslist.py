"""Bitstring Status List encoding (pure): a GZIP-compressed bitstring, multibase base64url.

Bit 0 is the most significant bit of the first byte. The list is at least 16 KB (131,072
entries) so that one set bit says little about which credential it belongs to (herd privacy).
"""

import gzip
import io

from credentials.certificates.openbadges.encoding import b64url_decode, b64url_encode

LIST_SIZE = 131_072  # bits; 16 KB, the minimum the Bitstring Status List recommends
MAX_ENCODED_CHARS = 2_000_000
MAX_RAW_BYTES = LIST_SIZE  # eight times the list we publish: any bigger one is refused


def encode(set_bits, size: int = LIST_SIZE) -> str:
    """The encodedList value ("u" + base64url(gzip(bits))) with the given indices set."""
    data = bytearray(size // 8)
    for index in set_bits:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} is outside the list")
        data[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same bits always give the same bytes, so signatures are reproducible.
    return "u" + b64url_encode(gzip.compress(bytes(data), mtime=0))


def decode(encoded: str) -> bytes:
    """The raw bitstring; ValueError when it is not a multibase base64url GZIP bitstring."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (u...)")
    if len(encoded) > MAX_ENCODED_CHARS:
        raise ValueError("encodedList is too long")
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(b64url_decode(encoded[1:]))) as compressed:
            raw = compressed.read(MAX_RAW_BYTES + 1)  # bounded: no decompression bomb
    except (OSError, EOFError) as error:
        raise ValueError("encodedList is not GZIP data") from error
    if len(raw) > MAX_RAW_BYTES:
        raise ValueError("status list is implausibly long")
    return raw


def bit(raw: bytes, index: int) -> bool:
    if not 0 <= index < len(raw) * 8:
        raise ValueError("status index outside the list")
    return bool(raw[index // 8] & (0x80 >> (index % 8)))
