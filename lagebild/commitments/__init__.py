"""Commitments: promises, threats, ultimatums, plans and demands read off clauses and quotes.

``CommitmentsComponent`` (component name ``commitments``) fills ``doc.commitments``; the cues live
in ``lagebild/lexicons/commitments.yaml``. Statuses across the store are computed by the ledger
(``lagebild.picture.ledger``), not here: one article cannot know whether a promise was kept.
"""

from lagebild.commitments.component import CommitmentsComponent, build_commitments

__all__ = ["CommitmentsComponent", "build_commitments"]
