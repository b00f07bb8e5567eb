"""Turn fetched bytes into text without ever failing: header charset, BOM, ``<meta charset>``, then a guess."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from w3lib.encoding import html_to_unicode


def header_value(headers: Mapping[Any, Any] | None, name: str) -> str | None:
    """Case-insensitive header lookup that also accepts Scrapy's bytes keys and list values."""
    if not headers:
        return None
    wanted = name.lower()
    for key, value in headers.items():
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() != wanted:
            continue
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return value
    return None


def _guess_encoding(body: bytes) -> str | None:
    # Only reached when neither the header, a BOM nor a <meta> names the charset.
    # Valid UTF-8 is by far the likeliest and cheap to confirm; guess only otherwise.
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return best.encoding if best else None


def decode_html(html: str | bytes, headers: Mapping[Any, Any] | None = None) -> tuple[str, str | None]:
    """Return ``(text, encoding)``; undecodable bytes become U+FFFD instead of raising.

    Order (w3lib's, the same Scrapy uses): BOM, the Content-Type charset, the page's own
    ``<meta charset>``, then charset-normalizer's guess, UTF-8 last.
    """
    if isinstance(html, str):
        return html, None
    encoding, text = html_to_unicode(
        header_value(headers, "Content-Type"), html, auto_detect_fun=_guess_encoding
    )
    return text, encoding
