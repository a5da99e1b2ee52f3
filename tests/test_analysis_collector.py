"""After a process's first analysis, the cyclic garbage collector looks at new objects less often
(it took 7 % of the analysis at Python's default), and never more often than its user asked."""

from __future__ import annotations

import subprocess
import sys

import pytest

CODE = """
import gc, sys
gc.set_threshold(int(sys.argv[1]), 10, 10)
from lagebild import analyze
analyze("Der Kanzler traf am Montag in Berlin den Präsidenten.", language="de")
print(gc.get_threshold()[0])
"""


@pytest.mark.parametrize(("before", "after"), [(700, 10_000), (50_000, 50_000), (0, 0)])
def test_first_analysis_makes_young_collections_rarer_never_more_frequent(before: int, after: int) -> None:
    out = subprocess.run([sys.executable, "-c", CODE, str(before)], capture_output=True, text=True, check=True)
    assert int(out.stdout.split()[-1]) == after
