"""Components registered by name, and the Pipeline that chains them.

A component is a small class with class attributes ``name``, ``needs`` (the layers it reads) and
``adds`` (the layers it writes), an ``__init__(settings)`` that is cheap, and ``__call__(doc) ->
doc``. Heavy resources (models, automata) load lazily on first use and are cached.

The class is the single source of its name/needs/adds: the registry reads them from it. Built-in
components are listed below by import path; third-party packages add theirs through the entry-point
group ``lagebild.components`` (``[project.entry-points."lagebild.components"]`` in their
``pyproject.toml``: ``mycomp = "mypkg.module:MyComponent"``; the entry point's name must equal the
class's ``name``), or with the ``@component`` decorator at import time.
The pipeline checks the needs at build time: a missing dependency is a clear error naming the
component that adds it.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from lagebild.document import Document
from lagebild.errors import ComponentError, PipelineError
from lagebild.settings import Settings

log = logging.getLogger(__name__)

BASE_LAYERS = frozenset({"text", "metadata"})
ENTRY_POINT_GROUP = "lagebild.components"

# The built-in components, in their default order. Each class declares its own name/needs/adds.
BUILTIN: tuple[str, ...] = (
    "lagebild.language.tokenize:LanguageComponent",
    "lagebild.time.dating:DocumentDateComponent",
    "lagebild.time.component:TimeComponent",
    "lagebild.actors.component:ActorsComponent",
    "lagebild.figures.component:FiguresComponent",
    "lagebild.clauses.component:ClausesComponent",
    "lagebild.speech.component:SpeechComponent",
    "lagebild.events.component:EventsComponent",
    "lagebild.stances.component:StancesComponent",
    "lagebild.commitments.component:CommitmentsComponent",
)


@runtime_checkable
class Component(Protocol):
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class Registration:
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    target: str  # "module:Class"
    doc: str = ""
    factory: Callable[[Settings], Component] | None = None


_REGISTRY: dict[str, Registration] = {}
_LOADED = False
_LOCK = threading.Lock()


def _registration(cls: type, target: str) -> Registration:
    missing = [a for a in ("name", "needs", "adds") if not hasattr(cls, a)]
    if missing:
        raise PipelineError(f"component class {target} lacks the class attribute(s) {', '.join(missing)}; "
                            "declare name, needs and adds on the class")
    doc = (cls.__doc__ or "").strip().split("\n")[0]
    name, needs, adds = (getattr(cls, a) for a in ("name", "needs", "adds"))
    return Registration(str(name), tuple(needs), tuple(adds), target, doc, cls)


def _import_target(target: str) -> type:
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise PipelineError(f"component {target} cannot be imported: {exc}; install the package that "
                            "provides it or remove it from the pipeline") from exc
    try:
        cls: type = getattr(module, attr)
    except AttributeError as exc:
        raise PipelineError(f"component {target}: {module_name} has no {attr!r}") from exc
    return cls


def _add(reg: Registration, *, replace: bool = False) -> None:
    old = _REGISTRY.get(reg.name)
    if old is not None and old.target != reg.target and not replace:
        raise PipelineError(f"two components are named {reg.name!r}: {old.target} and {reg.target}; "
                            "rename one of them")
    _REGISTRY[reg.name] = reg


def _load_registry() -> None:
    global _LOADED
    if _LOADED:
        return
    with _LOCK:
        if _LOADED:
            return
        for target in BUILTIN:
            _add(_registration(_import_target(target), target))
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            reg = _registration(_import_target(ep.value), ep.value)
            if reg.name != ep.name:
                raise PipelineError(f"entry point {ep.name!r} ({ep.value}) names a component whose "
                                    f"class says name = {reg.name!r}; make them equal")
            _add(reg)
        _LOADED = True


def register(target: str) -> Registration:
    """Register a component class by import path (``"package.module:Class"``); its name, needs and
    adds are read from the class."""
    _load_registry()
    reg = _registration(_import_target(target), target)
    _add(reg, replace=True)
    return reg


def component(name: str, *, needs: Iterable[str], adds: Iterable[str]) -> Callable[[type], type]:
    """Class decorator for plugin components defined outside the package: sets the class's
    ``name``/``needs``/``adds`` and registers it."""

    def deco(cls: type) -> type:
        setattr(cls, "name", name)  # noqa: B010
        setattr(cls, "needs", tuple(needs))  # noqa: B010
        setattr(cls, "adds", tuple(adds))  # noqa: B010
        _load_registry()
        _add(_registration(cls, f"{cls.__module__}:{cls.__qualname__}"), replace=True)
        return cls

    return deco


def registered() -> dict[str, Registration]:
    """Every registered component by name (built-in, entry points, decorated)."""
    _load_registry()
    return dict(_REGISTRY)


def _lookup(name: str) -> Registration:
    _load_registry()
    reg = _REGISTRY.get(name)
    if reg is None:
        raise PipelineError(f"unknown component {name!r}; registered: {', '.join(sorted(_REGISTRY))}")
    return reg


def build_component(name: str, settings: Settings) -> Component:
    reg = _lookup(name)
    assert reg.factory is not None
    return reg.factory(settings)


def providers_of(layers: Iterable[str]) -> list[str]:
    """The registered components that add any of ``layers``."""
    wanted = set(layers)
    return sorted({r.name for r in registered().values() if wanted & set(r.adds)})


class Pipeline:
    """An ordered list of components; refuses to build when a component's need is unmet."""

    def __init__(self, components: Iterable[str | Component] | None = None,
                 settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        names = list(components) if components is not None else list(self.settings.components)
        self.components: list[Component] = []
        available: set[str] = set(BASE_LAYERS)
        for item in names:
            if isinstance(item, str):
                reg = _lookup(item)
                name, needs, adds = reg.name, reg.needs, reg.adds
            else:
                name, needs, adds = item.name, item.needs, item.adds
            missing = [n for n in needs if n not in available]
            if missing:
                providers = providers_of(missing)
                hint = f"; add {', '.join(repr(p) for p in providers)} before it" if providers else ""
                raise PipelineError(
                    f"component {name!r} needs layer(s) {', '.join(missing)} that no earlier "
                    f"component adds{hint}")
            available.update(adds)
            self.components.append(build_component(item, self.settings) if isinstance(item, str) else item)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, doc: Document) -> Document:
        for comp in self.components:
            try:
                doc = comp(doc)
            except ComponentError:
                raise
            except Exception as exc:
                raise ComponentError(comp.name, doc.meta.source or doc.id, exc) from exc
            doc.layers.update(comp.adds)
        return doc

    def pipe(self, docs: Iterable[Document], *, raise_errors: bool = True,
             on_error: Callable[[Document, ComponentError], None] | None = None) -> Iterator[Document]:
        """Run over many documents. With ``raise_errors=False`` a failing document is logged,
        passed to ``on_error`` and skipped (batch runs); tests keep the default and see the error."""
        for doc in docs:
            try:
                yield self(doc)
            except ComponentError as err:
                if raise_errors:
                    raise
                log.error("skipped document %s: %s", doc.meta.source or doc.id, err)
                if on_error:
                    on_error(doc, err)


_DEFAULT: dict[tuple[object, ...], Pipeline] = {}


def default_pipeline(settings: Settings | None = None) -> Pipeline:
    """The shared default pipeline for these settings (built once; components load lazily)."""
    settings = settings or Settings.from_env()
    key = (settings,)  # every option counts: one built with speech.broad must not serve the default
    if key not in _DEFAULT:
        if len(_DEFAULT) >= 8:  # a long-lived process trying many settings keeps a few pipelines, not all
            _DEFAULT.clear()
        _DEFAULT[key] = Pipeline(settings.components, settings)
    return _DEFAULT[key]
