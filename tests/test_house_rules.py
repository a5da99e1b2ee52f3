"""The house rules a reader of the code relies on (issue "A house one can live in"), checked on
the source: word lists live in YAML lexicons, layers do not reach into each other's private
names, failures are not swallowed, tests are named by behaviour. Complexity (ruff C901 <= 15) and
the import layers (import-linter) are checked by ``make lint``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lagebild"
MAX_LIST_WORDS = 300  # words in string-list literals of five or more items, over all of lagebild/


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


# names of the code, not words of a language: export lists, column lists, field lists
SCHEMA_NAME = re.compile(r"^(__all__|__slots__|EXPORT|[A-Z_]*(COLUMNS|TABLES|LAYERS|FIELDS))$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Z][A-Za-z0-9_]*$")  # class names and codes such as PLOVER types


def _schema_lists(tree: ast.Module) -> set[int]:
    """ids of the list literals assigned to schema names (``__all__``, ``EXPORT``, ``*_COLUMNS``)."""
    keep: set[int] = set()
    for node in ast.walk(tree):
        targets = [node.target] if isinstance(node, ast.AnnAssign) else getattr(node, "targets", [])
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if isinstance(node, ast.Assign | ast.AnnAssign) and any(SCHEMA_NAME.match(n) for n in names):
            keep.add(id(node.value))
    return keep


def _is_identifiers(values: list[str]) -> bool:
    """Column names (snake_case with at least one compound such as ``doc_id``) or code names."""
    return (all(SNAKE.match(v) for v in values) and any("_" in v for v in values)) or \
        all(CODE.match(v) for v in values)


def _string_list_words(tree: ast.Module) -> int:
    n = 0
    schema = _schema_lists(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and len(node.elts) >= 5 and id(node) not in schema:
            if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                values = [e.value for e in node.elts]  # type: ignore[attr-defined]
                if not _is_identifiers(values):
                    n += sum(max(1, len(v.split())) for v in values)
    return n


def test_house_word_list_counter_skips_code_names_but_counts_words() -> None:
    code = ast.parse('__all__ = ["A", "B", "C", "D", "E"]\nCOLS = ("doc_id", "idx", "text", "kind", "end")\n'
                     'X = ["sagte", "betonte", "erklärte", "meinte", "fügte hinzu"]')
    assert _string_list_words(code) == 6


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_house_word_lists_live_in_lexicons_not_code() -> None:
    per_file = {p.relative_to(ROOT).as_posix(): _string_list_words(t) for p, t in _modules()}
    total = sum(per_file.values())
    worst = sorted(((v, k) for k, v in per_file.items() if v), reverse=True)[:5]
    assert total <= MAX_LIST_WORDS, f"{total} words in string lists in .py files (most: {worst}); " \
                                    "move them to lagebild/lexicons/*.yaml and load them with lagebild.lexicon"


def test_house_no_private_imports_across_layers() -> None:
    bad = []
    for path, tree in _modules():
        here = _layer(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lagebild."):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private and _layer(node.module) != here:
                    bad.append(f"{path.relative_to(ROOT)}: {node.module} {private}")
    assert not bad, bad


def _swallows(handler: ast.ExceptHandler) -> bool:
    broad = handler.type is None or (isinstance(handler.type, ast.Name) and handler.type.id in
                                     {"Exception", "BaseException"})
    if not broad:
        return False
    if any(isinstance(n, ast.Raise) for n in ast.walk(handler)):
        return False
    returns_nothing = any(isinstance(n, ast.Return) and (n.value is None or isinstance(n.value, ast.Constant))
                          for n in ast.walk(handler))
    uses_error = handler.name is not None and any(isinstance(n, ast.Name) and n.id == handler.name
                                                  for n in ast.walk(handler))
    # handing the error on (a batch records the skipped document with its reason) is not swallowing it
    return returns_nothing or not uses_error


def test_house_no_broad_except_that_swallows_the_failure() -> None:
    bad = [f"{p.relative_to(ROOT)}:{h.lineno}" for p, t in _modules() for h in ast.walk(t)
           if isinstance(h, ast.ExceptHandler) and _swallows(h)]
    assert not bad, f"`except Exception` without re-raise at {bad}; catch the specific errors or let it raise"


def test_house_tests_are_named_by_behaviour_not_history() -> None:
    history = re.compile(r"blind\d*_?fix|generalisation|_fixes\b|_round\d")
    bad = [p.name for p in (ROOT / "tests").glob("test_*.py") if history.search(p.stem)]
    assert not bad, bad
