"""Load the actor knowledge base: shipped ``lagebild/actors/data/*.yaml`` plus user directories.

Schema: /work/briefs/kb_schema.md (sections ``actors``, ``offices``, ``roles``). A user directory
(``Settings.kb_dirs`` / ``LAGEBILD_KB_DIRS``) overrides shipped entries by id, key by key: a key
given in the user file replaces the shipped value, mappings (``names``, ``titles`` ...) are merged
per language, other keys keep the shipped value. Every problem is a ``ConfigError`` that names the
file and the entry.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lagebild.document import Actor
from lagebild.errors import ConfigError
from lagebild.lexicon import read_yaml
from lagebild.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from lagebild.actors.linker import Linker

log = logging.getLogger(__name__)

SHIPPED_DIR = Path(__file__).resolve().parent / "data"
ACTOR_TYPES = frozenset({"person", "state", "organisation", "group"})
SECTIONS = ("actors", "offices", "roles", "places")
PLACE_KINDS = frozenset({"region", "city", "facility", "sea", "place", "country_part", "river", "mountain"})
_LANG_MAPS = ("names", "demonyms", "metonyms", "titles", "capital")


@dataclass(slots=True)
class KBActor:
    id: str
    name: str
    type: str
    country: str | None = None
    iso: str | None = None
    wikidata: str | None = None
    names: dict[str, list[str]] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    metonyms: dict[str, list[str]] = field(default_factory=dict)
    capital: dict[str, str] = field(default_factory=dict)
    parent: str | None = None
    tags: list[str] = field(default_factory=list)
    gender: str | None = None
    party: str | None = None  # persons: actor id of their party ("der SPD-Politiker", "der Republikaner")
    requires: list[str] = field(default_factory=list)  # a name that is also a common word ("Union",
    #   "Ampel") counts only in a document that also names one of these actors (its context)
    source_file: str = ""

    def all_names(self) -> list[str]:
        """Canonical name, names in every language and aliases, without duplicates, in order."""
        out: list[str] = []
        for n in [self.name, *(n for ns in self.names.values() for n in ns), *self.aliases]:
            if n and n not in out:
                out.append(n)
        return out

    def to_actor(self) -> Actor:
        return Actor(id=self.id, name=self.name, type=self.type, aliases=self.all_names()[1:],
                     wikidata=self.wikidata, country=self.country, source="kb", gender=self.gender)


@dataclass(slots=True)
class Place:
    """A location that is never an actor by itself ("Genf", "Krim", "Donbass")."""

    id: str
    name: str
    kind: str = "place"
    country: str | None = None
    names: dict[str, list[str]] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    source_file: str = ""

    def all_names(self) -> list[str]:
        out: list[str] = []
        for n in [self.name, *(n for ns in self.names.values() for n in ns), *self.aliases]:
            if n and n not in out:
                out.append(n)
        return out


@dataclass(slots=True)
class Office:
    id: str
    titles: dict[str, list[str]] = field(default_factory=dict)
    source_file: str = ""


@dataclass(slots=True)
class Holder:
    actor: str
    start: date | None = None
    end: date | None = None  # None: still in office
    acting: bool = False

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Role:
    id: str
    office: str
    of: str
    name: str = ""
    titles: dict[str, list[str]] = field(default_factory=dict)
    default_for_language: list[str] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    source_file: str = ""

    def holder_on(self, day: date | None) -> Holder | None:
        """The holder on ``day``; with ``day=None`` the current holder (``to: null``), else the latest.
        On a hand-over day the incoming holder wins (terms are half-open ``[from, to)``)."""
        if not self.holders:
            return None
        if day is None:
            current = [h for h in self.holders if h.end is None]
            pool = current or self.holders
            return max(pool, key=lambda h: h.start or date.min)
        on = [h for h in self.holders if h.holds_on(day)]
        if on:
            # prefer the regular holder over an acting one, then the latest start
            return max(on, key=lambda h: (not h.acting, h.start or date.min))
        return None


@dataclass
class KnowledgeBase:
    actors: dict[str, KBActor] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    # the linker built for this KB (``lagebild.actors.query.shared_linker``), built once on first use
    linker: Linker | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.linker = None  # set here too: a compiled build (mypyc) does not apply an init=False default
        self._roles_by_holder: dict[str, list[Role]] = {}
        self._capitals: dict[str, str] | None = None  # built on first use (``capital_of``)
        self._roles_by_office: dict[str, list[Role]] = {}
        for role in self.roles.values():
            self._roles_by_office.setdefault(role.office, []).append(role)
            for h in role.holders:
                self._roles_by_holder.setdefault(h.actor, []).append(role)

    def actor(self, actor_id: str) -> KBActor | None:
        return self.actors.get(actor_id)

    def capital_of(self, name: str) -> str | None:
        """The state whose capital this place name is ("Kiew", "Kyjiw", "Washington" -> the state's
        id), from the states' ``capital`` and the other names of that city in the places; None for
        any other name. A capital named as a place is where its state is (events: "landet in Kiew")."""
        if self._capitals is None:
            capitals: dict[str, str] = {}
            for a in self.actors.values():
                if a.type == "state":
                    for cap in a.capital.values():
                        capitals[cap.casefold()] = a.id
            for p in self.places.values():
                names = p.all_names()
                state = next((capitals[n.casefold()] for n in names if n.casefold() in capitals), None)
                if state is not None and p.country == state:
                    capitals.update({n.casefold(): state for n in names})
            self._capitals = capitals
        return self._capitals.get(name.casefold())

    def role(self, role_id: str) -> Role | None:
        return self.roles.get(role_id)

    def roles_for_office(self, office_id: str) -> list[Role]:
        return list(self._roles_by_office.get(office_id, []))

    def roles_held(self, actor_id: str, day: date | None = None) -> list[Role]:
        """Roles ``actor_id`` holds on ``day`` (``None``: held at any time)."""
        out = []
        for role in self._roles_by_holder.get(actor_id, []):
            for h in role.holders:
                if h.actor == actor_id and (day is None or h.holds_on(day)):
                    out.append(role)
                    break
        return out

    def holder_at(self, role_id: str, day: date | None) -> KBActor | None:
        role = self.roles.get(role_id)
        if role is None:
            return None
        h = role.holder_on(day)
        return self.actors.get(h.actor) if h else None

    def __len__(self) -> int:
        return len(self.actors)


# -- parsing ---------------------------------------------------------------------------------------

def parse_kb_date(value: Any, *, end: bool = False) -> date | None:
    """``YYYY-MM-DD`` | ``YYYY-MM`` | ``YYYY`` (or a YAML date) -> date; a partial end date becomes
    the last day of its period, a partial start the first. ``None``/empty -> None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, int):
        value = str(value)
    text = str(value).strip()
    parts = text.split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text)
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        pass
    raise ValueError(f"not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")


