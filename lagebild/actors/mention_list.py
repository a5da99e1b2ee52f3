"""The linker's mentions: a list that also answers "which mentions are near this offset" in
logarithmic time, so that rules asking it once per match or per reference stay linear in the text.

The rules read the mentions in two orders: the latest first (``before``: the order of
``sorted(mentions, key=lambda m: -m.start)``) and in text order (``starting_in``: the order of
``sorted(mentions, key=lambda m: m.start)``); mentions with the same start keep their list order in
both. The index behind them is built on the first question and kept up to date cheaply while
mentions are only appended; any other change to the list (a sort, a removal) rebuilds it on the
next question. The mentions' offsets must not change while they are in the list.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import Any, SupportsIndex

from lagebild.document import Mention


class MentionList(list[Mention]):
    """A ``list`` of mentions with position queries (see the module docstring)."""

    def __init__(self, items: Iterable[Mention] = ()) -> None:
        super().__init__(items)
        self._keys: list[tuple[int, int]] = []  # (start, -position in the list), ascending
        self._items: list[Mention] = []  # the mentions in the order of _keys
        self._indexed = 0  # list positions [0, _indexed) are in the index
        self._stale = True  # the list changed other than by appending: rebuild on the next question
        self._longest = 0  # the longest mention's length: how far before an offset one may start

    # -- changes -----------------------------------------------------------------------------------
    # appending keeps the index (the new mentions are added on the next question); anything else
    # may move mentions to other positions and marks it stale
    def _changed(self) -> None:
        self._stale = True

    def insert(self, index: SupportsIndex, item: Mention) -> None:
        self._changed()
        super().insert(index, item)

    def remove(self, item: Mention) -> None:
        self._changed()
        super().remove(item)

    def pop(self, index: SupportsIndex = -1) -> Mention:
        self._changed()
        return super().pop(index)

    def clear(self) -> None:
        self._changed()
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._changed()
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        self._changed()
        super().reverse()

    def __setitem__(self, index: Any, value: Any) -> None:
        self._changed()
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        self._changed()
        super().__delitem__(index)

    def __imul__(self, n: SupportsIndex) -> MentionList:  # type: ignore[override]
        self._changed()
        return super().__imul__(n)  # type: ignore[return-value]

    # -- the index ---------------------------------------------------------------------------------
    def _refresh(self) -> None:
        if self._stale or self._indexed > len(self):
            order = sorted(range(len(self)), key=lambda p: (self[p].start, -p))
            self._keys = [(self[p].start, -p) for p in order]
            self._items = [self[p] for p in order]
            self._longest = max((m.end - m.start for m in self), default=0)
            self._indexed, self._stale = len(self), False
            return
        for p in range(self._indexed, len(self)):
            m = self[p]
            key = (m.start, -p)
            i = bisect_left(self._keys, key)
            self._keys.insert(i, key)
            self._items.insert(i, m)
            self._longest = max(self._longest, m.end - m.start)
        self._indexed = len(self)

    def before(self, offset: int) -> Iterator[Mention]:
        """The mentions that start before ``offset``, the latest first (same start: list order)."""
        self._refresh()
        keys, items = self._keys, self._items
        for i in range(bisect_left(keys, (offset, -len(self) - 1)) - 1, -1, -1):
            yield items[i]

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end), in text order (same start: list order)."""
        self._refresh()
        keys, items = self._keys, self._items
        lo = bisect_left(keys, (start, -len(self) - 1))
        hi = bisect_left(keys, (end, -len(self) - 1), lo)
        out: list[Mention] = []
        i = lo
        while i < hi:  # the index holds equal starts in reverse list order: reverse each run
            j = i
            while j < hi and keys[j][0] == keys[i][0]:
                j += 1
            out.extend(reversed(items[i:j]))
            i = j
        return out

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions with ``m.start < end and start < m.end`` (text order)."""
        self._refresh()
        return [m for m in self.starting_in(start - self._longest, max(end, start + 1))
                if m.start < end and start < m.end]

    def covering(self, start: int, end: int) -> list[Mention]:
        """The mentions with ``m.start <= start and end <= m.end`` (text order)."""
        self._refresh()
        return [m for m in self.starting_in(end - self._longest, start + 1) if end <= m.end]

    def holding(self, offset: int) -> list[Mention]:
        """The mentions with ``start <= offset < end`` (text order)."""
        self._refresh()
        return [m for m in self.starting_in(offset - self._longest, offset + 1) if offset < m.end]


def ordered(mentions: list[Mention]) -> MentionList:
    """``mentions`` as a MentionList (itself when it is one)."""
    return mentions if isinstance(mentions, MentionList) else MentionList(mentions)
