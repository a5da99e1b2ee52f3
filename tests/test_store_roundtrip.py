"""Property test: whatever Document.to_record() holds comes back unchanged from both stores."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.document import Actor, Document, Figure, Mention, Metadata, Quote, Sentence, Timex, Token
from lagebild.store import Store
from lagebild.store import testing as _fixtures

store_url = _fixtures.store_url  # both backends: a fresh SQLite file, a fresh PostgreSQL schema
store = _fixtures.store
pg_session_url = _fixtures.pg_session_url

# any text but lone surrogates (not encodable); NUL and emoji included on purpose
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
WORD = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
CONF = st.floats(0, 1, allow_nan=False)
MAYBE = st.none() | WORD


@st.composite
def documents(draw: st.DrawFn) -> Document:
    text = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120))
    n = len(text)

    def span() -> tuple[int, int]:
        start = draw(st.integers(0, n))
        return start, draw(st.integers(start, n))

    meta = Metadata(
        title=draw(MAYBE), url=draw(MAYBE), language=draw(st.sampled_from(["de", "en", "fr", None])),
        published=draw(st.none() | st.dates()), author=draw(MAYBE), outlet=draw(MAYBE), genre=draw(MAYBE),
        source=draw(MAYBE), export_id=draw(MAYBE), flags=draw(st.lists(WORD, max_size=2)),
        warnings=draw(st.lists(TEXT, max_size=2)), also_published_as=draw(st.lists(WORD, max_size=2)))
    doc = Document(text=text, meta=meta, id=uuid.uuid4().hex[:16])
    actor_ids = draw(st.lists(WORD, max_size=3, unique=True))
    for aid in actor_ids:
        doc.actors[aid] = Actor(aid, draw(WORD), draw(st.sampled_from(["person", "state", "organisation"])),
                                aliases=draw(st.lists(WORD, max_size=3)), wikidata=draw(MAYBE),
                                confidence=draw(CONF))
    actor = st.none() | st.sampled_from(actor_ids) if actor_ids else st.none()
    for _ in range(draw(st.integers(0, 3))):
        s, e = span()
        doc.tokens.append(Token(s, e, text=text[s:e], lemma=draw(MAYBE), space_after=draw(st.booleans())))
        doc.sentences.append(Sentence(s, e, paragraph=draw(st.integers(0, 5))))
        doc.mentions.append(Mention(s, e, component=draw(TEXT), rule=draw(TEXT), confidence=draw(CONF),
                                    text=text[s:e], actor=draw(actor), kind=draw(st.sampled_from(["name", "role"]))))
        doc.quotes.append(Quote(s, e, text=text[s:e], kind=draw(st.sampled_from(["direct", "indirect"])),
                                speaker=draw(actor), cue=draw(MAYBE), cue_start=draw(st.none() | st.integers(0, n)),
                                date=draw(st.none() | st.dates().map(str))))
        doc.timexes.append(Timex(s, e, text=text[s:e], value=draw(WORD), mod=draw(MAYBE)))
        doc.figures.append(Figure(s, e, text=text[s:e], value=draw(st.floats(allow_nan=False, allow_infinity=False)),
                                  unit=draw(MAYBE), approximate=draw(st.booleans())))
    doc.layers.update(draw(st.sets(st.sampled_from(["tokens", "mentions", "quotes"]))))
    return doc


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_store_record_round_trip(store: Store, doc: Document) -> None:
    assert store.add(doc)
    assert store.get(doc.id).to_record() == doc.to_record()
    assert store.add(doc) is False


def test_store_record_of_layers_serialised_in_a_worker_is_the_same(pipeline, store: Store) -> None:  # type: ignore[no-untyped-def]
    from lagebild.ingest import document_from_text
    from lagebild.store.base import index_rows, prepare_record, record_json

    doc = pipeline(document_from_text("Kanzler Scholz sagte am Montag in Berlin, man werde 5000 Helme liefern. "
                                      "„Wir stehen an der Seite der Ukraine“, sagte er."))
    plain = record_json(doc)
    prepared = prepare_record(doc)  # what a worker of `lagebild ingest --workers N` does before handing it back
    assert prepared is not None
    assert record_json(doc, prepared) == plain
    head = doc.head_only()  # and it sends the document without its layers
    assert not head.tokens and not head.mentions and not head.quotes and head.text == doc.text
    assert doc.clauses and not head.clauses  # nor the clauses, which no store keeps
    assert record_json(head, prepared) == plain
    head.meta.duplicate_of = "x" * 64  # the writer may still change the metadata: it is serialised there
    assert doc.meta.duplicate_of is None  # (on the copy only)
    assert '"duplicate_of": "' + "x" * 64 in record_json(head, prepared)
    head.meta.duplicate_of = None
    assert store.add(head, prepared)
    stored = store.get(doc.id)
    assert stored.to_record() == doc.to_record()
    assert index_rows(stored) == index_rows(doc) == prepared.index
    assert [(q.start, q.speaker_id) for q in store.quotes()] == [(q.start, q.speaker) for q in doc.quotes]
    assert len(doc.quotes) == 2
