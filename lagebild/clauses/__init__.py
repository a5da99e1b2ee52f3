"""Clause layer: per sentence, its clauses with the verb complex, subject, objects, prepositional
frames, clausal complements, relative and "wie" clauses, negation, mood, tense and question
(German by topological fields over HanTa's tags, English by verb groups)."""

from __future__ import annotations

from lagebild.clauses.component import ClausesComponent as ClausesComponent
from lagebild.clauses.component import clauses_of as clauses_of
from lagebild.clauses.model import Argument as Argument
from lagebild.clauses.model import Clause as Clause
from lagebild.clauses.model import Field as Field
