"""The events layer: PLOVER events (who did what to whom, when, where) read off the clause layer.

``EventsComponent`` (``component.py``) finds verbal triggers ("trifft", "verhängt Sanktionen",
"accused") and nominal ones ("der Gipfel in Genf", "das Telefonat zwischen X und Y") from the
editable lexicon ``lagebild/lexicons/events.yaml`` (``lexicon.py``), and fills source, target, date,
location and modality from the clause, actor, time and quote layers (``extract.py``).
"""

from __future__ import annotations

from lagebild.events.component import EventsComponent

__all__ = ["EventsComponent"]
