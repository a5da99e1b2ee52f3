"""Terminal output: text from articles made inert, and one document with its annotations
highlighted (``lagebild show``).

Everything an article, a source, a user or the knowledge base supplies (text, titles, names,
quotes, queries, file names, error messages) reaches the terminal only through ``cell`` or
``terminal_safe``: as a ``rich.text.Text`` it is never read as Rich markup (``[/]``, ``[link=…]``,
``[sic]`` once broke or rewrote the output) or emoji codes, and control characters (ANSI and OSC
escape sequences start with ESC, which is one), bidirectional overrides and lone surrogates are
each replaced by U+FFFD, one character for one, so offsets into the text still hold.
"""

from __future__ import annotations

import re

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lagebild.document import Document
from lagebild.ingest.encoding import terminal_safe as terminal_safe  # re-exported for the CLI

STYLES = {
    "mentions": "bold cyan",
    "timexes": "green underline",
    "quotes": "italic yellow",
    "figures": "bold magenta",
}

def cell(value: object, style: str = "") -> Text:
    """``value`` as inert terminal text (never markup) for a table cell or a print."""
    return Text(terminal_safe(value), style=style)


def console(*, stderr: bool = False) -> Console:
    """A console that does not turn ``:name:`` into emoji in the strings Lagebild itself prints
    (user text is printed as ``cell``/``Text`` anyway)."""
    return Console(stderr=stderr, emoji=False)


def highlighted(snippet: str, start: str, end: str, style: str = "bold yellow") -> Text:
    """A search snippet with the parts between the store's ``start`` and ``end`` markers styled
    (the markers themselves removed; the rest inert)."""
    out = Text()
    on = False
    for part in re.split(f"({re.escape(start)}|{re.escape(end)})", snippet):
        if part in (start, end):
            on = part == start
        elif part:
            out.append(terminal_safe(part), style=style if on else "")
    return out


def render_document(doc: Document) -> RenderableType:
    """The text with mentions, timexes, quotes and figures styled, plus a legend and the actors."""
    body = cell(doc.text)
    for layer, style in STYLES.items():
        for ann in getattr(doc, layer):
            if layer == "mentions" and getattr(ann, "kind", "") == "location":
                body.stylize("dim cyan", ann.start, ann.end)
            else:
                body.stylize(style, ann.start, ann.end)
    m = doc.meta
    title = cell(f"{m.title or doc.export_id} · {m.published or 'no date'} · {m.genre or '–'} · {m.author or '–'}")
    legend = Text("  ").join(Text(f"{layer} ({len(getattr(doc, layer))})", style=s) for layer, s in STYLES.items())
    actors = Table("actor", "type", "role", "mentions", title="actors", title_justify="left")
    counts: dict[str, int] = {}
    for mention in doc.mentions:
        if mention.actor:
            counts[mention.actor] = counts.get(mention.actor, 0) + 1
    for actor in sorted(doc.actors.values(), key=lambda a: -counts.get(a.id, 0)):
        actors.add_row(cell(actor.name), cell(actor.type), cell(actor.role or "–"), str(counts.get(actor.id, 0)))
    quotes = Table("speaker", "kind", "quote", title="quotes", title_justify="left")
    for q in doc.quotes:
        quotes.add_row(cell(doc.actor_name(q.speaker) or "?"), cell(q.kind), cell(q.text))
    parts: list[RenderableType] = [Panel(body, title=title, subtitle=legend), actors]
    if doc.quotes:
        parts.append(quotes)
    if m.warnings:
        parts.append(cell("warnings: " + "; ".join(m.warnings), style="yellow"))
    return Group(*parts)
