"""What every command shares: ``--from``/``--to``/``--as-of`` dates, the store of ``--db``, JSON Lines."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import typer

from lagebild.settings import Settings

# characters JSON leaves as they are but line-based tools (str.splitlines, editors) break lines at
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_BREAK = re.compile("[\x85\u2028\u2029]")


def json_line(obj: Any) -> str:
    """``obj`` as one line of JSON Lines: readable (not ASCII-escaped), but every character that
    some reader takes for a line break escaped."""
    text = json.dumps(obj, ensure_ascii=False, default=str)
    return _LINE_BREAK.sub(lambda m: _LINE_BREAKS[m.group()], text) + "\n"


def parse_date(value: str | None, name: str) -> date | None:
    """An option's YYYY-MM-DD date (None when not given); a usage error naming the option otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=name) from None


def open_store_at(db: str | None, *, create: bool = False) -> Any:
    """The store at ``--db``; only ``ingest`` (and ``demo``) create one (``create=True``): a
    command that reads says that there is no store (``search --db typo.db``)."""
    from lagebild.store import open_store

    return open_store(Settings.from_env(db=db).db, create=create)
