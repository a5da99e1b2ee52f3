from __future__ import annotations

import pytest

from lagebild import Document, Pipeline
from lagebild.document import Mention, Metadata
from lagebild.errors import PipelineError


def test_pipeline_refuses_unmet_need_and_names_it() -> None:
    with pytest.raises(PipelineError, match=r"'speech' needs layer\(s\) tokens.*'language' before it"):
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
