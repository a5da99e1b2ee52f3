"""Training the NER model end to end on a tiny slice, the split, the label mapping and the scorer."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lagebild.commands.train import app
from lagebild.language.ner import NerTagger
from lagebild.language.ner_train import map_tag, read_germeval, score_spans, split_of, train_ner

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "germeval2014-ner"


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GermEval-format folder made by hand (own sentences), two files as in the real data."""
    sentences = [
        [("Angela", "B-PER"), ("Merkel", "I-PER"), ("besuchte", "O"), ("Paris", "B-LOC"), (".", "O")],
        [("Die", "O"), ("Universität", "B-ORG"), ("Wien", "I-ORG"), ("forscht", "O"), (".", "O")],
        [("Der", "O"), ("russische", "B-LOCderiv"), ("SPD-Chef", "B-ORGpart"), ("schwieg", "O"), (".", "O")],
        [("Olaf", "B-PER"), ("Scholz", "I-PER"), ("sprach", "O"), ("in", "O"), ("Berlin", "B-LOC"), (".", "O")],
    ]
    folder = tmp_path_factory.mktemp("germeval")
    for name in ("NER-de-dev.tsv", "NER-de-test.tsv"):
        lines: list[str] = []
        for _ in range(30):
            for sent in sentences:
                lines.append("#\thttp://example.org/x\t[2024-01-01]")
                lines += [f"{i}\t{w}\t{t}\tO" for i, (w, t) in enumerate(sent, 1)]
                lines.append("")
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("raw", "mapped"),
    [("B-PER", "B-PER"), ("I-ORG", "I-ORG"), ("B-LOCderiv", "O"), ("B-ORGpart", "O"), ("O", "O")],
)
def test_ner_map_tag_outer_level(raw: str, mapped: str) -> None:
    assert map_tag(raw) == mapped


def test_ner_split_is_deterministic_and_proportioned() -> None:
    ids = [f"NER-de-test:{i}" for i in range(5000)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    share = {s: splits.count(s) / len(ids) for s in ("train", "dev", "test")}
    assert share["train"] == pytest.approx(0.7, abs=0.03)
    assert share["dev"] == pytest.approx(0.1, abs=0.02)
    assert share["test"] == pytest.approx(0.2, abs=0.02)


def test_ner_read_germeval(tiny_data: Path) -> None:
    sents = list(read_germeval(tiny_data / "NER-de-dev.tsv"))
    assert len(sents) == 120
    assert sents[0].id == "NER-de-dev:0" and sents[0].words[:2] == ("Angela", "Merkel")
    assert sents[2].tags == ("O", "O", "O", "O", "O")


def test_ner_score_spans() -> None:
    gold = [[(0, 2, "PER"), (3, 4, "LOC")], [(1, 3, "ORG")]]
    pred = [[(0, 2, "PER"), (3, 4, "ORG")], []]
    scores = score_spans(gold, pred)
    assert scores["overall"]["precision"] == 0.5
    assert scores["overall"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["PER"]["f1"] == 1.0 and scores["LOC"]["f1"] == 0.0


def test_ner_train_tiny_end_to_end(tiny_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "tiny.crfsuite"
    meta = train_ner(tiny_data, out, iterations=20, limit=200)
    assert out.is_file() and out.with_suffix(".json").is_file()
    assert meta["data"]["fitted_sentences"] <= 200
    tagger = NerTagger(out)
    spans = tagger.predict("Angela Merkel besuchte Paris .".split())
    assert (0, 2, "PER") in spans


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/germeval2014-ner is not present")
def test_ner_real_data_split_sizes() -> None:
    from lagebild.language.ner_train import load_splits

    sizes = {k: len(v) for k, v in load_splits(DATA).items()}
    assert sum(sizes.values()) == 7300
    assert sizes["test"] > 1300


@pytest.mark.parametrize("args", [["--help"], ["ner", "--help"]])
def test_ner_train_cli_help(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert "ner" in result.output.lower()


def test_ner_train_is_reproducible(tiny_data: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train_ner(tiny_data, first, iterations=15, limit=100)
    train_ner(tiny_data, second, iterations=15, limit=100)
    assert first.read_bytes() == second.read_bytes()
