"""Paragraphs first, then SoMaJo sentences and tokens with character offsets into the text."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from lagebild.document import Document, Paragraph, Sentence, Token
from lagebild.settings import Settings

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
# a line that ends like this closes its paragraph even without a blank line after it
_LINE_END = re.compile(r"[.!?:;\"“”»«)\]+]\s*$")
_lock = threading.Lock()


def _hard_wrapped(lengths: list[int]) -> bool:
    """A block written with line breaks inside paragraphs (e-mail/plain-text style, ~60-100 columns)."""
    if len(lengths) < 3:
        return False
    body = sorted(lengths[:-1])
    return body[len(body) // 2] >= 50 and max(lengths) <= 100


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans. Blank lines always separate. Inside a block, every line is its own
    paragraph (so headings such as "Es kommentiert: X" or "+++ Montag, 17. Januar +++" do not
    glue onto the next sentence), unless the block is hard-wrapped; then a line separates only
    where it ends a sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    blocks: list[tuple[int, int]] = []
    for m in _BLANK.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    for b_start, b_end in blocks:
        lines: list[tuple[int, int]] = []
        p = b_start
        for line in text[b_start:b_end].split("\n"):
            if line.strip():
                lines.append((p, p + len(line)))
            p += len(line) + 1
        wrapped = _hard_wrapped([e - s for s, e in lines])
        cur_start: int | None = None
        for i, (s, e) in enumerate(lines):
            seg = text[s:e]
            if cur_start is None:
                cur_start = s + (len(seg) - len(seg.lstrip()))
            last = i == len(lines) - 1
            if last or not wrapped or _LINE_END.search(seg):
                end = s + len(seg.rstrip())
                if end > cur_start:
                    spans.append((cur_start, end))
                cur_start = None
    return spans


@lru_cache(maxsize=4)
def _somajo(language: str) -> Any:
    from somajo import SoMaJo

    return SoMaJo("en_PTB" if language == "en" else "de_CMC", split_camel_case=False, character_offsets=True)


def tokenize(doc: Document) -> Document:
    """Fill ``paragraphs``, ``sentences`` and ``tokens`` of ``doc``."""
    text = doc.text
    tokenizer = _somajo(doc.language)
    doc.paragraphs, doc.sentences, doc.tokens = [], [], []
    for p_index, (p_start, p_end) in enumerate(split_paragraphs(text)):
        doc.paragraphs.append(Paragraph(p_start, p_end, "language", "blank-line/heading"))
        with _lock:  # SoMaJo keeps state per call; one caller at a time
            sentences = list(tokenizer.tokenize_text([text[p_start:p_end]]))
        for sent in sentences:
            if not sent:
                continue
            s_index = len(doc.sentences)
            first = len(doc.tokens)
            for tok in sent:
                t_start, t_end = tok.character_offset
                doc.tokens.append(Token(p_start + t_start, p_start + t_end, "language", "somajo",
                                        text=text[p_start + t_start:p_start + t_end], sentence=s_index,
                                        space_after=bool(tok.space_after)))
            doc.sentences.append(Sentence(doc.tokens[first].start, doc.tokens[-1].end, "language", "somajo",
                                          paragraph=p_index))
    return doc


class LanguageComponent:
    """Paragraphs, sentences and tokens (SoMaJo de_CMC / en_PTB)."""

    name = "language"
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ("paragraphs", "sentences", "tokens")

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return tokenize(doc)
