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


def _package_folder() -> Path:
    """The folder holding the lagebild these tests import (the checkout, or a build under test)."""
    import lagebild

    return Path(lagebild.__file__).resolve().parents[1]


def test_version_names_the_build_of_this_checkout():
    out = subprocess.run([sys.executable, "-m", "lagebild.cli", "--version"], cwd=_package_folder(),
                         capture_output=True, text=True, check=True).stdout
    import lagebild

    assert out.startswith(f"lagebild {lagebild.__version__}: ")
    if lagebild.compiled_modules():
        assert f"{len(lagebild.compiled_modules())} hot modules compiled" in out
    else:  # a development checkout (editable install): pure Python, and the way to compile named
        assert "pure Python" in out and "pip install ." in out


_CACHE_PROBE = """
import lagebild.lexicon as lexicon
load = lexicon.load_cached
def probe(kind, key, *args, **kwargs):
    found = load(kind, key, *args, **kwargs)
    print(kind, "hit" if found is not None else "miss")
    return found
lexicon.load_cached = probe
import lagebild
lagebild.analyze("Bundeskanzler Olaf Scholz sagte am Dienstag in Berlin, 5000 Soldaten seien bereit.")
lagebild.analyze("President Joe Biden said on Monday that 3,000 troops would be sent to Poland.")
"""


def test_disk_caches_written_by_one_process_are_read_back_by_the_next(tmp_path: Path):
    """What one process builds and caches (tokenizer rules, HanTa's lexicon and tagger, the actors'
    automaton) the next one reads back instead of building it again, in the source as in a compiled
    build (whose frozen classes need ``lexicon.picklable_frozen`` to be read back)."""
    env = {**os.environ, "LAGEBILD_CACHE_DIR": str(tmp_path / "cache")}

    def loads() -> list[str]:
        return subprocess.run([sys.executable, "-c", _CACHE_PROBE], cwd=_package_folder(), env=env,
                              capture_output=True, text=True, check=True).stdout.splitlines()

    first = loads()
    assert "tokenizer-rules miss" in first and "hanta-lexicon miss" in first
    second = loads()
    assert second and all(line.endswith(" hit") for line in second), second
    assert {line.split()[0] for line in second} >= {"tokenizer-rules", "hanta-lexicon", "hanta", "actors-automaton"}
