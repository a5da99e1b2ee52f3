"""``lagebild stances``: who stands where on which issue, from the store."""

from __future__ import annotations

from rich.table import Table

from lagebild.picture.positions import StanceRow
from lagebild.render import cell

POLARITY_STYLE = {"support": "green", "oppose": "red", "conditional": "yellow"}


def stances_table(rows: list[StanceRow]) -> Table:
    """One row per stance: date, actor, issue, polarity, whose position, evidence, document."""
    table = Table("date", "actor", "issue", "polarity", "holder", "evidence", "document")
    table.columns[5].overflow = "fold"
    for r in rows:
        table.add_row(cell(r.date or "–"), cell(r.actor_name or r.actor or "–"), cell(r.issue),
                      cell(r.polarity, style=POLARITY_STYLE.get(r.polarity, "")), cell(r.holder_kind),
                      cell(r.evidence[:220]), cell(r.export_id))
    return table
