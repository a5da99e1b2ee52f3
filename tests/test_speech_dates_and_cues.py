"""When words were said and which words report speech, on what real web pages showed: a quote is
never dated after the article that reports it, and the English noun "state" is no speech verb."""

from __future__ import annotations

from lagebild import analyze


def test_speech_quote_is_never_dated_after_its_article() -> None:
    text = ("Der Außenminister sagte am Dienstag, die Gespräche würden am Freitag in Genf fortgesetzt. "
            "„Wir reisen am kommenden Montag nach Genf“, sagte er am 20. Mai 2025.")
    doc = analyze(text, published="2025-05-14", language="de")
    assert doc.quotes, "the two reports are found"
    assert all(q.date is not None and q.date <= "2025-05-14" for q in doc.quotes), \
        [(q.text, q.date) for q in doc.quotes]


def test_speech_quote_date_is_a_day_not_a_week_or_season() -> None:
    doc = analyze("Im Sommer 2024 sagte der Minister, die Lage sei ernst.", published="2024-09-01", language="de")
    (quote,) = doc.quotes
    assert quote.date is not None and len(quote.date) == 10 and quote.date[4] == quote.date[7] == "-"


def test_speech_state_as_a_noun_is_no_speech_cue() -> None:
    doc = analyze("Russian state television showed pictures of the damaged bridge on Monday. "
                  "State media in Moscow called the attack a provocation.", published="2025-05-14", language="en")
    assert not [q for q in doc.quotes if (q.cue or "").lower() in ("state", "states")], \
        [(q.text, q.cue) for q in doc.quotes]


def test_speech_stated_is_still_a_speech_cue() -> None:
    doc = analyze("The minister stated that the talks would continue in Geneva.", published="2025-05-14",
                  language="en")
    assert [q.cue for q in doc.quotes] == ["stated"]
