"""Bytes → text: BOMs, UTF-8 first, then cp1252 (German text written on Windows), then
charset-normalizer's guess; binary input is refused with a reason. Text cleaning lives here too."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from lagebild.errors import IngestError

log = logging.getLogger(__name__)

# Share of C0/C1 control characters (other than tab/newline) above which decoded bytes are
# treated as binary: real text has none; a 1 % allowance tolerates a stray form feed.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# In German/English/French text under 10 % of the letters are non-ASCII (German news: 1-3 %);
# text in another script read as cp1252 (cp1251 Cyrillic, Greek) is mostly non-ASCII letters.
_MAX_NON_ASCII_LETTERS = 0.3


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _looks_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if ord(c) > 127) / len(letters) <= _MAX_NON_ASCII_LETTERS


# valid multi-byte UTF-8 characters must outnumber invalid sequences this many times over
_UTF8_MAJORITY = 3
# UTF-8 read as cp1252 and saved again ("Ã¤" for "ä", "â€ž" for "„")
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u201e\u2022\u2013\u2014\u2026\u2030\u2039\u203a\u20ac\u2122]|â€")
_MIN_MOJIBAKE = 2


def _repair_mojibake(decoded: Decoded) -> Decoded:
    """Undo double encoding when the text shows its marks and the round trip is clean."""
    if len(_MOJIBAKE.findall(decoded.text)) < _MIN_MOJIBAKE:
        return decoded
    try:
        fixed = decoded.text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        decoded.warnings.append("text looks double-encoded (UTF-8 read as cp1252) and could not be repaired")
        return decoded
    decoded.warnings.append("repaired double-encoded text (UTF-8 that had been read as cp1252)")
    return Decoded(fixed, decoded.encoding, decoded.warnings)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode ``data`` read from ``source``. Raises ``IngestError`` for empty or binary input.

    Order: a BOM decides; else strict UTF-8; else cp1252 (a superset of latin-1's printable
    range, so latin-1 German text decodes identically); else charset-normalizer. Any decoding
    other than UTF-8 adds a warning naming the encoding used.
    """
    if not data.strip():
        raise IngestError(source, "empty input (no text)")
    if data.startswith(b"\xef\xbb\xbf"):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            text = data[2:].decode(enc, errors="replace")
            return Decoded(text, enc, [f"decoded as {enc} (byte-order mark), not UTF-8"])
    if b"\x00" in data:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_share(text) > _MAX_CONTROL_SHARE:
            raise IngestError(source, "binary file (control characters), not text")
        return _repair_mojibake(Decoded(text, "utf-8"))
    # mostly UTF-8 with a few stray bytes (a cp1252 "ä" pasted into UTF-8): keep UTF-8
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if good > bad * _UTF8_MAJORITY and _control_share(lenient) <= _MAX_CONTROL_SHARE:
        return Decoded(lenient, "utf-8", [f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"])
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _control_share(text) <= _MAX_CONTROL_SHARE and _looks_western(text):
        enc = "cp1252" if any(0x80 <= b <= 0x9F for b in data) else "latin-1"
        return Decoded(text, enc, [f"not valid UTF-8: decoded as {enc}"])
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(source, "undecodable bytes: not UTF-8 and no text encoding fits (binary?)")
    text = str(best)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError(source, "binary file (control characters), not text")
    return Decoded(text, best.encoding, [f"not valid UTF-8: decoded as {best.encoding} (guessed)"])


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2007\u202f\t]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_MANY_BLANKS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """NFC, one kind of line ending, no zero-width characters or soft hyphens, plain spaces,
    no trailing spaces, at most one blank line between paragraphs, no outer whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()
