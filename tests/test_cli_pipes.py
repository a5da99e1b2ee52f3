"""A reader that goes away (`lagebild … | head -1`) ends the command quietly: no traceback, no
"internal error" report on stderr."""

from __future__ import annotations

import subprocess
import sys


def test_cli_output_into_a_closed_pipe_ends_without_a_traceback() -> None:
    command = f"{sys.executable} -m lagebild.cli reprocess --help | head -n 1"
    run = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
