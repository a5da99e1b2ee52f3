"""The one loader for lexicons: the word lists and patterns every layer reads.

A lexicon is a YAML mapping in ``lagebild/lexicons/`` (``docs/lexicons.md`` has the format).
Users extend or override it without programming: every directory in ``LAGEBILD_LEXICON_DIRS``
(``os.pathsep``-separated) that holds a file of the same relative name is merged over the shipped
one, in order:

- mappings merge key by key (recursively);
- lists are extended (duplicates dropped, order kept); a key listed under the file's top-level
  ``replace:`` list is replaced instead of extended;
- scalars are replaced.

Parsing uses libyaml's ``CSafeLoader`` when present. The parsed data of each file is cached on disk
in ``marshal`` form keyed by the file's content hash (``$XDG_CACHE_HOME/lagebild`` or
``~/.cache/lagebild``; ``LAGEBILD_CACHE_DIR`` overrides, ``LAGEBILD_CACHE_DIR=off`` disables), so
a later process skips the YAML parse. A stale or unreadable cache entry is ignored and rewritten.

``load(name, schema)`` checks the merged mapping against a small schema (key -> expected type)
and raises ``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import hashlib
import importlib
import logging
import marshal
import os
import pickle
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from lagebild.errors import ConfigError

log = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE_VERSION = b"lagebild-lexicon-1"

__all__ = ["LEXICON_DIR", "cache_dir", "compile_patterns", "content_key", "gc_paused", "lexicon_dirs", "load",
           "load_cached", "load_yaml", "read_yaml", "store_cached", "words"]


def lexicon_dirs() -> tuple[Path, ...]:
    """The shipped lexicon directory followed by the user directories from ``LAGEBILD_LEXICON_DIRS``."""
    extra = os.environ.get("LAGEBILD_LEXICON_DIRS", "")
    return (LEXICON_DIR, *(Path(p) for p in extra.split(os.pathsep) if p))


def cache_dir() -> Path | None:
    """The directory for caches derived from shipped data (``None`` when caching is off)."""
    configured = os.environ.get("LAGEBILD_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lagebild"


def content_key(*parts: bytes | str) -> str:
    """A hex digest of ``parts`` (bytes, or text as UTF-8), each framed by its length so that no two
    different sequences of parts give the same key: the name of a cache file derived from them."""
    digest = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while long-lived data is built (a knowledge base, an
    automaton, a model): every collection in that time would walk all the objects built so far and
    find nothing to free; at start-up that was 0.3-0.4 s of ``lagebild analyze one.txt``.
    Reference counting still frees everything at once; nests (only the outermost one resumes)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _cache_path(raw: bytes) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    digest = hashlib.sha256(_CACHE_VERSION + raw).hexdigest()
    return root / "yaml" / f"{digest}.marshal"


def _read_cached(path: Path | None) -> Any:
    if path is None:
        return None
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # absent or stale: parse the YAML and rewrite it


def _write_cached(path: Path | None, data: Any) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
    except (OSError, ValueError) as exc:  # a read-only home: the cache is an optimisation only
        log.debug("lexicon cache not written (%s): %s", path, exc)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file (safe loader; on-disk cache keyed by content hash). ``ConfigError`` when
    the file cannot be read or parsed, naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"lexicon {path} cannot be read: {exc}; fix or restore the file") from exc
    cache = _cache_path(raw)
    data = _read_cached(cache)
    if data is not None:
        return data
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"lexicon {path} is not valid UTF-8 YAML: {exc}; fix or restore the file") from exc
    if data is not None:
        _write_cached(cache, data)
    return data


def _merge(base: Any, over: Any, replace: frozenset[str], key: str = "") -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            sub = f"{key}.{k}" if key else str(k)
            out[k] = v if (k not in out or sub in replace) else _merge(out[k], v, replace, sub)
        return out
    if isinstance(base, list) and isinstance(over, list) and key not in replace:
        seen = [x for x in base]
        for x in over:
            if x not in seen:
                seen.append(x)
        return seen
    return over


def _check(data: Mapping[str, Any], schema: Mapping[str, type | tuple[type, ...]], where: str) -> None:
    for key, typ in schema.items():
        optional = key.endswith("?")
        name = key.rstrip("?")
        if name not in data:
            if optional:
                continue
            raise ConfigError(f"lexicon {where}: missing key {name!r}")
        if not isinstance(data[name], typ):
            want = typ.__name__ if isinstance(typ, type) else " or ".join(t.__name__ for t in typ)
            raise ConfigError(f"lexicon {where}: key {name!r} must be a {want}, "
                              f"not {type(data[name]).__name__}")


@lru_cache(maxsize=128)
def _load(name: str, dirs: tuple[Path, ...]) -> dict[str, Any]:
    merged: dict[str, Any] | None = None
    for d in dirs:
        path = d / name
        if merged is not None and not path.exists():
            continue
        data = read_yaml(path)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(f"lexicon {path} must be a YAML mapping, not {type(data).__name__}")
        if merged is None:
            merged = data
            continue
        replace = frozenset(str(k) for k in (data.pop("replace", None) or []))
        merged = _merge(merged, data, replace)
    return merged if merged is not None else {}


def load(name: str, schema: Mapping[str, type | tuple[type, ...]] | None = None) -> dict[str, Any]:
    """The lexicon ``name`` (a path relative to the lexicon directories, ``.yaml`` optional),
    shipped data merged with the user directories, checked against ``schema`` (key -> type;
    a key ending in ``?`` is optional). Cached per process: treat the result as read-only."""
    if not name.endswith((".yaml", ".yml")):
        name += ".yaml"
    data = _load(name, lexicon_dirs())
    if schema:
        _check(data, schema, name)
    return data


def words(name: str, *keys: str) -> frozenset[str]:
    """The union of the word lists under ``keys`` of lexicon ``name`` (a dotted key reaches into
    nested mappings: ``words("function_words", "de.determiners")``)."""
    data = load(name)
    out: set[str] = set()
    for key in keys:
        node: Any = data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError(f"lexicon {name}: missing key {key!r}")
            node = node[part]
        if not isinstance(node, list):
            raise ConfigError(f"lexicon {name}: key {key!r} must be a list of words")
        bad = [w for w in node if not isinstance(w, str)]
        if bad:
            raise ConfigError(f"lexicon {name}: key {key!r} holds non-words {bad!r}; quote them in the YAML "
                              "(a bare no/on/yes reads as a boolean)")
        out.update(node)
    return frozenset(out)


def load_yaml(name: str) -> dict[str, Any]:
    """Back-compatible name for ``load`` without a schema."""
    return load(name)


def is_word_char(c: str) -> bool:
    """Whether ``c`` is what ``\\w`` matches in a ``str`` pattern (a letter, digit or number, or "_"):
    for code that finds word boundaries as ``\\b`` does without a regular expression."""
    return c.isalnum() or c == "_"


def compile_patterns(patterns: Iterable[str], flags: int = re.IGNORECASE | re.MULTILINE,
                     where: str = "a lexicon") -> list[re.Pattern[str]]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, flags))
        except re.error as exc:
            raise ConfigError(f"invalid regex {p!r} in {where}: {exc}") from exc
    return out


@lru_cache(maxsize=1)
def _fold_exceptions() -> tuple[frozenset[str], re.Pattern[str]]:
    """The characters that a case-insensitive regular expression matches with a character ``str.lower``
    does not map them to (re's case-fold fixes: "ı" for "i", "ſ" for "s", Greek and Cyrillic variants;
    and "İ", which lowers to two characters), but "i" and "s" themselves; and a search for them. A
    text holding one is searched without ``literal_test``'s quick test, and a literal holding one
    gets none."""
    casefix = importlib.import_module("re._casefix")  # re's own table (Python >= 3.11)
    chars = {chr(c) for key, values in casefix._EXTRA_CASES.items() for c in (key, *values)}
    chars = (chars | {"\u0130"}) - {"i", "s"}
    return frozenset(chars), re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literal strings of which every match of ``pattern`` contains one (lower-case when the pattern
    ignores case), chosen as long as the pattern allows; None when no such set can be told (a
    pattern of character classes and wildcards, an inline flag, one that can match the empty
    string). ``\\burheber`` -> {"urheber"}; ``(die )?rechte an (diesem|dem)`` -> {"rechte an "};
    ``\\b(nachdruck|repost)`` -> {"nachdruck", "repost"}."""
    parser = importlib.import_module("re._parser")  # the parser behind re.compile (Python >= 3.11)
    try:
        parsed = parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    found = _required(list(parsed))
    if found is None or not all(found):
        return None
    return frozenset(s.lower() for s in found) if pattern.flags & re.IGNORECASE else frozenset(found)


