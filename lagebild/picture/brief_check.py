"""``lagebild brief --check``: is every sentence of a briefing supported by the spans it cites?

Deterministic, from the briefing file and the store alone. A sentence (claim) is supported when:

1. it cites at least one span, and every citation is *valid*: the document is stored, the span's
   text is at its offsets (``norm_text`` of ``text[start:end]`` equals the quoted span), the
   sentence number is the sentence the span starts in, and the title and date are the document's;
2. every *quote* it states (text in “…”) occurs in one of its cited spans;
3. every *actor* it names (a name or alias from the actor knowledge base, or of a cited
   document's actors, outside quotes and outside ``*issue labels*``) is mentioned in one of its
   cited spans: a stored mention of that actor there, its name in the span, or — for a state — a
   mention of a person of that state;
4. every *date* it states is supported: ``reported on D`` by a cited document published on D;
   another ``YYYY-MM-DD`` (or ``YYYY-MM``) by a time expression with that value in a cited span;
   a bare year by a cited document published then or a time expression of that year in a span;
5. every *figure* it states outside quotes is in a cited span (digits compared without
   separators); ``N independent sources`` is at most the number of cited documents;
6. every citation is relevant: it mentions an actor the sentence names or holds a quote it states.

``check_claims`` returns one ``ClaimCheck`` per claim; citation precision is the share of claims
that pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.errors import LagebildError
from lagebild.picture.brief_model import (
    Citation,
    Claim,
    norm_text,
    parse_html,
    parse_markdown,
    pdf_attachment,
)
from lagebild.store.base import normalize_name

__all__ = ["CheckReport", "ClaimCheck", "NameIndex", "check_claims", "check_file", "name_index"]

_QUOTED = re.compile(r"“([^”]*)”")
_ITALIC = re.compile(r"\*[^*]+\*")
_REPORTED = re.compile(r"\b[Rr]eported on (\d{4}-\d{2}-\d{2})")
_ISO = re.compile(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_SOURCES = re.compile(r"\b(\d+) independent sources?\b")
_NUMBER = re.compile(r"\d[\d.,\u202f\u00a0']*\d|\d")


@dataclass(slots=True)
class NameIndex:
    """Actor names (case-sensitive, whole words) -> actor ids; states' persons; names per actor."""

    pattern: re.Pattern[str] | None
    ids: dict[str, set[str]]
    names: dict[str, list[str]]
    country: dict[str, str]  # person id -> state id

    def actors_in(self, text: str) -> dict[str, set[str]]:
        if self.pattern is None:
            return {}
        return {m.group(0): self.ids[m.group(0)] for m in self.pattern.finditer(text)}


@lru_cache(maxsize=4)
def _kb_index(kb_key: tuple[str, ...]) -> NameIndex:
    from lagebild.actors.loader import get_kb
    from lagebild.settings import Settings

    kb = get_kb(Settings.from_env())
    entries = [(a.id, a.all_names(), a.country if a.type == "person" else None, bool(a.requires))
               for a in kb.actors.values()]
    return _index(entries)


def _index(entries: Iterable[tuple[str, list[str], str | None, bool]]) -> NameIndex:
    ids: dict[str, set[str]] = {}
    names: dict[str, list[str]] = {}
    country: dict[str, str] = {}
    for actor_id, all_names, state, needs_context in entries:
        names.setdefault(actor_id, []).extend(all_names)
        if state:
            country[actor_id] = state
        if needs_context:  # a name that is also a common word ("Union") does not name an actor alone
            continue
        for n in all_names:
            if len(n) >= 2 and not n.islower():
                ids.setdefault(n, set()).add(actor_id)
    alternatives = sorted(ids, key=lambda n: (-len(n), n))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)") if ids else None
    return NameIndex(pattern, ids, names, country)


def name_index(documents: Iterable[Document] = ()) -> NameIndex:
    """The knowledge base's actor names plus those of ``documents``' actors."""
    base = _kb_index(("kb",))
    extra = [(a.id, [a.name, *a.aliases], a.country if a.type == "person" else None, False)
             for d in documents for a in d.actors.values() if a.id not in base.names]
    if not extra:
        return base
    entries = [(i, ns, base.country.get(i), False) for i, ns in base.names.items()]
    return _index([*entries, *extra])


