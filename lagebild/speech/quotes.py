"""Quotation-mark spans: „…“, “…”, "…", »…«, «…», ‚…‘ and ‘…’ (nested marks stay inside).

A span records the marks' positions and the content between them with surrounding whitespace
trimmed. An opening mark that is never closed runs to the end of its paragraph (news texts
drop the closing mark at paragraph breaks); such spans carry ``closed=False``.
"""

from __future__ import annotations

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


def _may_open(text: str, i: int, stack: list[tuple[str, int]], p_end: int) -> bool:
    """Does the mark at ``i`` open a quote? Symmetric and ambiguous marks need an opening context;
    single marks outside double quotes need a matching close later in the paragraph."""
    c = text[i]
    if c in _DOUBLE_OPEN:
        return c not in "\"“«" or _opens(text, i)
    if c not in _SINGLE_OPEN or (c == "‘" and not _opens(text, i)):
        return False
    return bool(stack) or c not in "‘›‹" or _SINGLE_OPEN[c][0] in text[i + 1 : p_end]


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
    for i in range(p_start, p_end):
        if text[i] not in _MARKS:
            continue
        if _closes(text, i, stack):
            if _apostrophe(text, i):
                continue
            mark, o = stack.pop()
            s, e = _trim(text, o + 1, i)
            if e > s:
                spans.append(QuoteSpan(o, i, s, e, mark, True, len(stack)))
        elif _may_open(text, i, stack, p_end):
            stack.append((text[i], i))
    return spans + _unclosed(text, stack, p_end)
