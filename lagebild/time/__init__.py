"""Temporal expressions: lexicons, patterns, date arithmetic and anchoring (used by components.time)."""

from __future__ import annotations

from lagebild.time.arith import add_duration, add_months, duration_value, iso_week, shift_weekday

__all__ = ["add_duration", "add_months", "duration_value", "iso_week", "shift_weekday"]
