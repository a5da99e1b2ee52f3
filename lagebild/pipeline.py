"""Components registered by name, and the Pipeline that chains them.

A component is a small object with a ``name``, the layers it ``needs`` and the layers it
``adds``, and ``__call__(doc) -> doc``. Its ``__init__`` is cheap and takes the Settings;
heavy resources (models, automata) load lazily on first use and are cached on the instance.
The pipeline checks the needs at build time: a missing dependency is a clear error.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from lagebild.document import Document
from lagebild.errors import ComponentError, PipelineError
from lagebild.settings import Settings

log = logging.getLogger(__name__)

BASE_LAYERS = frozenset({"text", "metadata"})


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
    target: str  # "module:attr", imported when the component is built
    doc: str = ""


# The built-in components. Modules are imported only when a pipeline uses them.
_REGISTRY: dict[str, Registration] = {}
_FACTORIES: dict[str, Callable[[Settings], Component]] = {}


def register(name: str, *, needs: Iterable[str], adds: Iterable[str], target: str, doc: str = "") -> None:
    """Register a component by import path (``"package.module:Class"``)."""
    _REGISTRY[name] = Registration(name, tuple(needs), tuple(adds), target, doc)


def component(name: str, *, needs: Iterable[str], adds: Iterable[str]) -> Callable[[type], type]:
    """Class decorator for plugin components defined outside the package."""

    def deco(cls: type) -> type:
        _REGISTRY[name] = Registration(name, tuple(needs), tuple(adds), f"{cls.__module__}:{cls.__qualname__}",
                                       (cls.__doc__ or "").strip().split("\n")[0])
        _FACTORIES[name] = cls
        setattr(cls, "name", name)  # noqa: B010
        setattr(cls, "needs", tuple(needs))  # noqa: B010
        setattr(cls, "adds", tuple(adds))  # noqa: B010
        return cls

    return deco


register("language", needs=(), adds=("paragraphs", "sentences", "tokens"),
         target="lagebild.language:LanguageComponent", doc="paragraphs, sentences and tokens (SoMaJo)")
register("actors", needs=("tokens", "sentences"), adds=("mentions", "actors"),
         target="lagebild.actors.component:ActorsComponent",
         doc="actor mentions linked to the knowledge base, roles resolved by date, unknown persons")
register("time", needs=("tokens", "sentences"), adds=("timexes",),
         target="lagebild.time.component:TimeComponent", doc="time expressions normalised to TIMEX3 values")
register("figures", needs=("tokens", "sentences"), adds=("figures",),
         target="lagebild.figures.component:FiguresComponent", doc="numbers with units, money, approximations")
register("speech", needs=("tokens", "sentences", "mentions", "actors"), adds=("quotes",),
         target="lagebild.speech.component:SpeechComponent",
         doc="direct quotes and indirect speech with speakers")


def registered() -> dict[str, Registration]:
    return dict(_REGISTRY)


def build_component(name: str, settings: Settings) -> Component:
    reg = _REGISTRY.get(name)
    if reg is None:
        raise PipelineError(f"unknown component {name!r}; registered: {', '.join(sorted(_REGISTRY))}")
    factory = _FACTORIES.get(name)
    if factory is None:
        module_name, _, attr = reg.target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise PipelineError(f"component {name!r} cannot be imported from {module_name}: {exc}") from exc
        factory = getattr(module, attr)
    comp = factory(settings)
    comp.name, comp.needs, comp.adds = reg.name, reg.needs, reg.adds
    return comp


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
                if item not in _REGISTRY:
                    raise PipelineError(f"unknown component {item!r}; registered: {', '.join(sorted(_REGISTRY))}")
                name, needs, adds = item, _REGISTRY[item].needs, _REGISTRY[item].adds
            else:
                name, needs, adds = item.name, item.needs, item.adds
            missing = [n for n in needs if n not in available]
            if missing:
                providers = sorted({r.name for r in _REGISTRY.values() for m in missing if m in r.adds})
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
    key = (settings.components, settings.kb_dirs)
    if key not in _DEFAULT:
        _DEFAULT[key] = Pipeline(settings.components, settings)
    return _DEFAULT[key]
