"""Bytes to text: UTF-8, BOMs, cp1252 and latin-1 German, binary and undecodable input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest import read_source
from lagebild.ingest.encoding import clean_text, decode_bytes
from lagebild.settings import Settings

GERMAN = ("Die Außenministerin äußerte sich in München über die Gespräche: „Wir müssen "
          "Größe zeigen“ – ein Satz, der Übersetzer beschäftigt. Kosten: 5 Mio. €.")
LATIN1 = "Die Außenministerin äußerte sich in München über Größe und Übersetzungen."


@pytest.mark.parametrize("data, encoding, warns", [
    (GERMAN.encode("utf-8"), "utf-8", False),
    (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "utf-8-sig", False),
    (GERMAN.encode("cp1252"), "cp1252", True),
    (LATIN1.encode("latin-1"), "latin-1", True),
    (b"\xff\xfe" + GERMAN.encode("utf-16-le"), "utf-16-le", True),
])
def test_ingest_decode_known_encodings(data: bytes, encoding: str, warns: bool) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.text in (GERMAN, LATIN1)
    assert bool(decoded.warnings) == warns


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (b"GIF89a\x01\x00\x01\x00\x00\xff\x00,", "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
])
def test_ingest_decode_refuses_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as exc:
        decode_bytes(data, "bad.txt")
    assert exc.value.source == "bad.txt" and reason in exc.value.reason


def test_ingest_cyrillic_cp1251_is_not_read_as_cp1252() -> None:
    text = "Министр иностранных дел России провёл переговоры в Женеве с госсекретарём США."
    decoded = decode_bytes(text.encode("cp1251"), "ru.txt")
    assert decoded.text == text and decoded.warnings


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_ingest_file_in_legacy_encoding(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / f"artikel-{encoding}.txt"
    f.write_bytes(("TITLE: Gespräch in München\n\n" + LATIN1).encode(encoding))
    (doc,) = list(read_source(f, Settings()))
    assert isinstance(doc, Document)
    assert doc.text == LATIN1 and doc.meta.title == "Gespräch in München"
    assert any("not valid UTF-8" in w for w in doc.meta.warnings)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_ingest_decode_never_crashes(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "random.bin")
    except IngestError as exc:
        assert exc.reason
    else:
        assert isinstance(decoded.text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_ingest_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert "\r" not in once and not once.endswith(" ")


def test_ingest_double_encoded_utf8_is_repaired() -> None:
    mojibake = LATIN1.encode("utf-8").decode("cp1252").encode("utf-8")
    decoded = decode_bytes(mojibake, "moji.txt")
    assert decoded.text == LATIN1 and any("double-encoded" in w for w in decoded.warnings)


def test_ingest_mostly_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = GERMAN.encode("utf-8") + b" Stra\xdfe."  # one cp1252 byte in UTF-8 text
    decoded = decode_bytes(data, "mixed.txt")
    assert decoded.encoding == "utf-8" and "Außenministerin" in decoded.text
    assert "\ufffd" in decoded.text and decoded.warnings
