"""Quotation-mark spans: „…“, “…”, "…", »…«, «…», ‚…‘ and ‘…’ (nested marks stay inside).

A span records the marks' positions and the content between them with surrounding whitespace
trimmed. An opening mark that is never closed runs to the end of its paragraph (news texts
drop the closing mark at paragraph breaks); such spans carry ``closed=False``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# opening mark -> closing marks accepted for it
_DOUBLE_OPEN = {"„": "“”\"", "“": "”“", "»": "«", "«": "»", "\"": "\""}
_SINGLE_OPEN = {"‚": "‘’", "‘": "’", "›": "‹", "‹": "›"}
_OPENERS_BEFORE = " \t\n([{/–—-:;,"  # characters after which a symmetric mark opens


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (or the paragraph end when unclosed)
    start: int  # content start (trimmed)
    end: int  # content end (trimmed)
    mark: str
    closed: bool = True
    level: int = 0  # 0 = outermost


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENERS_BEFORE or before in "„“\"»«") and not after.isspace()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace, and a comma before the closing mark ("„Nein,“ sagte er" -> "Nein")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """All quotation spans of ``text`` in order of their opening mark (outer before nested)."""
    paras = paragraphs or [(0, len(text))]
    out: list[QuoteSpan] = []
    for p_start, p_end in paras:
        out.extend(_scan(text, p_start, p_end))
    out.sort(key=lambda q: (q.open, -q.close))
    return out


_MARKS = frozenset(_DOUBLE_OPEN) | frozenset(_SINGLE_OPEN) | frozenset("”’‹›«»")
_MARK_RE = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")


def _closes(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    """Does the mark at ``i`` close the innermost open quote? (A straight quote after whitespace that
    could open a new one does not.)"""
    if not stack:
        return False
    top, c = stack[-1][0], text[i]
    accepted = _DOUBLE_OPEN.get(top, "") + _SINGLE_OPEN.get(top, "")
    return c in accepted and not (c == "\"" and text[i - 1].isspace() and _opens(text, i))


def _apostrophe(text: str, i: int) -> bool:
    """An apostrophe inside a word ("geht’s"), not a closing single mark."""
    return text[i] == "’" and i + 1 < len(text) and text[i + 1].isalpha() and text[i - 1].isalpha()


def _may_open(text: str, i: int, stack: list[tuple[str, int]], last: _LastMark) -> bool:
    """Does the mark at ``i`` open a quote? Symmetric and ambiguous marks need an opening context;
    single marks outside double quotes need a matching close later in the paragraph."""
    c = text[i]
    if c in _DOUBLE_OPEN:
        return c not in "\"“«" or _opens(text, i)
    if c not in _SINGLE_OPEN or (c == "‘" and not _opens(text, i)):
        return False
    return bool(stack) or c not in "‘›‹" or last.after(_SINGLE_OPEN[c][0], i)


class _LastMark:
    """Where each mark occurs last in a paragraph (found once per mark), so that "is there a closing
    mark after ``i``" costs a lookup, not a pass over the rest of the paragraph."""

    def __init__(self, text: str, p_start: int, p_end: int) -> None:
        self.text, self.p_start, self.p_end = text, p_start, p_end
        self._last: dict[str, int] = {}

    def after(self, mark: str, i: int) -> bool:
        """Does ``mark`` occur in ``text[i + 1:p_end]``?"""
        pos = self._last.get(mark)
        if pos is None:
            pos = self._last[mark] = self.text.rfind(mark, self.p_start, self.p_end)
        return pos > i


def _unclosed(text: str, stack: list[tuple[str, int]], p_end: int) -> list[QuoteSpan]:
    """Unclosed double quotes run to the paragraph end; unclosed single marks are dropped."""
    spans = []
    for level, (mark, o) in enumerate(stack):
        if mark in _DOUBLE_OPEN:
            s, e = _trim(text, o + 1, p_end)
            if e > s and e - s < 2000:
                spans.append(QuoteSpan(o, p_end, s, e, mark, False, level))
    return spans


def _scan(text: str, p_start: int, p_end: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    last = _LastMark(text, p_start, p_end)
    for m in _MARK_RE.finditer(text, p_start, p_end):  # the marks only, not every character
        i = m.start()
        if _closes(text, i, stack):
            if _apostrophe(text, i):
                continue
            mark, o = stack.pop()
            s, e = _trim(text, o + 1, i)
            if e > s:
                spans.append(QuoteSpan(o, i, s, e, mark, True, len(stack)))
        elif _may_open(text, i, stack, last):
            stack.append((text[i], i))
    return spans + _unclosed(text, stack, p_end)


class QuoteIndex:
    """Questions about a list of quotation spans, each a dictionary lookup or a binary search instead of
    a pass over every span (asked once per report or mention, that pass made a quote flood quadratic)."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self.spans = spans
        self._closes_of: dict[int, int] = {}  # opening mark -> the nearest closing mark of a span
        self._opens_of: dict[int, int] = {}  # closing mark -> the latest opening mark of a span
        for q in spans:
            self._closes_of[q.open] = min(self._closes_of.get(q.open, q.close), q.close)
            self._opens_of[q.close] = max(self._opens_of.get(q.close, q.open), q.open)
        self._order = sorted(range(len(spans)), key=lambda i: spans[i].start)  # by content start
        self._starts = [spans[i].start for i in self._order]
        self._longest = max((q.end - q.start for q in spans), default=0)
        ordered = [spans[i] for i in self._order]
        # outermost spans never overlap; then only the last one starting by an offset can hold it
        self._disjoint = all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False))

    def opens_before(self, offset: int, end: int) -> bool:
        """Does a span open at ``offset`` and close before ``end``?"""
        close = self._closes_of.get(offset)
        return close is not None and close < end

    def closes_after(self, offset: int, start: int) -> bool:
        """Does a span close at ``offset`` and open at or after ``start``?"""
        opening = self._opens_of.get(offset)
        return opening is not None and opening >= start

    def inside(self, start: int, end: int) -> list[QuoteSpan]:
        """The spans whose content lies in [start, end], in list order."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end + 1)
        found = sorted(i for i in self._order[lo:hi] if self.spans[i].end <= end)
        return [self.spans[i] for i in found]

    def holds(self, offset: int) -> bool:
        """Is ``offset`` inside the content of a span (``q.start <= offset < q.end``)?"""
        hi = bisect_left(self._starts, offset + 1)
        lo = max(0, hi - 1) if self._disjoint else bisect_left(self._starts, offset - self._longest)
        return any(self.spans[i].end > offset for i in self._order[lo:hi])
