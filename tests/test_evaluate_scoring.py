"""The scorer itself, on hand-built exports and gold objects."""

from __future__ import annotations

import pytest

from lagebild.evaluate import locate, norm, score_document

TEXT = "Kremlchef Wladimir Putin traf am Montag Olaf Scholz. „Wir reden weiter“, sagte Scholz. Es kamen 30 Flugzeuge."


def _export(**layers: object) -> dict[str, object]:
    base: dict[str, object] = {"id": "x", "text": TEXT, "published": "2022-02-15", "author": None,
                               "genre": "report", "actors": [], "timexes": [], "quotes": [], "figures": [],
                               "events": []}
    base.update(layers)
    return base


def _gold(**layers: object) -> dict[str, object]:
    base: dict[str, object] = {"doc": "x.txt", "published": "2022-02-15", "author": None, "genre": "report"}
    base.update(layers)
    return base


def test_evaluate_norm_is_case_and_accent_insensitive() -> None:
    assert norm("Küfner") == norm("kufner")
    assert norm("Nato-Verbündeten") == norm("nato verbündeten")


def test_evaluate_locate_respects_occurrence() -> None:
    text = "am Montag und wieder am Montag"
    assert locate(text, "am Montag", 2) == (21, 30)
    assert locate(text, "am Dienstag") is None


def test_evaluate_actor_matches_by_alias_and_surface() -> None:
    export = _export(actors=[{"id": "vladimir_putin", "name": "Vladimir Putin", "aliases": ["Wladimir Putin"]},
                             {"id": "doc:x", "name": "Someone Else", "aliases": []}])
    gold = _gold(actors=[{"name": "Vladimir Putin", "surface": ["Putin"]},
                         {"name": "Olaf Scholz", "surface": ["Scholz"]},
                         {"name": "Western world", "surface": ["der Westen"], "optional": True}])
    counts = score_document(export, gold).layers["actors"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)


def test_evaluate_timex_needs_overlap_and_value() -> None:
    start = TEXT.index("am Montag")
    export = _export(timexes=[{"start": start + 3, "end": start + 9, "text": "Montag", "type": "date",
                               "value": "2022-02-14"}])
    good = score_document(export, _gold(timexes=[{"text": "am Montag", "type": "date", "value": "2022-02-14"}]))
    bad = score_document(export, _gold(timexes=[{"text": "am Montag", "type": "date", "value": "2022-02-07"}]))
    assert good.layers["timexes"].tp == 1
    assert (bad.layers["timexes"].fp, bad.layers["timexes"].fn) == (1, 1)


@pytest.mark.parametrize("speaker,expected_tp", [("olaf_scholz", 1), ("vladimir_putin", 0), (None, 0)])
def test_evaluate_quote_needs_overlap_and_speaker(speaker: str | None, expected_tp: int) -> None:
    start = TEXT.index("Wir reden")
    export = _export(
        actors=[{"id": "olaf_scholz", "name": "Olaf Scholz", "aliases": []},
                {"id": "vladimir_putin", "name": "Vladimir Putin", "aliases": []}],
        quotes=[{"start": start, "end": start + len("Wir reden weiter"), "text": "Wir reden weiter",
                 "kind": "direct", "speaker": speaker}])
    score = score_document(export, _gold(quotes=[{"text": "Wir reden weiter", "kind": "direct",
                                                  "speaker": "Olaf Scholz"}]))
    assert score.layers["quotes"].tp == expected_tp
    assert score.layers["quotes_speaker_blind"].tp == 1


def test_evaluate_quote_with_too_little_overlap_is_a_miss() -> None:
    start = TEXT.index("Wir")
    export = _export(quotes=[{"start": start, "end": start + 3, "text": "Wir", "kind": "direct", "speaker": None}])
    score = score_document(export, _gold(quotes=[{"text": "Wir reden weiter", "kind": "direct", "speaker": None}]))
    assert score.layers["quotes_speaker_blind"].tp == 0


def test_evaluate_figure_value_tolerance_and_unit() -> None:
    start = TEXT.index("30 Flugzeuge")
    fig = {"start": start, "end": start + 12, "text": "30 Flugzeuge", "value": 30.1, "unit": "aircraft"}
    ok = score_document(_export(figures=[fig]), _gold(figures=[{"text": "30 Flugzeuge", "value": 30,
                                                                "unit": "aircraft"}]))
    wrong_unit = score_document(_export(figures=[{**fig, "unit": "drone"}]),
                                _gold(figures=[{"text": "30 Flugzeuge", "value": 30, "unit": "aircraft"}]))
    too_far = score_document(_export(figures=[{**fig, "value": 30.3}]),
                             _gold(figures=[{"text": "30 Flugzeuge", "value": 30, "unit": "aircraft"}]))
    assert ok.layers["figures"].tp == 1  # 0.33 % off: inside the ±0.5 % tolerance
    assert too_far.layers["figures"].tp == 0  # 1 % off
    assert wrong_unit.layers["figures"].tp == 0


def test_evaluate_symmetric_events_match_in_either_order() -> None:
    export = _export(actors=[{"id": "a", "name": "Olaf Scholz", "aliases": []},
                             {"id": "b", "name": "Vladimir Putin", "aliases": []}],
                     events=[{"type": "CONSULT", "source": "b", "target": "a", "date": "2022-02-15"}])
    gold = _gold(events=[{"type": "CONSULT", "source": "Olaf Scholz", "target": "Vladimir Putin",
                          "date": "2022-02-15"}])
    assert score_document(export, gold).layers["events"].tp == 1


def test_evaluate_metadata_right_or_wrong() -> None:
    score = score_document(_export(genre="commentary"), _gold())
    assert score.metadata == {"published": True, "author": True, "genre": False}


def test_evaluate_gold_text_missing_from_article_is_a_miss_in_every_quote_view() -> None:
    score = score_document(_export(), _gold(quotes=[{"text": "nie gesagt", "kind": "direct", "speaker": None}],
                                            figures=[{"text": "99 Panzer", "value": 99, "unit": "tank"}]))
    assert score.layers["quotes"].fn == score.layers["quotes_speaker_blind"].fn == 1
    assert score.layers["figures"].fn == 1
    assert any(line.startswith("GOLD-NOT-FOUND") for line in score.errors["figures"])


def test_evaluate_a_layer_the_gold_leaves_out_is_not_scored() -> None:
    """A gold file that annotates events only (a layer's own blind set) scores no false positives
    on the layers it leaves out; an empty list is an annotation (nothing there), and is scored."""
    export = _export(figures=[{"text": "30 Flugzeuge", "value": 30, "unit": "aircraft"}])
    score = score_document(export, _gold(events=[]))
    assert "figures" not in score.layers and "quotes" not in score.layers
    assert score.layers["events"].fp == 0
    assert score_document(export, _gold(figures=[])).layers["figures"].fp == 1
