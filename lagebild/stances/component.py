"""The stances component: ``doc.stances`` from issue terms, polarity cues, clauses and quotes."""

from __future__ import annotations

from lagebild.document import Document, Stance
from lagebild.settings import Settings
from lagebild.stances.extract import Extractor, load_lexicon

__all__ = ["StancesComponent", "build_stances"]


def build_stances(doc: Document) -> list[Stance]:
    """The stances of ``doc`` (its clauses, mentions and quotes must be filled)."""
    from lagebild.clauses.component import clauses_of

    clauses_of(doc)
    return Extractor(doc, load_lexicon("en" if doc.language == "en" else "de")).run()


class StancesComponent:
    """Who stands where on which issue: actor, issue (``lexicons/issues.yaml``), polarity (support,
    oppose, conditional), date, evidence, and whose position it is (the actor's own or the
    commentator's)."""

    name = "stances"
    needs: tuple[str, ...] = ("tokens", "sentences", "mentions", "actors", "clauses", "quotes", "metadata")
    adds: tuple[str, ...] = ("stances",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        doc.stances = build_stances(doc)
        doc.layers.add("stances")
        return doc
