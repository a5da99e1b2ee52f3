"""One root exception and a small hierarchy. Messages name the document/component and say what to do.

The command line's exit codes live here too (``lagebild --help`` lists them).
"""

from __future__ import annotations

EXIT_OK = 0  # done, nothing skipped
EXIT_SKIPPED = 1  # done, but some inputs were skipped or failed (listed in the report), or nothing matched
EXIT_USAGE = 2  # a bad option or argument (Click's usage errors)
EXIT_FAILED = 3  # an error stopped the command: the store, a setting, an output path, a crash


class LagebildError(Exception):
    """Root of all errors Lagebild raises on purpose."""


class ConfigError(LagebildError):
    """A setting, a knowledge-base file or a lexicon is invalid."""


class PipelineError(LagebildError):
    """The pipeline cannot be built (unknown component, unmet need) or a component failed."""


class ComponentError(PipelineError):
    """A component failed on one document."""

    def __init__(self, component: str, doc_id: str, cause: BaseException) -> None:
        super().__init__(f"component {component!r} failed on document {doc_id}: {cause!r}")
        self.component = component
        self.doc_id = doc_id
        self.cause = cause


class IngestError(LagebildError):
    """An input could not be read. ``source`` names the file/URL/line, ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(LagebildError):
    """The store cannot be opened, migrated or written."""


class NotFoundError(LagebildError):
    """A document, actor or role that was asked for does not exist."""


class EvalError(LagebildError):
    """Gold files and documents cannot be matched or read."""
