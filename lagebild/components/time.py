"""Placeholder: replaced by the time work."""

from __future__ import annotations

from ..document import Document
from ..settings import Settings


class TimeComponent:
    name = "time"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        return doc
