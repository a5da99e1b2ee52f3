"""Hand-made reports of a few events for the picture tests (tests/test_picture_*.py).

Each report is a stored document with its actors, mentions, one sentence and hand-made ``Event``
records (as the events layer would add them), so the tests do not depend on that layer's accuracy.
"""

from __future__ import annotations

from datetime import date

from lagebild.document import Document, Event, Sentence
from lagebild.store.base import Store
from lagebild.store.testing import make_document, span

ACTORS = {
    "united_states": ("United States", "state", ["USA", "Vereinigte Staaten", "US"]),
    "russia": ("Russia", "state", ["Russland", "Moskau", "Moscow"]),
    "nato": ("NATO", "organisation", ["Nato"]),
    "ukraine": ("Ukraine", "state", ["Kiew", "Kyiv"]),
    "wendy_sherman": ("Wendy Sherman", "person", ["Sherman"]),
    "sergei_ryabkov": ("Sergei Ryabkov", "person", ["Sergej Rjabkow", "Rjabkow"]),
    "sergey_lavrov": ("Sergey Lavrov", "person", ["Sergej Lawrow", "Lawrow"]),
    "vladimir_putin": ("Vladimir Putin", "person", ["Wladimir Putin", "Putin"]),
}
COUNTRY = {"united_states": "united_states", "russia": "russia", "ukraine": "ukraine", "wendy_sherman": "united_states",
           "sergei_ryabkov": "russia", "sergey_lavrov": "russia", "vladimir_putin": "russia"}


def report(text: str, *, published: date, outlet: str, language: str, export_id: str,
           events: list[tuple[str, str, str, str | None, str | None, str | None]]) -> Document:
    """A document with ``events`` as ``(surface, PLOVER type, source, target, date, location)``."""
    used = {a for _, _, s, t, _, _ in events for a in (s, t) if a}
    doc = make_document(text, language=language, title=text.split(".")[0], published=published,
                        export_id=export_id, actors={a: ACTORS[a] for a in sorted(used)})
    doc.meta.outlet = outlet
    for actor in doc.actors.values():
        actor.country = COUNTRY.get(actor.id)
    doc.sentences = [Sentence(0, len(text), component="test")]
    for surface, kind, source, target, when, place in events:
        s, e = span(text, surface)
        doc.events.append(Event(s, e, component="test", rule="hand-made", type=kind, source=source, target=target,
                                date=when, location=place))
    doc.layers.update({"sentences", "events"})
    return doc


GENEVA_DE = report(
    "Genf. Die USA und Russland haben am Montag in Genf fast acht Stunden über Sicherheitsgarantien beraten. "
    "Vizeaußenministerin Sherman sprach von einem offenen Austausch.",
    published=date(2022, 1, 10), outlet="Lagebild Demo", language="de", export_id="de_genf",
    events=[("beraten", "CONSULT", "united_states", "russia", "2022-01-10", "Genf")])

# the same agency text, republished a day later by another outlet and lightly edited
GENEVA_DE_COPY = report(
    "Genf. Die USA und Russland haben am Montag in Genf fast acht Stunden über Sicherheitsgarantien beraten. "
    "Vizeaußenministerin Sherman sprach anschließend von einem offenen Austausch.",
    published=date(2022, 1, 11), outlet="Demo-Nachrichtenportal Nord", language="de", export_id="de_genf_nachdruck",
    events=[("beraten", "CONSULT", "united_states", "russia", "2022-01-10", "Genf")])

GENEVA_EN = report(
    "GENEVA - Russian and American negotiators met for nearly eight hours on Monday to discuss Moscow's "
    "demands for security guarantees.",
    published=date(2022, 1, 10), outlet="Demo Wire", language="en", export_id="en_geneva",
    events=[("met", "CONSULT", "russia", "united_states", "2022-01-10", "Geneva")])

# an independent report that dates the talks a day later (a conflict kept side by side)
GENEVA_DE_OTHER = report(
    "Nach den Gesprächen in Genf zwischen Washington und Moskau zeigte sich die Delegation Russlands "
    "enttäuscht; man habe keine Fortschritte erzielt.",
    published=date(2022, 1, 12), outlet="Süddeutsche Demo-Zeitung", language="de", export_id="de_genf_bilanz",
    events=[("Gesprächen", "CONSULT", "russia", "united_states", "2022-01-11", "Genf")])

NATO_COUNCIL = report(
    "Brüssel. Im Nato-Russland-Rat haben die Nato und Russland am Mittwoch vier Stunden lang beraten.",
    published=date(2022, 1, 12), outlet="Lagebild Demo", language="de", export_id="de_nato_rat",
    events=[("beraten", "CONSULT", "nato", "russia", "2022-01-12", "Brüssel")])

THREAT = report(
    "Moskau drohte der Ukraine am Montag mit Konsequenzen, falls sie der Nato beitrete.",
    published=date(2022, 1, 10), outlet="Demo Wire", language="de", export_id="de_drohung",
    events=[("drohte", "THREATEN", "russia", "ukraine", "2022-01-10", None)])

ALL = (GENEVA_DE, GENEVA_DE_COPY, GENEVA_EN, GENEVA_DE_OTHER, NATO_COUNCIL, THREAT)


def store_reports(store: Store, docs: tuple[Document, ...] = ALL) -> None:
    """Store the reports; the syndicated copy is linked to its original as the ingest layer's
    near-duplicate check links it (duplicate policy ``keep``)."""
    store.add_many(docs)
    if GENEVA_DE_COPY in docs and GENEVA_DE in docs:
        store.link_duplicate(GENEVA_DE_COPY.id, GENEVA_DE.id, "near")


def key(doc: Document, idx: int = 0) -> str:
    return f"{doc.id}:{idx}"


def url_of(store: Store, tmp_path_factory: object = None) -> str:
    """The ``--db`` value that opens ``store`` again."""
    path = getattr(store, "path", None)
    return str(path) if store.backend == "sqlite" and path else store.url
