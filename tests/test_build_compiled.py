"""The compiled build (setup.py: mypyc compiles the hot modules for `pip install .`): what it compiles
must load and behave like the source; `.ci/fresh-install` checks a real build against the source's
analysis of the demo articles and the seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _compiled_sources() -> list[str]:
    """setup.py's list of modules to compile, read by running it in its folder (it only builds on a
    build command, so importing it is cheap)."""
    code = "import runpy; ns = runpy.run_path('setup.py', run_name='not_main'); print('\\n'.join(ns['compiled_sources']()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "LAGEBILD_COMPILE": "0"})
    return out.stdout.split()


def test_setup_compiles_the_hot_modules_but_no_component_class_or_package():
    from lagebild.pipeline import BUILTIN

    sources = _compiled_sources()
    assert "lagebild/clauses/tagging.py" in sources and "lagebild/language/tokens.py" in sources
    assert all(Path(ROOT, s).is_file() for s in sources)
    # the pipeline reads a component class's attributes (name, needs, adds) from the class: a native
    # class would hide them, so no module with a registered component class is compiled
    component_modules = {target.partition(":")[0].replace(".", "/") + ".py" for target in BUILTIN}
    assert component_modules.isdisjoint(sources), component_modules & set(sources)
    assert not any(s.endswith("__init__.py") for s in sources)


def test_version_names_the_build_of_this_checkout():
    out = subprocess.run([sys.executable, "-m", "lagebild.cli", "--version"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    import lagebild

    assert out.startswith(f"lagebild {lagebild.__version__}: ")
    if lagebild.compiled_modules():
        assert f"{len(lagebild.compiled_modules())} hot modules compiled" in out
    else:  # a development checkout (editable install): pure Python, and the way to compile named
        assert "pure Python" in out and "pip install ." in out
