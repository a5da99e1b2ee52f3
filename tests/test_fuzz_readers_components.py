"""Bounded fuzzing of every reader and every component (issue 10; runs in CI in well under 60 s).

Properties, for any input:
- readers (``read_source`` on .txt/.text, .html, .jsonl, .rss files built from fuzzed bytes and
  text: lone surrogates, huge numbers, deep HTML, latin-1/cp1252/UTF-16 without BOM, binary)
  yield Documents and IngestErrors, and raise nothing;
- the default pipeline (every component, on ``document_from_text`` of fuzzed text) raises
  nothing but ``LagebildError``s whose cause is one too (a ``ComponentError`` wrapping a
  Python exception is a crash of that component);
- every annotation lies in the text: ``0 <= start <= end <= len(text)`` and, where it keeps its
  text, ``doc.text[start:end] == annotation.text``.

Crashes found in code another part owns are listed in ``KNOWN_CRASHES`` (matched by exception
type and the function raising it) with a minimal reproducer each in an ``xfail(strict=True)``
test: the fuzz run tolerates only those, and the xfail turns into a failure once one is fixed.
The long run is ``benchmarks/fuzz_long.py`` (same generators and properties).
"""

from __future__ import annotations

import json
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.document import SPAN_LAYERS, Document
from lagebild.errors import ComponentError, IngestError, LagebildError
from lagebild.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS_SENTENCES = [
    line.strip() for path in sorted((ROOT / "examples" / "corpus").glob("*.txt"))[:6]
    for line in path.read_text(encoding="utf-8").split(". ") if 10 < len(line.strip()) < 200
][:120]

# building blocks of hostile text: each has broken something somewhere
PIECES = [
    "\ud83d", "\ude00", "\udfff", "\x00", "\ufeff", "\u202e", "\u2028", "\x1b[31m", "\r\n", "\r", "\t",
    "1e400", "9" * 400, "1e309", "-0", "NaN", "inf", "10^308 Soldaten", "1,5 Billionen Euro",
    "123.123." * 50, "0" * 300 + "1", "„", "“", "\"", "»", "«", "‚", "'", "sagte er, ", "sagte er: „",
    "Am 31. Februar 2022", "am 24.02.2022", "im Jahr 99999", "vor 10000000 Jahren", "Mitte Dezember",
    "Putin", "Selenskyj", "der Kanzler", "Lawrow sagte", "[/]", "[sic]", "<script>", "&amp;", "&#0;",
    "\u0301" * 50, "ß" * 30, "İ", "ﬁ", "\U0001f600", "Dr.", "z. B.", "...", "!!!", "?", "-" * 80,
]


def fuzz_text(max_pieces: int = 40) -> st.SearchStrategy[str]:
    """Text mixing hostile pieces, corpus sentences and arbitrary characters (surrogates included)."""
    chars = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
    surrogate = st.integers(0xD800, 0xDFFF).map(chr)
    piece = st.one_of(st.sampled_from(PIECES), st.sampled_from(CORPUS_SENTENCES), chars, surrogate,
                      st.sampled_from([" ", "\n", "\n\n", ". "]))
    return st.lists(piece, max_size=max_pieces).map("".join)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


