"""Live blogs and tickers: each update's own dateline (found at ingest, ``meta.datelines``) is the day
its relative expressions and its quotes are read against, not the article's publication date."""

from __future__ import annotations

from lagebild import analyze

LIVE_BLOG = """Liveblog: Verhandlungen über eine Waffenruhe

Update, 28.4.2020
Der Außenminister sagte am Mittwoch, die Gespräche würden fortgesetzt.

12.31 Uhr: Die Delegationen treffen sich am Donnerstag erneut in Genf.

Update, 5.5.2020
Am Montag wurde eine neue Runde angekündigt.
"""


def _values() -> dict[str, str]:
    doc = analyze(LIVE_BLOG, published="2020-05-06", language="de")
    assert [d["date"] for d in doc.meta.datelines][:1] == ["2020-04-28"]
    return {t.text: t.value for t in doc.timexes}


def test_time_live_blog_update_day_anchors_its_weekdays() -> None:
    values = _values()
    assert values["am Mittwoch"] == "2020-04-22"  # the Wednesday before 28 April, not before 6 May
    assert values["am Donnerstag"] == "2020-04-30"
    assert values["Am Montag"] == "2020-05-04"  # the next update's own day takes over


def test_time_live_blog_clock_time_takes_the_update_day() -> None:
    assert _values()["12.31 Uhr"] == "2020-04-28T12:31"


def test_time_live_blog_quote_is_dated_by_its_update() -> None:
    doc = analyze(LIVE_BLOG, published="2020-05-06", language="de")
    (quote,) = [q for q in doc.quotes if "fortgesetzt" in q.text]
    assert quote.date == "2020-04-22"


def test_time_article_without_datelines_keeps_the_publication_anchor() -> None:
    doc = analyze("Der Außenminister sagte am Mittwoch, die Gespräche würden fortgesetzt.",
                  published="2020-05-06", language="de")
    assert doc.meta.datelines == []
    assert [t.value for t in doc.timexes] == ["2020-05-06"]  # a Wednesday: the day of publication
