from __future__ import annotations

import pytest

from lagebild import Document, Pipeline
from lagebild.document import Mention, Metadata
from lagebild.errors import PipelineError


def test_pipeline_refuses_unmet_need_and_names_it() -> None:
    with pytest.raises(PipelineError, match=r"'speech' needs layer\(s\) tokens.*'language'.*before it"):
        Pipeline(["speech"])


def test_pipeline_unknown_component_is_named() -> None:
    with pytest.raises(PipelineError, match="unknown component 'nope'"):
        Pipeline(["nope"])


def test_language_layer_offsets_point_into_text() -> None:
    text = "Es kommentiert: Michaela Küfner\nBundeskanzler Olaf Scholz reiste am 3. Feb. 2022 nach Kiew. Gut."
    doc = Pipeline(["language"])(Document(text))
    assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)
    sentences = [doc.text[s.start:s.end] for s in doc.sentences]
    assert sentences[0] == "Es kommentiert: Michaela Küfner"
    assert "3. Feb. 2022" in sentences[1]
    assert {"paragraphs", "sentences", "tokens"} <= doc.layers


def test_document_record_round_trip() -> None:
    doc = Document("Putin sprach.", meta=Metadata(title="T", language="de"))
    doc.mentions.append(Mention(0, 5, "actors", "kb-name", 0.9, text="Putin", actor="vladimir_putin"))
    again = Document.from_record(doc.to_record())
    assert again.to_json() == doc.to_json()


def test_document_id_is_content_hash() -> None:
    assert Document("Ein  Text.\n").id == Document("Ein Text.").id
    assert Document("Ein Text.").id != Document("Ein anderer Text.").id


def test_pipeline_plugin_component_runs_after_its_needs() -> None:
    from lagebild.pipeline import component

    @component("shouting", needs=("tokens",), adds=("shouts",))
    class Shouting:
        def __init__(self, settings: object = None) -> None:
            self.seen = 0

        def __call__(self, doc: Document) -> Document:
            self.seen = sum(1 for t in doc.tokens if t.text.isupper())
            return doc

    pipe = Pipeline(["language", "shouting"])
    doc = pipe(Document("Die NATO und die EU beraten."))
    assert "shouts" in doc.layers
    assert pipe.components[1].seen == 2  # type: ignore[attr-defined]
    with pytest.raises(PipelineError, match="'shouting' needs layer\\(s\\) tokens"):
        Pipeline(["shouting"])


def test_analyze_accepts_text_path_and_overrides(tmp_path) -> None:
    import lagebild

    path = tmp_path / "artikel.txt"
    path.write_text("TITLE: Probe\n\nDer Kanzler reiste am Montag nach Kiew.", encoding="utf-8")
    from_path = lagebild.analyze(path, published="2022-02-16")
    from_text = lagebild.analyze("Der Kanzler reiste am Montag nach Kiew.", published="2022-02-16")
    assert from_path.meta.title == "Probe" and from_path.export_id == "artikel"
    assert from_path.text == from_text.text
    assert [t.value for t in from_path.timexes] == ["2022-02-14"]
    assert from_path.meta.published_source == "override"


@pytest.mark.parametrize("with_lemma", [False, True])
def test_document_record_packs_plain_tokens_losslessly(with_lemma: bool) -> None:
    doc = Pipeline(["language"])(Document("Der Kanzler reiste nach Kiew. Dort sprach er."))
    if with_lemma:
        doc.tokens[1].lemma = "Kanzler"  # a token with its own data: stored unpacked
    rec = doc.to_record()
    assert isinstance(rec["tokens"], list) is with_lemma
    again = Document.from_record(rec)
    assert again.tokens == doc.tokens


def test_pipeline_default_for_other_settings_does_not_change_the_default() -> None:
    from dataclasses import replace

    from lagebild.document import Document
    from lagebild.pipeline import default_pipeline
    from lagebild.settings import Settings, SpeechSettings

    text = "Der Vorsitzende forderte einen sofortigen Waffenstillstand und neue Gespräche in Wien."
    settings = Settings.from_env()

    def quotes(s: Settings) -> list[str]:
        doc = Document(text=text)
        doc.meta.language = "de"
        return [q.rule for q in default_pipeline(s)(doc).quotes]

    broad = replace(settings, speech=SpeechSettings(broad=True))
    assert "speech-act" in quotes(broad)  # the broad setting reports the bare speech act ...
    assert "speech-act" not in quotes(settings)  # ... the default pipeline does not, built after it
