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


# UTF-16 without a byte-order mark: in Latin-script text (German, English) nearly every other byte
# is NUL, the high byte of each character. Sampled over the first bytes; a share this high of NULs
# at the odd (UTF-16LE) or even (UTF-16BE) positions and (almost) none at the others is not a
# binary format's pattern. A text file of ASCII in UTF-16 reads 1.0 and 0.0.
_UTF16_SAMPLE = 4096
_UTF16_MIN_NUL_SHARE = 0.6
_UTF16_MAX_OTHER_NUL_SHARE = 0.02


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """``data`` decoded as UTF-16LE or BE when its NUL bytes fall in UTF-16's pattern and it
    decodes to text; else None (binary)."""
    sample = data[:_UTF16_SAMPLE]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    shares = (odd.count(0) / len(odd), even.count(0) / len(even))
    for enc, (nul, other) in (("utf-16-le", shares), ("utf-16-be", shares[::-1])):
        if nul < _UTF16_MIN_NUL_SHARE or other > _UTF16_MAX_OTHER_NUL_SHARE:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            return None
        if _control_share(text) > _MAX_CONTROL_SHARE:
            return None
        return Decoded(text, enc, [f"decoded as {enc} (no byte-order mark), not UTF-8"])
    return None


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode ``data`` read from ``source``. Raises ``IngestError`` for empty or binary input.

    Order: a BOM decides; NUL bytes in UTF-16's pattern are UTF-16 (else binary); else strict
    UTF-8; else cp1252 (a superset of latin-1's printable
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
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError(source, "binary file (contains NUL bytes), not text")
        return utf16
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


# C0 controls but tab and newline, DEL, C1 controls (0x9B is a one-byte CSI), the bidirectional
# embeddings, overrides and isolates (they reorder what follows: "abc\u202edcba"), lone surrogates
_UNSAFE_ON_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(value: object) -> str:
    """``value`` as a string a terminal shows as it is: control characters (ESC starts every ANSI
    and OSC escape sequence), bidirectional overrides and lone surrogates are each replaced by
    U+FFFD, one character for one (offsets into the text hold); tab and newline are kept. For
    every output to a terminal of text Lagebild did not write itself (``lagebild.render.cell``)."""
    return _UNSAFE_ON_TERMINAL.sub("\ufffd", "" if value is None else str(value))