def _lang_map(value: Any, where: str, key: str, *, scalar: bool = False) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key!r} must be a mapping language -> {'name' if scalar else 'list'}")
    out: dict[str, Any] = {}
    for lang, items in value.items():
        if scalar:
            out[str(lang)] = str(items)
        elif isinstance(items, str):
            out[str(lang)] = [items]
        elif isinstance(items, list):
            out[str(lang)] = [str(i) for i in items if i is not None]
        elif items is None:
            out[str(lang)] = []
        else:
            raise ConfigError(f"{where}: {key}.{lang} must be a list of strings")
    return out


def _str_list(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    raise ConfigError(f"{where}: {key!r} must be a list of strings")


def _read_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    # libyaml's safe loader, and the parsed data cached on disk by content hash (lagebild.lexicon)
    try:
        data = read_yaml(path)
    except ConfigError as exc:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        what = "cannot be read" if isinstance(cause, OSError) else "invalid YAML"
        raise ConfigError(f"{path}: {what}: {cause}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping with keys {', '.join(SECTIONS)}")
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise ConfigError(f"{path}: unknown top-level key(s) {', '.join(sorted(map(str, unknown)))}; "
                          f"allowed: {', '.join(SECTIONS)}")
    out: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise ConfigError(f"{path}: {section!r} must be a list of entries")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not item.get("id"):
                raise ConfigError(f"{path}: {section}[{i}] must be a mapping with an 'id'")
            item["id"] = str(item["id"])
        out[section] = items
    return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if key in _LANG_MAPS and isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = {**base[key], **value}
        else:
            merged[key] = value
    return merged


def _yaml_files(directory: Path) -> list[Path]:
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


def load_raw(dirs: Sequence[Path]) -> tuple[dict[str, dict[str, dict[str, Any]]], dict[tuple[str, str], str]]:
    """Entries per section and id, merged over ``dirs`` in order; and the file of each entry."""
    entries: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in SECTIONS}
    origin: dict[tuple[str, str], str] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise ConfigError(f"knowledge-base directory {directory} does not exist (check LAGEBILD_KB_DIRS)")
        seen_here: dict[tuple[str, str], str] = {}
        for path in _yaml_files(directory):
            for section, items in _read_file(path).items():
                for item in items:
                    key = (section, item["id"])
                    if key in seen_here:
                        raise ConfigError(f"{path}: {section} entry {item['id']!r} is defined twice "
                                          f"(also in {seen_here[key]}); ids must be unique")
                    seen_here[key] = str(path)
                    if item["id"] in entries[section]:
                        entries[section][item["id"]] = _merge(entries[section][item["id"]], item)
                    else:
                        entries[section][item["id"]] = dict(item)
                    origin[key] = str(path)
    return entries, origin