@dataclass(slots=True)
class ClaimCheck:
    claim: Claim
    problems: list[str] = field(default_factory=list)

    @property
    def supported(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class CheckReport:
    checks: list[ClaimCheck]
    bad_footnotes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return sum(c.supported for c in self.checks) / len(self.checks) if self.checks else 1.0

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.supported for c in self.checks) and not self.bad_footnotes


# -- one citation ----------------------------------------------------------------------------------
def _sentence_no(doc: Document, offset: int) -> int | None:
    for i, s in enumerate(doc.sentences):
        if s.start <= offset < s.end:
            return i + 1
    return None


def citation_problem(c: Citation, doc: Document | None) -> str | None:
    """Why the citation ``c`` is not valid in the stored ``doc``, or None."""
    if doc is None:
        return f"document {c.doc_id} is not in the store"
    if not (0 <= c.start < c.end <= len(doc.text)):
        return f"characters {c.start}–{c.end} lie outside document {c.export_id}"
    if norm_text(doc.text[c.start:c.end]) != norm_text(c.span):
        return f"the quoted span is not at characters {c.start}–{c.end} of {c.export_id}"
    if _sentence_no(doc, c.start) != c.sentence:
        return f"characters {c.start}–{c.end} of {c.export_id} do not start in sentence {c.sentence}"
    published = doc.meta.published.isoformat() if doc.meta.published else None
    if c.date != published:
        return f"{c.export_id} was published {published or 'undated'}, not {c.date}"
    if norm_text(doc.meta.title or "") != norm_text(c.title):
        return f"{c.export_id} is not titled “{c.title}”"
    return None


# -- what a span supports --------------------------------------------------------------------------
def _mentions(doc: Document, c: Citation, actor_id: str, idx: NameIndex) -> bool:
    for m in doc.mentions:
        if m.actor and c.start <= m.start < c.end and (m.actor == actor_id or idx.country.get(m.actor) == actor_id):
            return True
    span = f" {normalize_name(doc.text[c.start:c.end])} "
    names = [*idx.names.get(actor_id, ()), *([doc.actors[actor_id].name, *doc.actors[actor_id].aliases]
                                            if actor_id in doc.actors else [])]
    return any(n and f" {normalize_name(n)} " in span for n in names)


def _timex_in(doc: Document, c: Citation, value: str) -> bool:
    return any(c.start <= t.start < c.end and t.value[:len(value)] == value for t in doc.timexes)


def _digits(text: str) -> set[str]:
    return {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}


@dataclass(slots=True)
class _Ctx:
    cited: list[tuple[Citation, Document]]
    idx: NameIndex


def _check_quotes(quotes: list[str], ctx: _Ctx) -> list[str]:
    spans = [norm_text(c.span) for c, _ in ctx.cited]
    return [f"the quote “{q}” is in none of the cited spans" for q in quotes
            if not any(norm_text(q) in s for s in spans)]


def _check_actors(stated: dict[str, set[str]], ctx: _Ctx) -> list[str]:
    out = []
    for name, ids in stated.items():
        if not any(_mentions(d, c, i, ctx.idx) for c, d in ctx.cited for i in ids):
            out.append(f"{name} is mentioned in none of the cited spans")
    return out


def _check_dates(body: str, ctx: _Ctx) -> list[str]:
    out = []
    published = {c.date for c, _ in ctx.cited}
    for d in _REPORTED.findall(body):
        if d not in published:
            out.append(f"no cited document was published on {d}")
    rest = _REPORTED.sub("", body)
    for d in _ISO.findall(rest):
        if not any(_timex_in(doc, c, d) for c, doc in ctx.cited):
            out.append(f"no cited span dates anything {d}")
    for y in _YEAR.findall(_ISO.sub("", rest)):
        if y not in {(p or "")[:4] for p in published} and not any(_timex_in(doc, c, y) for c, doc in ctx.cited):
            out.append(f"no cited document or span is of {y}")
    return out