ENCODINGS = ["utf-8", "latin-1", "cp1252", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig"]


@st.composite
def text_file(draw: st.DrawFn) -> bytes:
    """A .txt file: optional header block, fuzzed text, in some encoding (no BOM in most)."""
    header = draw(st.sampled_from(["", "TITLE: Titel\nDATE: 2022-02-24\n\n", "DATE: 1e400\nURL: http://x\n\n",
                                   "TITLE: \ud83d\nAUTHOR: " + "9" * 400 + "\n\n", "DATE: 2022-13-45\n\n"]))
    text = header + draw(fuzz_text())
    kind = draw(st.sampled_from(["text", "text", "binary", "mixed"]))
    if kind == "binary":
        return draw(st.binary(max_size=2000))
    data = _encode(text, draw(st.sampled_from(ENCODINGS)))
    if kind == "mixed":  # latin-1 and UTF-8 in one file
        data += _encode(draw(fuzz_text(8)), "latin-1") + draw(st.binary(max_size=20))
    return data


TAGS = ["div", "p", "span", "article", "main", "h1", "title", "script", "style", "table", "td", "a", "b",
        "br", "meta", "time", "header", "footer", "nav", "blockquote", "noscript", "iframe", "svg"]


@st.composite
def html_file(draw: st.DrawFn) -> bytes:
    """An HTML page: fuzzed text in nested (up to 600 levels, sometimes unclosed) tags."""
    depth = draw(st.one_of(st.integers(0, 8), st.sampled_from([100, 260, 500, 600])))
    tag = draw(st.sampled_from(TAGS))
    inner = "".join(f"<{draw(st.sampled_from(TAGS))}>{draw(fuzz_text(6))}" for _ in range(draw(st.integers(0, 6))))
    close = draw(st.booleans())
    head = draw(st.sampled_from(["", "<html><head><title>T \ud83d</title><meta charset='utf-8'></head><body>",
                                 '<meta name="date" content="1e400"><meta property="og:title" content="[/]">',
                                 "<?xml version='1.0'?><!DOCTYPE html>", "<html><body>"]))
    body = f"<{tag}>" * depth + "<p>" + draw(fuzz_text()) + "</p>" + inner + (f"</{tag}>" * depth if close else "")
    return _encode(head + body, draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16-le"])))


JSON_VALUES = st.one_of(
    fuzz_text(8), st.sampled_from(["1e400", "9" * 400, "2022-02-30", "", "2022-02-24T25:61:00", "-1"]),
    st.integers(-(10**30), 10**30), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))


@st.composite
def jsonl_file(draw: st.DrawFn) -> bytes:
    """JSONL: objects with fuzzed text and metadata (numbers, dates, nesting), and broken lines."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["object", "object", "object", "raw", "nested"]))
        if kind == "raw":
            lines.append(draw(st.sampled_from(['{"text": "a', "[1, 2]", '"x"', "1e400", "{}", '{"text": 1e400}',
                                               '{"text": "\\ud83d"}', "\ud83d"])))
            continue
        obj = {key: draw(JSON_VALUES) for key in draw(st.lists(st.sampled_from(
            ["title", "url", "published", "author", "outlet", "language", "genre", "id", "date"]), max_size=5))}
        obj["text"] = draw(st.one_of(fuzz_text(), JSON_VALUES))
        if kind == "nested":
            obj = {"a": [obj] * 2, "text": obj["text"]}
        lines.append(json.dumps(obj, ensure_ascii=draw(st.booleans())))
    return _encode("\n".join(lines) + draw(st.sampled_from(["", "\n"])), "utf-8")


@st.composite
def feed_file(draw: st.DrawFn) -> bytes:
    """An RSS feed whose items carry their text (no links to fetch: the test runs offline)."""
    items = "".join(
        f"<item><title>{draw(fuzz_text(4))}</title><pubDate>{draw(st.sampled_from(['1e400', 'Mon, 31 Feb 2022', '']))}"
        f"</pubDate><description>{draw(fuzz_text(10))}</description></item>" for _ in range(draw(st.integers(0, 3))))
    return _encode(f"<?xml version='1.0'?><rss><channel><title>F</title>{items}</channel></rss>",
                   draw(st.sampled_from(["utf-8", "latin-1"])))


READERS: dict[str, st.SearchStrategy[bytes]] = {
    ".txt": text_file(), ".html": html_file(), ".jsonl": jsonl_file(), ".rss": feed_file()}


# -- properties --------------------------------------------------------------------------------------
def offset_problems(doc: Document) -> list[str]:
    """Annotations outside the text or whose text is not the span's."""
    problems = []
    n = len(doc.text)
    for layer in SPAN_LAYERS:
        for a in getattr(doc, layer):
            if not 0 <= a.start <= a.end <= n:
                problems.append(f"{layer} [{a.start}, {a.end}) outside a text of {n}")
            elif getattr(a, "text", None) and doc.text[a.start:a.end] != a.text:
                problems.append(f"{layer} [{a.start}, {a.end}) is {doc.text[a.start:a.end]!r}, not {a.text!r}")
    return problems


@dataclass(frozen=True)
class KnownCrash:
    """A crash found by fuzzing in code this suite does not own, reported, not yet fixed."""

    name: str
    exc_type: type[BaseException]
    where: str  # part of the innermost lagebild frame, ``module:function`` (see crash_site)
    reproducer: Callable[[], object]


def crash_site(exc: BaseException) -> str:
    """``module:function:line`` of the innermost frame inside lagebild/ (the crash's location)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/lagebild/" in f.filename]
    if not frames:
        return "?"
    f = frames[-1]
    return f"{f.filename.rsplit('/lagebild/', 1)[1]}:{f.name}:{f.lineno}"


def root_cause(exc: BaseException) -> BaseException:
    """What a component raised inside a ComponentError, else ``exc`` itself."""
    if isinstance(exc, ComponentError):
        return exc.cause
    return exc


def is_crash(exc: BaseException) -> bool:
    """True unless ``exc`` is a deliberate LagebildError (a component's bare exception is a crash)."""
    return not isinstance(root_cause(exc), LagebildError)


# Found by this suite (issue 10) and fixed since (tests/test_hardening_fuzz_regressions.py): a JSONL
# title that is no string reaching classify_genre, htmldate asserting on '<svg><p></p><table>'. A
# new crash in code this suite does not own goes here, with a reproducer, until it is fixed.
KNOWN_CRASHES: list[KnownCrash] = []


def known(exc: BaseException) -> KnownCrash | None:
    cause = root_cause(exc)
    site = crash_site(cause)
    for k in KNOWN_CRASHES:
        if isinstance(cause, k.exc_type) and k.where in site:
            return k
    return None


def read_all(data: bytes, suffix: str, cfg: Settings) -> list[Document | IngestError]:
    from lagebild.ingest import read_source

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        return list(read_source(path, cfg))


def check_reader(data: bytes, suffix: str, cfg: Settings) -> None:
    try:
        results = read_all(data, suffix, cfg)
    except Exception as exc:  # the property: nothing but a deliberate LagebildError escapes a reader
        if not is_crash(exc) or known(exc):
            return
        raise AssertionError(f"read_source raised {exc!r} at {crash_site(exc)} on {suffix} {data[:200]!r}") from exc
    for r in results:
        assert isinstance(r, Document | IngestError), r
        if isinstance(r, Document):
            assert not offset_problems(r), offset_problems(r)


def check_pipeline(text: str, pipeline: object) -> None:
    from lagebild.ingest import document_from_text

    try:
        doc = pipeline(document_from_text(text))  # type: ignore[operator]
    except Exception as exc:  # the property: only deliberate LagebildErrors
        if not is_crash(exc):
            return
        if known(exc):
            clean = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
            if clean != text:  # what ingest will pass on: the components still get fuzzed
                check_pipeline(clean, pipeline)
            return
        cause = root_cause(exc)
        raise AssertionError(f"{cause!r} at {crash_site(cause)} on {text[:300]!r}") from exc
    assert not offset_problems(doc), offset_problems(doc)


@pytest.fixture(scope="module")
def cfg() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="module")
def pipeline(cfg: Settings) -> object:
    from lagebild.pipeline import Pipeline

    return Pipeline(cfg.components, cfg)


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No input may make the fuzz run fetch anything."""
    from lagebild.ingest import readers

    def no_fetch(url: str, *args: object, **kwargs: object) -> object:
        raise IngestError(url, "offline (fuzz test)")

    monkeypatch.setattr(readers, "fetch", no_fetch)


FUZZ = settings(max_examples=100, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_fuzz_readers_never_raise_and_keep_offsets(suffix: str, cfg: Settings) -> None:
    @FUZZ
    @given(data=READERS[suffix])
    def run(data: bytes) -> None:
        check_reader(data, suffix, cfg)

    run()


def test_fuzz_components_raise_only_lagebild_errors_and_keep_offsets(pipeline: object) -> None:
    @settings(FUZZ, max_examples=100)
    @given(text=fuzz_text())
    def run(text: str) -> None:
        check_pipeline(text, pipeline)

    run()


@pytest.mark.parametrize("text", [
    "", " ", "\ud83d", "1e400 Soldaten", "9" * 400 + " Euro", "1e309 Panzer", "„" * 500,
    "sagte er, " * 300, "123.123." * 200, "Frieden " * 2000, "\x00" * 100, "Putin sagte: „" + "ja " * 500,
])
def test_fuzz_components_on_known_hard_inputs(text: str, pipeline: object) -> None:
    check_pipeline(text, pipeline)


def test_fuzz_readers_deep_html(cfg: Settings) -> None:
    data = ("<div>" * 500 + "<p>Putin sprach am Montag in Moskau über den Krieg.</p>" + "</div>" * 500).encode()
    check_reader(data, ".html", cfg)


@pytest.mark.parametrize("crash", KNOWN_CRASHES, ids=lambda k: k.where.split(":")[0])
@pytest.mark.xfail(strict=True, reason="a crash found by fuzzing in another part's code, reported (KNOWN_CRASHES)")
def test_fuzz_known_crash_is_fixed(crash: KnownCrash) -> None:
    """Fails (xfail) while the crash is there; passes once it is fixed: then remove it from
    KNOWN_CRASHES so the fuzz run no longer tolerates it."""
    try:
        crash.reproducer()
    except LagebildError:
        pass  # a deliberate error is a fix too