def _opt(e: dict[str, Any], key: str) -> str | None:
    return str(e[key]) if e.get(key) else None


def _build_actor(aid: str, e: dict[str, Any], where: str, source: str) -> KBActor:
    name, typ = e.get("name"), e.get("type")
    if not name:
        raise ConfigError(f"{where} has no 'name'")
    if typ not in ACTOR_TYPES:
        raise ConfigError(f"{where}: type {typ!r} is not one of {', '.join(sorted(ACTOR_TYPES))}")
    gender = e.get("gender")
    if gender is not None and gender not in ("m", "f", "x"):
        raise ConfigError(f"{where}: gender {gender!r} must be m, f or x")
    return KBActor(
        id=aid, name=str(name), type=str(typ), country=_opt(e, "country"), iso=_opt(e, "iso"),
        wikidata=_opt(e, "wikidata"),
        names=_lang_map(e.get("names"), where, "names"),
        aliases=_str_list(e.get("aliases"), where, "aliases"),
        demonyms=_lang_map(e.get("demonyms"), where, "demonyms"),
        metonyms=_lang_map(e.get("metonyms"), where, "metonyms"),
        capital=_lang_map(e.get("capital"), where, "capital", scalar=True),
        parent=_opt(e, "parent"),
        tags=_str_list(e.get("tags"), where, "tags"),
        gender=gender,
        party=_opt(e, "party"),
        requires=_str_list(e.get("requires"), where, "requires"),
        source_file=source,
    )


def _warn_dangling(actors: dict[str, KBActor]) -> None:
    for a in actors.values():
        for key in ("country", "parent"):
            ref = getattr(a, key)
            if ref and ref not in actors:
                log.warning("%s: actor %r: %s %r is not a known actor id", a.source_file, a.id, key, ref)


def _build_holder(h: Any, i: int, where: str, actors: dict[str, KBActor]) -> Holder:
    if not isinstance(h, dict) or not h.get("actor"):
        raise ConfigError(f"{where}: holders[{i}] must be a mapping with 'actor', 'from', 'to'")
    if h["actor"] not in actors:
        raise ConfigError(f"{where}: holders[{i}] actor {h['actor']!r} is not a known actor id")
    try:
        start = parse_kb_date(h.get("from"))
        end = parse_kb_date(h.get("to"), end=True)
    except ValueError as exc:
        raise ConfigError(f"{where}: holders[{i}]: {exc}") from exc
    if start and end and end < start:
        raise ConfigError(f"{where}: holders[{i}] ends ({end}) before it starts ({start})")
    return Holder(str(h["actor"]), start, end, bool(h.get("acting", False)))


