"""The splitter (``lagebild.language.tokens.Splitter``): spaCy's tokenizer algorithm, written for
Lagebild, on the rules of spaCy's blank tokenizer with ours. It must give exactly spaCy's tokens, on
real articles and on any text, while a process that analyses text never imports spaCy."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.language import tokens

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def reference_spans(text: str, language: str) -> list[tuple[int, int]]:
    doc = tokens.reference_tokenizer(language)(text)
    return [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]


def our_spans(text: str, language: str) -> list[tuple[int, int]]:
    spans = tokens.token_spans(text, language)
    return list(zip(spans.starts, spans.ends, strict=True))


def _articles() -> list[tuple[str, str]]:
    """(language, text) of the seeds, the demo corpus and 300 Wikinews articles (../shared/data)."""
    from lagebild.errors import IngestError
    from lagebild.ingest import read_source

    out: list[tuple[str, str]] = []
    paths = [*sorted((SHARED / "seeds").glob("*.txt")), *sorted((ROOT / "examples" / "corpus").glob("*.txt"))]
    for path in paths:
        out += [(d.language or "de", d.text) for d in read_source(path) if not isinstance(d, IngestError)]
    news = sorted((SHARED / "data" / "spkatt-2023-task2-news" / "data" / "train" / "task2").glob("*.json"))[:300]
    for path in news:
        sentences = json.loads(path.read_text(encoding="utf-8"))["Sentences"]
        out.append(("de", "\n".join(" ".join(s["Tokens"]) for s in sentences)))
    return out


@pytest.mark.slow
def test_splitter_gives_spacys_tokens_on_real_articles() -> None:
    articles = _articles()
    if len(articles) < 300:
        pytest.skip("../shared/data and ../shared/seeds are not present")
    differing = [text[:60] for language, text in articles if our_spans(text, language) != reference_spans(text, language)]
    assert not differing, f"{len(differing)} of {len(articles)} articles are tokenized differently: {differing[:3]}"


_PIECES = st.sampled_from([*"aBc1. ,!?„“”»«‹›'\"()-/:;%$€&*…–—", "\n", "\n\n", "\t", "  ", "\xa0", "\u202f",
                           "Dr.", "3.", "z. B.", "z.B.", "21.01.2022", "9/11", "https://x.de/a?b=1", "...", "?!",
                           "Frieden", "USA", "don't", "U.S.", ":)", "x" * 300, "Ukraine-Krieg", "10km", "§", "(s.o.)"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join), st.sampled_from(["de", "en"]))
def test_splitter_gives_spacys_tokens_on_any_text(text: str, language: str) -> None:
    # pieces over MAX_PIECE characters are split by a rule of their own before the splitter
    if tokens._has_long_piece(text):
        return
    assert our_spans(text, language) == reference_spans(text, language)


def test_splitter_answers_a_piece_seen_before_from_its_cache() -> None:
    split = tokens.splitter("de")
    piece = "(Waffenstillstandsverhandlungen-Entwurf)."
    first = split.ends(piece)
    assert split.cache[piece] == first
    assert [piece[s:e] for s, e in zip((0, *first), first, strict=False)] == \
        ["(", "Waffenstillstandsverhandlungen-Entwurf", ")", "."]
    assert split.ends(piece) is first


def test_analysis_of_a_text_does_not_import_spacy_once_the_rules_are_cached(tmp_path: Path) -> None:
    env = {**os.environ, "LAGEBILD_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys\nfrom lagebild.language.tokens import token_spans\n"
            "spans = token_spans('Der 3. Gipfel in Genf (Schweiz) endete am 21.01.2022.', 'de')\n"
            "print(len(spans.starts), 'spacy' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["12", "True"]  # the first run reads the rules from spaCy
    assert second.stdout.split() == ["12", "False"]  # later ones from the cache


def test_splitter_rules_cached_on_disk_follow_a_changed_user_lexicon(tmp_path: Path) -> None:
    users = tmp_path / "lexicons"
    users.mkdir()
    env = {**os.environ, "LAGEBILD_CACHE_DIR": str(tmp_path / "cache"), "LAGEBILD_LEXICON_DIRS": str(users)}
    code = ("from lagebild.language.tokens import token_spans\n"
            "text = 'Der Obgfr. Meier kam.'\nspans = token_spans(text, 'de')\n"
            "print(' '.join(text[s:e] for s, e in zip(spans.starts, spans.ends)))")

    def words() -> str:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    (users / "tokenizer.yaml").write_text("de:\n  abbreviations: [Obgfr.]\n", encoding="utf-8")
    assert words() == "Der Obgfr. Meier kam ."
    assert words() == "Der Obgfr. Meier kam ."  # from the cache
    (users / "tokenizer.yaml").write_text("de:\n  abbreviations: [Hptm.]\n", encoding="utf-8")
    assert words() == "Der Obgfr . Meier kam ."


def test_splitter_works_with_caching_off() -> None:
    env = {**os.environ, "LAGEBILD_CACHE_DIR": "off"}
    code = ("from lagebild.language.tokens import token_spans\n"
            "text = 'Der 3. Gipfel (Genf) endete.'\nspans = token_spans(text, 'de')\n"
            "print(' '.join(text[s:e] for s, e in zip(spans.starts, spans.ends)))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "Der 3. Gipfel ( Genf ) endete ."


LETTERS, DIGITS = tokens.PLAIN_ALPHABETS


def test_plain_pieces_leave_out_an_alphabet_an_affix_could_match() -> None:
    def plain(*suffixes: str) -> str:
        return tokens.plain_pattern([("^§", 32), ("|".join(suffixes), 32), (r"(?<=[0-9])-(?=[0-9])", 32)])

    assert plain(r"\.$", r"(?<=[0-9])(?:km|m)$") == f"[{LETTERS}]+|[{DIGITS}]+"  # a unit needs a digit before it
    assert plain(r"\.$", r"(?<=[a-z])chen$") == f"[{DIGITS}]+"  # a suffix of letters after letters
    assert plain(r"\.$", r"(?<=[0-9])\d$") == f"[{LETTERS}]+"
    assert plain(r"(?<!x)\.$", r"(?<=[0-9])\d$") == f"[{LETTERS}]+"  # a negative lookbehind needs nothing
    assert plain(r"(?i:CHEN)$") == "(?!)"  # inline flags are not analysed: they count as a match
    assert plain(r"x?$") == "(?!)"  # matches the empty text


def test_a_suffix_is_searched_after_a_lead_no_suffix_can_start_in() -> None:
    assert tokens.lead_pattern((r"\.$|(?<=[0-9])(?:km|m)$", 32)) == f"[{LETTERS}]+|[{DIGITS}]+"
    assert tokens.lead_pattern((r"\.$|(?<=[a-z])(?:km|m)$", 32)) == f"[{DIGITS}]+"  # "Mkm" ends in "km"
    assert tokens.lead_pattern((r"\.$|[0-9]?x$", 32)) == "(?!)"  # may start with a digit, or with the x


def test_infixes_are_tried_only_where_one_may_start() -> None:
    assert tokens.infix_starts_pattern((r"(?<=[0-9])-(?=[0-9])|\.\.+", 32)) == f"[^{DIGITS}{LETTERS}]"
    assert tokens.infix_starts_pattern((r"(?<=[0-9])-|(?<=[0-9])[a-z]", 32)) == f"[^{DIGITS}]"  # "1a"
    assert tokens.infix_starts_pattern((r"-?", 32)) == ""  # may match empty: every position is searched


_PLAIN_OR_NOT = st.sampled_from([*"aBcäÖßéłŁ019.,-'’„“()/:%$+", "km", "XD", "xD", "auf'm", "Dr", "US", "C++", "--", "°C"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PLAIN_OR_NOT, min_size=1, max_size=8).map("".join), st.sampled_from(["de", "en"]))
def test_plain_pieces_are_split_as_the_full_algorithm_splits_them(piece: str, language: str) -> None:
    rules = tokens.split_rules(tokens.lexicon_language(language), tokens.lexicon.lexicon_dirs())
    full = tokens.Splitter(dataclasses.replace(rules, plain="(?!)", suffix_lead="(?!)", infix_starts=""))
    assert tokens.Splitter(rules).ends(piece) == full.ends(piece)


def test_splitter_without_re_internals_does_without_fast_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    # another Python whose re module has other private internals: the same tokens, found the slow way
    def missing() -> None:
        raise ImportError("cannot import name '_parser' from 're'")

    monkeypatch.setattr(tokens, "_re_internals", missing)
    affixes = ((r"^§", 32), (r"\.$", 32), (r"(?<=[0-9])-(?=[0-9])", 32))
    assert tokens.shortcuts(affixes) == tokens.NO_SHORTCUTS
    rules = tokens.split_rules(tokens.lexicon_language("de"), tokens.lexicon.lexicon_dirs())
    slow = tokens.Splitter(dataclasses.replace(rules, **dict(zip(("plain", "suffix_lead", "infix_starts"),
                                                                   tokens.NO_SHORTCUTS, strict=True))))
    for piece in ("Regierung,", "3.", "(Genf)", "Scholz'", "1990-2000", "z.B.", "Merz"):
        assert slow.ends(piece) == tokens.Splitter(rules).ends(piece)
