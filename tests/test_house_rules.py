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


def _string_list_words(tree: ast.Module) -> int:
    n = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and len(node.elts) >= 5:
            if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                n += sum(max(1, len(e.value.split())) for e in node.elts)  # type: ignore[attr-defined]
    return n


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
