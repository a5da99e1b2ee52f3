"""``lagebild commitments``: the commitments ledger as a Rich table or JSON lines."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from lagebild.picture.ledger import LedgerEntry
from lagebild.render import cell

STATUS_STYLE = {"kept": "green", "broken": "red", "overdue": "bold red", "due": "yellow", "pending": "",
                "superseded": "dim"}


def commitments_table(entries: list[LedgerEntry], as_of: str) -> Table:
    """One row per commitment: when, who, kind, what, deadline, status and the evidence that set it."""
    table = Table("made", "actor", "kind", "content", "deadline", "status", "evidence",
                  title=f"commitments as of {as_of}", title_justify="left")
    for col in (3, 6):
        table.columns[col].overflow = "fold"
        table.columns[col].ratio = 3
    for col in (0, 4):
        table.columns[col].no_wrap = True
    for e in entries:
        c = e.commitment
        ev = e.evidence[0] if e.evidence else None
        evidence = Text()
        if ev is not None:
            if ev.rule not in ("deadline", "made"):  # else the evidence is the commitment itself
                evidence.append_text(cell(ev.text[:160]))
            ref = f"[{ev.export_id} {ev.start}-{ev.end}, {ev.rule}]"
            evidence.append_text(cell((" " if evidence.plain else "") + ref, style="dim"))
        content = cell(c.content[:200])
        if c.condition:
            content.append_text(cell(f" — if: {c.condition[:120]}", style="italic"))
        table.add_row(cell(e.made or "–"), cell(e.actor_name or c.actor or "–"), cell(c.kind), content,
                      cell(c.deadline or "–"), cell(e.status, style=STATUS_STYLE.get(e.status, "")), evidence)
    return table
