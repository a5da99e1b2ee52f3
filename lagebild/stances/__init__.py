"""Stances: an actor's position (support, oppose, conditional) on an issue of the editable
taxonomy ``lagebild/lexicons/issues.yaml``, with the polarity cues of ``lexicons/stances.yaml``.

``StancesComponent`` (component name ``stances``) fills ``doc.stances``; ``lagebild stances`` and
``lagebild.picture.ledger``'s neighbour ``stances_of`` query them across the store.
"""

from lagebild.stances.component import StancesComponent, build_stances

__all__ = ["StancesComponent", "build_stances"]
