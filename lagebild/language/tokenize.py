"""Paragraphs first, then tokens and sentences inside each, with character offsets into the text.

Tokens come from our splitter on the rules of spaCy's blank tokenizer and ours (``tokens.py``),
sentences from our sentence splitter (``sentences.py``); both read ``lexicons/tokenizer.yaml``.
SoMaJo, used before, is kept only as the reference of ``benchmarks/tokenizer_agreement.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import repeat

from lagebild.document import Document, Paragraph, Sentence, Token
from lagebild.language.sentences import (
    LENGTH_CAP,
    PARAGRAPH_END,
    cap_lengths,
    sentence_rules,
    sentence_starts,
)
from lagebild.language.tokens import RULE, token_spans
from lagebild.settings import Settings

COMPONENT = "language"
PARAGRAPH_RULE = "blank-line/heading"

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
# a line that ends like this closes its paragraph even without a blank line after it
_LINE_END = re.compile(r"[.!?:;\"“”»«)\]+]\s*$")


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


def tokenize(doc: Document) -> Document:
    """Fill ``paragraphs``, ``sentences`` and ``tokens`` of ``doc``. Paragraphs come first; no token
    and no sentence crosses one. Python work per token is one slice and one ``Token``; everything
    else is per text (the tokenizer, one offset array) or per sentence end."""
    text = doc.text
    paragraphs = [Paragraph(s, e, COMPONENT, PARAGRAPH_RULE) for s, e in split_paragraphs(text)]
    spans = token_spans(text, doc.language)
    starts, ends = spans.starts, spans.ends
    words = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    # the first token of each paragraph: every non-space character lies in a paragraph and every
    # paragraph starts with a token (split_paragraphs strips the same whitespace spaCy splits at)
    firsts = [bisect_left(starts, p.start) for p in paragraphs]
    rules = sentence_rules(doc.language)
    # sentence start -> name of the rule that ended the sentence before it
    rule_before = dict(sentence_starts(words, starts, ends, rules, frozenset(firsts)))
    heads = sorted([*firsts, *rule_before])
    for cut in cap_lengths(words, heads, rules):
        rule_before[cut] = LENGTH_CAP
    heads = sorted([*firsts, *rule_before])
    sentences: list[Sentence] = []
    sentence_of: list[int] = []
    stops = [*heads[1:], len(words)] if heads else []
    for first, stop in zip(heads, stops, strict=True):
        sentence_of.extend(repeat(len(sentences), stop - first))
        sentences.append(Sentence(starts[first], ends[stop - 1], COMPONENT, rule_before.get(stop, PARAGRAPH_END),
                                  1.0, bisect_right(firsts, first) - 1))
    doc.paragraphs, doc.sentences = paragraphs, sentences
    doc.tokens = list(map(Token, starts, ends, repeat(COMPONENT), spans.rules or repeat(RULE), repeat(1.0),
                          words, sentence_of, spans.space_after))
    return doc


class LanguageComponent:
    """Paragraphs, sentences and tokens (the rules of spaCy's blank tokenizer with Lagebild's, applied
    by our own splitter, and our own sentence splitter; ``lexicons/tokenizer.yaml``)."""

    name = "language"
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ("paragraphs", "sentences", "tokens")

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return tokenize(doc)
