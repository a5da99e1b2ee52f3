"""Build: the pure-Python package, with its hot modules also compiled to C by mypyc where that works.

``pip install .`` compiles the modules listed in ``COMPILED`` (the analysis steps that run on every
word: tokens, dating, actors, figures, clauses, speech, cleaning) with mypyc, from the same ``.py`` files and
their type annotations; a compiled module is loaded instead of its ``.py`` file and gives the same
output, about a fifth faster for the whole analysis (``benchmarks/results/throughput.md``). Where
mypyc or a C compiler is missing, or compiling fails, the install goes on in pure Python and says
so in the build log (``pip install -v``): the package works the same, only slower.

``LAGEBILD_COMPILE=0 pip install .`` installs pure Python. An editable install (``pip install -e``,
``make install``) is always pure Python unless ``LAGEBILD_COMPILE=1``: compiled modules in the
source tree would shadow the ``.py`` files a developer edits.

``python -c "import lagebild; print(lagebild.compiled_modules())"`` lists what an install runs compiled.
"""

from __future__ import annotations

import os
import sys
from glob import glob

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, CompileError, ExecError, LinkError, PlatformError

_BUILD_FAILURES = (CCompilerError, CompileError, ExecError, LinkError, PlatformError, OSError)
# the commands that build modules; metadata steps (egg_info, dist_info) need no compiling
_BUILDS = {"build", "build_ext", "bdist_wheel", "install", "editable_wheel", "develop"}

# Modules compiled, by glob; the rest stays Python. Left out: component classes (the pipeline reads
# their class attributes) and modules mypyc cannot compile (subclasses of builtins, surrogates in
# string literals, classes re-assigned at run time).
COMPILED = [
    "lagebild/language/*.py",
    "lagebild/actors/*.py",
    "lagebild/time/*.py",
    "lagebild/figures/*.py",
    "lagebild/clauses/*.py",
    "lagebild/speech/*.py",
    "lagebild/ingest/*.py",
    "lagebild/events/*.py",
    "lagebild/stances/*.py",
    "lagebild/commitments/*.py",
    "lagebild/document.py",  # the records every layer builds and reads (native objects: built and read fast)
]
NOT_COMPILED = {
    "__init__.py", "component.py",  # packages and component classes stay Python
    "lagebild/language/tokenize.py", "lagebild/time/dating.py",  # component classes
    "lagebild/language/ner_train.py",  # training, not analysis
    "lagebild/language/hanta_fast.py",  # re-classes HanTa's tagger objects (a native class cannot)
    "lagebild/ingest/build.py", "lagebild/ingest/encoding.py",  # surrogate code points in literals
    "lagebild/ingest/fetch.py",  # subclasses of http.client classes
    "lagebild/ingest/readers.py", "lagebild/ingest/warc.py",  # generators mypyc mis-signs
    "lagebild/actors/mention_list.py",  # a subclass of list
    "lagebild/commitments/lexicon.py",  # a cached_property (a descriptor a native class cannot hold)
}


def compiled_sources() -> list[str]:
    paths = sorted({p for pattern in COMPILED for p in glob(pattern)})
    return [p for p in paths if os.path.basename(p) not in NOT_COMPILED and p not in NOT_COMPILED]


def _wanted() -> str:
    """LAGEBILD_COMPILE: "1" compiles (an editable install too), "0" never, "" (unset) compiles a
    wheel but not an editable install."""
    return os.environ.get("LAGEBILD_COMPILE", "").strip()


class OptionalBuildExt(build_ext):
    """Builds the compiled modules, or none: a failure anywhere leaves the pure-Python package."""

    def run(self) -> None:
        if self.inplace and _wanted() != "1":
            print("lagebild: editable install: pure Python (LAGEBILD_COMPILE=1 compiles in place)")
            return
        self.parallel = self.parallel or os.cpu_count() or 1
        try:
            super().run()
        except _BUILD_FAILURES as exc:
            for ext in self.extensions:
                path = self.get_ext_fullpath(ext.name)
                if os.path.exists(path):
                    os.remove(path)
            print(f"lagebild: compiling the hot modules failed ({type(exc).__name__}: {exc}); "
                  "installing pure Python (same results, slower)", file=sys.stderr)


def _ext_modules() -> list:
    editable = any(cmd in ("editable_wheel", "develop") for cmd in sys.argv)
    if _wanted() == "0" or (editable and _wanted() != "1") or not _BUILDS.intersection(sys.argv):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("lagebild: mypyc is not available; installing pure Python (same results, slower)",
              file=sys.stderr)
        return []
    try:
        return mypycify(compiled_sources(), opt_level="3", multi_file=True)
    except SystemExit as exc:  # mypyc's type check found an error: it exits
        print(f"lagebild: mypyc could not compile the hot modules (exit {exc.code}); installing pure "
              "Python (same results, slower)", file=sys.stderr)
        return []


if __name__ == "__main__":  # as pip's build backend runs it (tests read compiled_sources())
    setup(ext_modules=_ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
