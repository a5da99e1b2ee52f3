"""Bad inputs get a true, one-line reason or are read after all (issue 10): HTML nested deeper than
the parser's limit (its text was lost as "malformed or empty page"), UTF-16 without a byte-order
mark (was "binary"), unreadable files and folders (a traceback), dangling and looping symbolic
links (ignored without a word), JSON messages ("at at column"), and ``lagebild.analyze`` takes a
``str`` as text, never as a file name (``analyze("a" * 256)`` raised "File name too long",
``analyze(".")`` read the working directory)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import lagebild
from lagebild.document import Document
from lagebild.errors import IngestError
from lagebild.ingest import read_source
from lagebild.ingest.html import extract_html
from lagebild.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PARA = ("<p>Die Außenminister der USA und Russlands trafen sich am Freitag in Genf zu einem langen "
        "Gespräch über die Lage an der Grenze.</p>")
TEXT = ("Die Außenminister trafen sich am Freitag in Genf. „Wir haben ein besseres Verständnis“, sagte "
        "Blinken nach dem Gespräch.\n")


@pytest.mark.parametrize("depth", [100, 260, 1000, 3000, 20000])
def test_hardening_deep_html_keeps_its_text(depth: int) -> None:
    html = "<html><body><nav>Start Politik</nav>" + "<div>" * depth + PARA + "</div>" * depth + "</body></html>"
    text, meta = extract_html(html, "deep.html")
    assert text.startswith("Die Außenminister") and "Start Politik" not in text
    assert bool(meta.get("warnings")) == (depth > 255)


def test_hardening_deep_html_through_the_reader(tmp_path: Path) -> None:
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<section>" * 400 + PARA + "</section>" * 400 + "</body></html>", encoding="utf-8")
    (doc,) = list(read_source(f, Settings()))
    assert isinstance(doc, Document) and "Genf" in doc.text
    assert any("nests its elements deeper" in w for w in doc.meta.warnings)


@pytest.mark.parametrize("html", ["<html><body><p>x</p></body></html>", "<html><body><nav>Menü</nav></body></html>",
                                  "<html><body>" + "<div>" * 300 + "</div>" * 300 + "</body></html>"])
def test_hardening_empty_page_still_says_so(html: str) -> None:
    with pytest.raises(IngestError, match="malformed or empty page"):
        extract_html(html, "empty.html")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_hardening_utf16_without_bom(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "utf16.txt"
    f.write_bytes(TEXT.encode(encoding))
    (doc,) = list(read_source(f, Settings()))
    assert isinstance(doc, Document) and doc.text == TEXT.strip()
    assert any(encoding in w and "byte-order mark" in w for w in doc.meta.warnings)


def test_hardening_binary_with_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    f = tmp_path / "bin.txt"
    f.write_bytes(bytes(range(256)) * 8)
    (err,) = list(read_source(f, Settings()))
    assert isinstance(err, IngestError) and "binary" in err.reason


def test_hardening_jsonl_message_wording(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"text": "unterminated\n', encoding="utf-8")
    (err,) = list(read_source(f, Settings()))
    assert isinstance(err, IngestError) and "at at" not in err.reason and "column" in err.reason


def _links(folder: Path) -> None:
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")


def test_hardening_symlinks_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(TEXT, encoding="utf-8")
    (folder / "link.txt").symlink_to(folder / "ok.txt")  # a link to a file is read as before
    _links(folder)
    results = list(read_source(folder, Settings()))
    docs = [r for r in results if isinstance(r, Document)]
    reasons = {Path(r.source).name: r.reason for r in results if isinstance(r, IngestError)}
    assert len(docs) == 2
    assert "broken symbolic link" in reasons["dangling.txt"] and "nowhere.txt" in reasons["dangling.txt"]
    assert "symbolic link loop" in reasons["loop1.txt"] and "symbolic link loop" in reasons["loop2.txt"]
    for name in ("dangling.txt", "loop1.txt"):
        (err,) = list(read_source(folder / name, Settings()))
        assert isinstance(err, IngestError) and err.reason == reasons[name]


UNREADABLE = """
import sys
from lagebild.ingest import read_source
for src in sys.argv[1:]:
    for r in read_source(src):
        print(type(r).__name__, "|", getattr(r, "source", ""), "|", getattr(r, "reason", ""))
"""


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_hardening_unreadable_files_one_line() -> None:
    """Without read permission: one line with the reason for each input, no traceback. Root reads
    everything, so as root the reading runs as the user nobody (setpriv), in a folder of /tmp that
    user may enter."""
    as_root = os.geteuid() == 0
    if as_root and shutil.which("setpriv") is None:
        pytest.skip("runs as root and cannot drop to another user")
    if as_root and subprocess.run(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                                   sys.executable, "-c", "import lagebild"], capture_output=True, cwd=ROOT,
                                  timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}).returncode != 0:
        pytest.skip("the user nobody cannot read this checkout (e.g. a clone in a mode-700 folder)")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "perm"
        sub = base / "sub"
        sub.mkdir(parents=True)
        (base / "a.txt").write_text(TEXT, encoding="utf-8")
        (sub / "b.txt").write_text(TEXT, encoding="utf-8")
        Path(tmp).chmod(0o755)
        (base / "a.txt").chmod(0)
        sub.chmod(0)
        command = [sys.executable, "-c", UNREADABLE, str(base), str(sub / "b.txt")]
        if as_root:
            command = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", *command]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        finally:
            sub.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line.split(" | ") for line in proc.stdout.splitlines()]
    assert ["IngestError", str(sub), "cannot read the folder: permission denied"] in lines
    assert ["IngestError", str(base / "a.txt"), "cannot read: permission denied"] in lines
    assert ["IngestError", str(sub / "b.txt"), "cannot read: permission denied"] in lines


# -- lagebild.analyze: a str is text ------------------------------------------------------------


def test_hardening_analyze_long_string_is_text() -> None:
    doc = lagebild.analyze("a" * 256)
    assert doc.text == "a" * 256


def test_hardening_analyze_dot_and_file_names_are_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "artikel.txt").write_text(TEXT, encoding="utf-8")
    assert lagebild.analyze(".").text == "."
    assert lagebild.analyze("artikel.txt").text == "artikel.txt"


def test_hardening_analyze_paths_as_path_or_keyword(tmp_path: Path) -> None:
    f = tmp_path / "artikel.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert lagebild.analyze(f).text == TEXT.strip()
    assert lagebild.analyze(path=str(f)).text == TEXT.strip()
    assert lagebild.analyze(path=f).meta.export_id == "artikel"
    with pytest.raises(TypeError, match="exactly one"):
        lagebild.analyze("text", path=f)
    with pytest.raises(TypeError, match="exactly one"):
        lagebild.analyze()


def test_hardening_analyze_json_export_unchanged(tmp_path: Path) -> None:
    doc = lagebild.analyze(TEXT, published="2022-01-21")
    assert json.loads(json.dumps(doc.to_json()))["text"] == TEXT.strip()
