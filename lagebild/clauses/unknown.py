"""Tags for the forms HanTa does not know, without HanTa's morpheme search.

HanTa reads a form outside its lexicon (~23,000 frequent forms) by searching every way of cutting it
into morphemes: about 3 ms a word, and on distinct news articles four fifths of the clause layer's
time. Most of those forms are capitalised nouns and names inside a sentence ("Militäranlagen",
"Wapakoneta") or numbers ("7,1", "21:00"), and for those the clause rules need only the class. This
module gives it from a lookup:

- a number (digits with ".", ",", ":", "/", "-" inside; not an ordinal "3.") is ``CARD``;
- a capitalised word inside a German sentence is a common noun or a name, read from lookups
  (``lagebild.language.guess``: the Wiktionary lexicon, compound heads, noun endings), both
  readings given, the likelier first.

Every other form HanTa's lexicon lacks gets HanTa's own tags from the shipped table of its analyses
(``lagebild.language.wordtags``); a capitalised first word outside it is read as above, and a
lower-case hyphenated word outside it by its last part, any other lower-case word by the tags
HanTa gives most table forms with its ending (``wordtags.ending_tags``). Only what none of these
reads goes to HanTa's search.
"""

from __future__ import annotations

import re

from lagebild.language.guess import RULE, noun_or_name
from lagebild.language.morphology import hanta_lexicon
from lagebild.language.wordtags import ending_tags, word_tags

__all__ = ["RULE", "plain_tag", "unknown_tags"]

_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")


def plain_tag(tag: str) -> str:
    """HanTa's tag with its parentheses dropped ("VV(FIN)" -> "VVFIN"), as the clause rules read tags."""
    return tag.replace("(", "").replace(")", "")


def _table_tags(form: str, first: bool) -> tuple[str, ...] | None:
    known = word_tags(form)
    if known is None or not known.cased:
        return None
    return tuple(plain_tag(t) for t in (known.uncased if first else known.cased))


def _tail_tags(form: str) -> tuple[str, ...] | None:
    """A lower-case hyphenated form outside the table read by its last part ("saudi-arabischen" ->
    "arabischen", "35-jährige" -> "jährige") when the table or HanTa's lexicon holds it with a reading
    other than a noun: in German the end of a word carries its part of speech. (Reading unhyphenated
    compounds by their longest known tail too cost 0.005 of subject F1 and 0.007 of Konjunktiv recall
    on the UD German GSD test news: not done.)"""
    last = form.rsplit("-", 1)[-1]
    return _lower_reading(last) if "-" in form and len(last) >= 3 and last.islower() else None


def _lower_reading(form: str) -> tuple[str, ...] | None:
    """The readings of a lower-case form that a lower-case word can have (no nouns or names)."""
    tags = _table_tags(form, False) or _hanta_known(form) or ()
    kept = tuple(t for t in tags if t[:1] != "N" and t != "FM")
    return kept or None


def _hanta_known(form: str) -> tuple[str, ...] | None:
    """HanTa's tags of a lower-case form its lexicon holds (a dictionary lookup, no search)."""
    known = hanta_lexicon("de")
    if not known.holds(form):
        return None
    return tuple(plain_tag(t) for t, _ in known.tag_word(form, casesensitive=True) or ())


def unknown_tags(form: str, first: bool) -> tuple[str, ...] | None:
    """Tags, best first, for a German form HanTa's lexicon lacks; None for a form it holds (HanTa
    reads it from its lexicon, fast) or one nothing here reads (HanTa searches it).

    In this order: a number; a capitalised word inside a sentence (noun or name); HanTa's own tags
    from the shipped table; a capitalised first word outside the table (noun or name: the table holds
    the verbs and adjectives news text uses); a lower-case hyphenated word by its last part."""
    if hanta_lexicon("de").holds(form):
        return None
    if _NUMBER.fullmatch(form):
        return ("CARD",)
    last = form.rsplit("-", 1)[-1]
    capital = len(form) >= 3 and (form[:1].isupper() or len(last) >= 2 and last[:1].isupper())  # "iTunes-Software"
    if capital and not first:
        return noun_or_name(form)
    tags = _table_tags(form, first)
    if tags is not None:
        return tags
    if capital:
        return noun_or_name(form)
    if "-" in form:
        return _tail_tags(form)
    tags = ending_tags(form) if form.isalpha() and form.islower() and len(form) >= 6 else None
    return tuple(plain_tag(t) for t in tags) if tags else None