def _check_figures(body: str, ctx: _Ctx) -> list[str]:
    out = []
    docs = {c.doc_id for c, _ in ctx.cited}
    for n in _SOURCES.findall(body):
        if int(n) > len(docs):
            out.append(f"{n} independent sources stated, {len(docs)} documents cited")
    rest = _YEAR.sub("", _ISO.sub("", _REPORTED.sub("", _SOURCES.sub("", body))))
    spans = set().union(*(_digits(c.span) for c, _ in ctx.cited)) if ctx.cited else set()
    return out + [f"the figure {n} is in none of the cited spans" for n in sorted(_digits(rest) - spans)]


def _check_relevance(stated: dict[str, set[str]], quotes: list[str], ctx: _Ctx) -> list[str]:
    out = []
    ids = set().union(*stated.values()) if stated else set()
    for c, doc in ctx.cited:
        if any(_mentions(doc, c, i, ctx.idx) for i in ids) or any(norm_text(q) in norm_text(c.span) for q in quotes):
            continue
        out.append(f"the citation of {c.export_id} ({c.start}–{c.end}) mentions nothing the sentence states")
    return out


def check_claim(claim: Claim, citations: dict[int, Citation], get: Callable[[str], Document | None],
                idx: NameIndex) -> ClaimCheck:
    result = ClaimCheck(claim)
    if not claim.refs:
        result.problems.append("the sentence cites nothing")
        return result
    cited: list[tuple[Citation, Document]] = []
    for n in claim.refs:
        c = citations.get(n)
        if c is None:
            result.problems.append(f"footnote [^{n}] is not defined")
            continue
        doc = get(c.doc_id)
        problem = citation_problem(c, doc)
        if problem or doc is None:
            result.problems.append(problem or "no document")
            continue
        cited.append((c, doc))
    if result.problems:
        return result
    ctx = _Ctx(cited, idx)
    quotes = _QUOTED.findall(claim.text)
    body = _ITALIC.sub(" ", _QUOTED.sub(" ", claim.text))
    stated = idx.actors_in(body)
    result.problems += _check_quotes(quotes, ctx)
    result.problems += _check_actors(stated, ctx)
    result.problems += _check_dates(body, ctx)
    result.problems += _check_figures(body, ctx)
    result.problems += _check_relevance(stated, quotes, ctx)
    return result


def check_claims(claims: Sequence[Claim], citations: dict[int, Citation], get: Callable[[str], Document | None],
                 idx: NameIndex | None = None) -> list[ClaimCheck]:
    cache: dict[str, Document | None] = {}

    def cached(doc_id: str) -> Document | None:
        if doc_id not in cache:
            cache[doc_id] = get(doc_id)
        return cache[doc_id]

    index = idx or name_index()
    return [check_claim(c, citations, cached, index) for c in claims]


def store_getter(store: Any) -> Callable[[str], Document | None]:
    from lagebild.errors import NotFoundError

    def get(doc_id: str) -> Document | None:
        try:
            doc: Document = store.get(doc_id)
            return doc
        except NotFoundError:
            return None

    return get


def check_file(path: str | Path, store: Any) -> CheckReport:
    """Check a briefing file against ``store``: Markdown, HTML (when it starts with ``<``) or a PDF
    (its attached Markdown, from which it was printed)."""
    try:
        data = Path(path).read_bytes()
        if data.startswith(b"%PDF"):
            attached = pdf_attachment(data)
            if attached is None:
                raise LagebildError(f"{path} is a PDF without the briefing attached (not written by lagebild brief)")
            text = attached
        else:
            text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LagebildError(f"cannot read the briefing {path}: {exc}") from exc
    parse = parse_html if text.lstrip().startswith("<") else parse_markdown
    claims, citations, bad = parse(text)
    get = store_getter(store)
    docs = [d for d in (get(c.doc_id) for c in citations.values()) if d is not None]
    return CheckReport(check_claims(claims, citations, get, name_index(docs)), bad)