def _required(items: list[Any]) -> set[str] | None:
    """Of the parts a parsed sequence must match (see ``required_literals``), the set of literals
    whose shortest is longest (then the smallest set); None: no part is known to need a literal."""
    op = importlib.import_module("re._constants")
    options: list[set[str]] = []
    run = ""
    for code, arg in items:
        if code is op.LITERAL:
            run += chr(arg)
            continue
        if run:
            options.append({run})
            run = ""
        found: set[str] | None = None
        if code is op.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            # flags changed inside change what its literals mean: those are not used
            found = None if add_flags or del_flags else _required(list(sub))
        elif code is op.BRANCH:
            found = _union(_required(list(branch)) for branch in arg[1])
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT) and arg[0] >= 1:
            found = _required(list(arg[2]))
        if found:
            options.append(found)
    if run:
        options.append({run})
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _union(parts: Iterable[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return out


def literal_test(patterns: Iterable[re.Pattern[str]]) -> Callable[[str], bool] | None:
    """A quick test that none of ``patterns`` can match ``text``: False when ``text`` holds none of
    their required literals (``required_literals``), else True (search them); None when a pattern
    has no such literals or does not ignore case (then always search). A plain substring test on
    the lower-cased text, exact for case-insensitive patterns (see ``_fold_exceptions``)."""
    special, exceptions_re = _fold_exceptions()
    literals: set[str] = set()
    for p in patterns:
        found = required_literals(p)
        if found is None or not p.flags & re.IGNORECASE or any(c in special for s in found for c in s):
            return None
        literals |= found
    ordered = tuple(sorted(literals))
    exceptions = exceptions_re.search

    def may_match(text: str) -> bool:
        if exceptions(text) is not None:
            return True
        low = text.lower()
        return any(s in low for s in ordered)

    return may_match


_cache_dir = cache_dir  # the name helpers used before it was public


# -- built objects cached on disk (an automaton, a tokenizer, a model) ------------------------------------

_PICKLE_MAGIC = b"lagebild-cache-1\n"
# what unpickling an intact file written by another version raises: a class moved or renamed
# (AttributeError, ImportError), a changed constructor or state (TypeError, ValueError, KeyError,
# IndexError), a format it cannot read (UnpicklingError, EOFError)
_UNPICKLING_ERRORS = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
                      KeyError, IndexError)
_CHECKSUM = 4  # bytes of CRC-32 after the magic line


def _cached_file(kind: str, key: str) -> Path | None:
    root = cache_dir()
    return None if root is None else root / kind / f"{key}.pickle"


def load_cached(kind: str, key: str) -> Any:
    """The object ``store_cached(kind, key, ...)`` wrote, or ``None``: caching off, no such file, or
    a file that is truncated or corrupt (a checksum over the pickle is checked before it is read)
    or that does not unpickle. The caller then builds the object again and stores it; ``key``
    must be a content hash of everything the object is built from (``content_key``), so a stale
    entry is never found. The cache directory is the user's own, as trusted as the code itself."""
    path = _cached_file(kind, key)
    if path is None:
        return None
    try:
        raw = memoryview(path.read_bytes())
    except OSError:
        return None
    start = len(_PICKLE_MAGIC) + _CHECKSUM
    if len(raw) <= start or raw[:len(_PICKLE_MAGIC)] != _PICKLE_MAGIC:
        return None
    payload = raw[start:]
    if zlib.crc32(payload) != int.from_bytes(raw[len(_PICKLE_MAGIC):start], "little"):
        log.debug("cache entry %s is corrupt; building it again", path)
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 (written by store_cached, checksum verified)
    except _UNPICKLING_ERRORS as exc:  # an entry of another version of a library or of our code: rebuilt
        log.debug("cache entry %s does not load (%r); building it again", path, exc)
        return None


def picklable_frozen(*classes: type) -> None:
    """Make frozen dataclasses pickle through their constructor (their ``init`` fields as keywords;
    ``__post_init__`` rebuilds the rest). Pickle's default sets the fields one by one after creating
    the object, which a frozen class compiled by mypyc (``setup.py``) refuses: without this, a compiled
    build could not read back the disk caches (``load_cached``) nor pickle a component for Spark."""
    for cls in classes:
        copyreg.pickle(cls, _reduce_frozen)


def _reduce_frozen(obj: Any) -> tuple[Any, tuple[type, dict[str, Any]]]:
    values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.init}
    return _rebuild_frozen, (type(obj), values)


def _rebuild_frozen(cls: type, values: dict[str, Any]) -> Any:
    return cls(**values)


def store_cached(kind: str, key: str, value: Any, *, keep: int = 4) -> None:
    """Write ``value`` (pickled, with a checksum) as the cache entry ``kind``/``key``, atomically
    (a reader never sees half a file); keep the ``keep`` newest entries of ``kind``. A cache that
    cannot be written (read-only home, full disk) is skipped: it is an optimisation only."""
    path = _cached_file(kind, key)
    if path is None:
        return
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as out:
            out.write(_PICKLE_MAGIC)
            out.write(zlib.crc32(payload).to_bytes(_CHECKSUM, "little"))
            out.write(payload)
        os.replace(tmp, path)
        prune_cache(path.parent, keep)
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.debug("cache entry %s not written: %r", path, exc)


def prune_cache(directory: Path, keep: int, pattern: str = "*.pickle") -> None:
    """Keep the ``keep`` newest files matching ``pattern`` in a cache directory (older ones were
    built from data no longer shipped)."""
    entries = []
    for p in directory.glob(pattern):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            continue  # removed by another process meanwhile
    for _, p in sorted(entries, reverse=True)[keep:]:
        p.unlink(missing_ok=True)