def _build_role(rid: str, e: dict[str, Any], where: str, source: str, actors: dict[str, KBActor],
                offices: dict[str, Office]) -> Role:
    office, of = e.get("office"), e.get("of")
    if not office or not of:
        raise ConfigError(f"{where} needs 'office' and 'of'")
    if office not in offices:
        raise ConfigError(f"{where}: office {office!r} is not defined in any 'offices' section")
    if of not in actors:
        raise ConfigError(f"{where}: 'of' {of!r} is not a known actor id")
    holders = [_build_holder(h, i, where, actors) for i, h in enumerate(e.get("holders") or [])]
    return Role(rid, str(office), str(of), str(e.get("name") or rid), _lang_map(e.get("titles"), where, "titles"),
                _str_list(e.get("default_for_language"), where, "default_for_language"), holders, source)


def _build_place(pid: str, e: dict[str, Any], where: str, source: str) -> Place:
    if not e.get("name"):
        raise ConfigError(f"{where} has no 'name'")
    kind = str(e.get("kind") or "place")
    if kind not in PLACE_KINDS:
        log.warning("%s: unknown place kind %r", where, kind)
    return Place(pid, str(e["name"]), kind, _opt(e, "country"), _lang_map(e.get("names"), where, "names"),
                 _str_list(e.get("aliases"), where, "aliases"), source)


def _where(origin: dict[tuple[str, str], str], section: str, key: str, what: str) -> tuple[str, str]:
    source = origin.get((section, key), "")
    return f"{source or '?'}: {what} {key!r}", source


def build_kb(entries: dict[str, dict[str, dict[str, Any]]], origin: dict[tuple[str, str], str]) -> KnowledgeBase:
    """Validate merged entries and build the KnowledgeBase (ConfigError names file and entry)."""
    actors = {aid: _build_actor(aid, e, *_where(origin, "actors", aid, "actor"))
              for aid, e in entries["actors"].items()}
    _warn_dangling(actors)
    offices: dict[str, Office] = {}
    for oid, e in entries["offices"].items():
        where, source = _where(origin, "offices", oid, "office")
        offices[oid] = Office(oid, _lang_map(e.get("titles"), where, "titles"), source)
    roles = {rid: _build_role(rid, e, *_where(origin, "roles", rid, "role"), actors, offices)
             for rid, e in entries["roles"].items()}
    places = {pid: _build_place(pid, e, *_where(origin, "places", pid, "place"))
              for pid, e in entries["places"].items()}
    return KnowledgeBase(actors, offices, roles, places)


def load_kb(dirs: Iterable[Path | str] = (), *, shipped: bool = True) -> KnowledgeBase:
    """Load the shipped KB (unless ``shipped=False``) and overlay ``dirs`` in order."""
    layers = ([SHIPPED_DIR] if shipped and SHIPPED_DIR.is_dir() else []) + [Path(d) for d in dirs]
    entries, origin = load_raw(layers)
    kb = build_kb(entries, origin)
    kb.sources = tuple(str(p) for p in layers if p.is_dir())
    log.info("knowledge base: %d actors, %d offices, %d roles from %s", len(kb.actors), len(kb.offices),
             len(kb.roles), ", ".join(kb.sources))
    return kb


@lru_cache(maxsize=8)
def _cached_kb(dirs: tuple[str, ...]) -> KnowledgeBase:
    return load_kb(dirs)


def get_kb(settings: Settings | None = None) -> KnowledgeBase:
    """The knowledge base for these settings (shipped data + ``settings.kb_dirs``), loaded once."""
    settings = settings or Settings.from_env()
    return _cached_kb(tuple(str(p) for p in settings.kb_dirs))
