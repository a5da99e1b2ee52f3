"""Terminal rendering of one document with its annotations highlighted (``lagebild show``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lagebild.document import Document

STYLES = {
    "mentions": "bold cyan",
    "timexes": "green underline",
    "quotes": "italic yellow",
    "figures": "bold magenta",
}


def render_document(doc: Document) -> RenderableType:
    """The text with mentions, timexes, quotes and figures styled, plus a legend and the actors."""
    body = Text(doc.text)
    for layer, style in STYLES.items():
        for ann in getattr(doc, layer):
            if layer == "mentions" and getattr(ann, "kind", "") == "location":
                body.stylize("dim cyan", ann.start, ann.end)
            else:
                body.stylize(style, ann.start, ann.end)
    m = doc.meta
    title = f"{m.title or doc.export_id} · {m.published or 'no date'} · {m.genre or '–'} · {m.author or '–'}"
    legend = Text("  ").join(Text(f"{layer} ({len(getattr(doc, layer))})", style=s) for layer, s in STYLES.items())
    actors = Table("actor", "type", "role", "mentions", title="actors", title_justify="left")
    counts: dict[str, int] = {}
    for mention in doc.mentions:
        if mention.actor:
            counts[mention.actor] = counts.get(mention.actor, 0) + 1
    for actor in sorted(doc.actors.values(), key=lambda a: -counts.get(a.id, 0)):
        actors.add_row(actor.name, actor.type, actor.role or "–", str(counts.get(actor.id, 0)))
    quotes = Table("speaker", "kind", "quote", title="quotes", title_justify="left")
    for q in doc.quotes:
        quotes.add_row(doc.actor_name(q.speaker) or "?", q.kind, q.text)
    parts: list[RenderableType] = [Panel(body, title=title, subtitle=legend), actors]
    if doc.quotes:
        parts.append(quotes)
    if m.warnings:
        parts.append(Text("warnings: " + "; ".join(m.warnings), style="yellow"))
    return Group(*parts)
