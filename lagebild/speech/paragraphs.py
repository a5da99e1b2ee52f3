"""The paragraphs of one document by offset, for the speech rules that ask which paragraph a quote is
in and whether the quote is all of it (a quoted heading). Built once per document; each question is
a binary search, and a paragraph's text is stripped once, so a one-line text of many quotes is not
copied once per quote."""

from __future__ import annotations

from bisect import bisect_right

from lagebild.document import Document, Paragraph

# what a quoted heading may have around the quote: spaces and quotation marks
HEADING_STRIP = " \"„“”»«"


class Paragraphs:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        paras = doc.paragraphs
        self._starts = [p.start for p in paras]
        self._in_order = all(a.end <= b.start for a, b in zip(paras, paras[1:], strict=False))
        self._stripped: dict[int, tuple[int, int]] = {}  # paragraph index -> bounds of its stripped text

    def at(self, offset: int) -> Paragraph | None:
        """The (first) paragraph holding ``offset``."""
        paras = self.doc.paragraphs
        if not self._in_order:  # built by hand: every paragraph is read
            return next((p for p in paras if p.start <= offset < p.end), None)
        i = bisect_right(self._starts, offset) - 1
        return paras[i] if i >= 0 and offset < paras[i].end else None

    def last_starting_by(self, offset: int) -> Paragraph | None:
        """The paragraph with the greatest start at or before ``offset`` (the last of equal starts)."""
        paras = self.doc.paragraphs
        if not self._in_order:
            best = max((p.start for p in paras if p.start <= offset), default=None)
            return None if best is None else [p for p in paras if p.start == best][-1]
        i = bisect_right(self._starts, offset) - 1
        return paras[i] if i >= 0 else None

    def is_all_of(self, para: Paragraph, start: int, end: int) -> bool:
        """Is ``text[start:end]`` the paragraph's whole text, spaces and quotation marks around it aside?
        (``text[para.start:para.end].strip(HEADING_STRIP) == text[start:end]``)"""
        text = self.doc.text
        key = id(para)
        bounds = self._stripped.get(key)
        if bounds is None:
            a, b = para.start, para.end
            while a < b and text[a] in HEADING_STRIP:
                a += 1
            while b > a and text[b - 1] in HEADING_STRIP:
                b -= 1
            bounds = self._stripped[key] = (a, b)
        a, b = bounds
        return b - a == max(0, end - start) and text[a:b] == text[start:end]
