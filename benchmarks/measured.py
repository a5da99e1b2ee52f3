"""Which Lagebild a benchmark measures: this checkout's source (pure Python, the default), or the
installed build in ``$LAGEBILD_BENCH_PACKAGE`` (a folder holding a ``lagebild`` package). ``make bench``
installs there what ``pip install .`` gives a user, the hot modules compiled by mypyc (``setup.py``),
and measures that; ``make bench BENCH_COMPILED=0`` measures the source.

Every benchmark imports this module before ``lagebild``: ``use()`` puts the package's folder first on
``sys.path`` (forked workers inherit it), ``describe()`` names the build in the report.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SETTING = os.environ.get("LAGEBILD_BENCH_PACKAGE", "").strip()
PACKAGE_DIR = (ROOT / _SETTING).resolve() if _SETTING else ROOT


def use() -> Path:
    """Put the measured package first on ``sys.path``; the folder that holds it."""
    if not (PACKAGE_DIR / "lagebild" / "__init__.py").is_file():
        raise SystemExit(f"LAGEBILD_BENCH_PACKAGE={_SETTING}: no lagebild package in {PACKAGE_DIR}; "
                         "run `make bench` (it installs the compiled build there) or unset it")
    sys.path.insert(0, str(PACKAGE_DIR))
    return PACKAGE_DIR


def describe() -> str:
    """One line for a report: the build measured."""
    import lagebild

    compiled = lagebild.compiled_modules()
    where = "this checkout's source" if PACKAGE_DIR == ROOT else f"the build in {os.path.relpath(PACKAGE_DIR, ROOT)}"
    if compiled:
        return f"Build: {where}, {len(compiled)} hot modules compiled by mypyc (what `pip install .` installs)."
    return f"Build: {where}, pure Python (no compiled modules)."


def report(text: str, out: Path) -> None:
    """Print a benchmark's report and write it to ``out`` (its folder made if need be)."""
    print(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
