"""The reporting-verb lexicon (``lagebild/lexicons/reporting_verbs.yaml``) expanded to surface forms,
and ``word_set`` for the speech layer's word lists (``lagebild/lexicons/speech_*.yaml``).

Both read through the one loader (``lagebild.lexicon``), so the directories in
``LAGEBILD_LEXICON_DIRS`` extend the shipped files. The speech modules take their word classes with
``word_set`` when they are imported (set the directories before); the reporting verbs are rebuilt
when the setting changes. German forms are generated with the ``ablaut`` conjugator; a form of a
separable verb ("kündigte" of "ankündigen") records the particle that must follow it in the clause.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError
from lagebild.lexicon import lexicon_dirs, load, words

log = logging.getLogger(__name__)

LEXICON_NAME = "reporting_verbs"
_SCHEMA: dict[str, type | tuple[type, ...]] = {"de": dict, "en": dict, "de_markers?": dict, "en_markers?": dict,
                                               "de_speaker_heads?": dict, "seats?": dict,
                                               "abstract_endings?": list}


def word_set(name: str, key: str, *languages: str) -> frozenset[str]:
    """The words of list ``key`` in lexicon ``name``: a plain list, or a mapping of language (or other
    group) -> list whose parts are joined; ``languages`` picks parts (all when none is given)."""
    node = load(name).get(key)
    if isinstance(node, list):
        return words(name, key)
    if not isinstance(node, dict):
        raise ConfigError(f"lexicon {name}: key {key!r} must be a list of words or a mapping of lists")
    parts = [part for part in node if not languages or part in languages]
    return words(name, *(f"{key}.{part}" for part in parts))


@dataclass(frozen=True, slots=True)
class Verb:
    """One reporting verb (a lexicon entry)."""

    key: str
    lemma: str  # infinitive with the separable particle joined ("ankündigen")
    prefix: str | None = None
    with_words: tuple[str, ...] = ()
    without_words: tuple[str, ...] = ()  # words that rule the reading out ("hält an der Logik fest")
    refl: bool = False
    speaker: str = "subject"  # subject | object | document
    addressee: tuple[str, ...] = ()
    klass: str = "speech"  # speech | thought | writing | evaluation
    adjacent: tuple[str, ...] = ()  # one of them right before or after the verb ("heißt es")
    not_forms: tuple[str, ...] = ()  # generated forms that never count ("heiße es" is reported speech)
    homographs: tuple[str, ...] = ()  # forms that are another word before a capitalised word ("meinen")


@dataclass(frozen=True, slots=True)
class Form:
    """A surface form of a reporting verb."""

    verb: Verb
    kind: str  # finite | participle | infinitive
    needs_particle: bool = False  # a split form: the particle must follow in the clause
    particle: str = ""


@dataclass
class Lexicon:
    language: str
    forms: dict[str, list[Form]] = field(default_factory=dict)  # lower-cased surface -> forms
    before_source: tuple[str, ...] = ()
    after_source: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    document_words: frozenset[str] = frozenset()
    nach_nouns: frozenset[str] = frozenset()
    speaker_endings: tuple[str, ...] = ()
    speaker_exclude: frozenset[str] = frozenset()
    anaphoric: frozenset[str] = frozenset()
    so_markers: frozenset[str] = frozenset()  # "…, so der Außenminister."
    reflexives: frozenset[str] = frozenset()  # what a reflexive verb needs in its clause
    pronouns: frozenset[str] = frozenset()  # pronouns that can speak
    articles: frozenset[str] = frozenset()
    masculine_determiners: frozenset[str] = frozenset()
    masculine_endings: tuple[str, ...] = ()  # weak nouns, nominalised adjectives: "der Experte"
    abstract_endings: tuple[str, ...] = ()  # "die Entscheidung": no speaker
    seats: dict[str, tuple[str, ...]] = field(default_factory=dict)  # city -> bodies sitting there

    def __post_init__(self) -> None:
        self._triggers: frozenset[str] | None = None  # built on first use (``triggers``)

    @property
    def triggers(self) -> frozenset[str]:
        """Lower-cased words that can start a cue (checked first: most words are not cues)."""
        cached = self._triggers
        if cached is None:
            words = set(self.forms)
            words.update(m.split()[0].lower() for m in self.before_source)
            words.update(m.lower() for m in self.after_source)
            words.update(p[0].lower() for p in self.phrases)
            words.update(self.so_markers)
            words.add("worten")
            words.update(self.anaphoric)
            if self.nach_nouns:
                words.add("nach")
            cached = self._triggers = frozenset(words)
        return cached

    def speaker_like(self, phrase: str) -> bool:
        """Could this phrase name a speaker? (pronoun, name, or a person/body head noun)."""
        words = [w.strip("„“\"»«,()") for w in phrase.split()]
        words = [w for w in words if w]
        if not words or self.language != "de":
            return bool(words)
        if len(words) == 1 and words[0].lower() in self.pronouns:
            return True
        caps = [w for w in words if w[:1].isupper() or (w[:1].isdigit() and "-" in w)]
        if not caps:
            return False
        head = caps[-1].lower().rsplit("-", 1)[-1]
        if head in self.speaker_exclude:
            return False
        if head.endswith(self.speaker_endings):
            return True
        if words[0].lower() not in self.articles and all(w[:1].isupper() for w in words) and len(words) <= 4:
            return not head.endswith(self.abstract_endings)  # a name: "Gallois"
        det = words[0].lower()
        return det in self.masculine_determiners and head.endswith(self.masculine_endings)

    def lookup(self, word: str) -> list[Form]:
        return self.forms.get(word.lower(), [])

    def add(self, surface: str, form: Form) -> None:
        bucket = self.forms.setdefault(surface.lower(), [])
        if form not in bucket:
            bucket.append(form)


def _strip_particle(phrase: str) -> str:
    return phrase.split(" ")[0]


def _german_forms(verb: Verb, extra: list[str]) -> list[tuple[str, str, str]]:
    """(surface, kind, particle that must follow in the clause or "") for a German verb."""
    import ablaut

    base = verb.lemma[len(verb.prefix):] if verb.prefix else verb.lemma
    try:
        conj = ablaut.conjugate(base)
    except ValueError as exc:  # "not a German infinitive": keep the explicit forms
        log.warning("ablaut cannot conjugate %r: %s", base, exc)
        conj = None
    out: list[tuple[str, str, str]] = []
    pre = verb.prefix or ""
    if conj is not None:
        finite: set[tuple[str, str]] = set()
        for tense in ("present", "preterite", "konjunktiv1", "konjunktiv2"):
            for person in (0, 2, 3, 5):  # ich, er/sie/es, wir, sie
                parts = getattr(conj, tense)[person].split(" ")
                # ablaut splits particles it knows itself ("stellen unter" of "unterstellen")
                finite.add((parts[0], parts[1] if len(parts) > 1 else pre))
        for f, particle in finite:
            out.append((f, "finite", particle))
            if particle:
                out.append((particle + f, "finite", ""))  # subordinate clause: "..., dass er ankündigte"
        part = str(conj.past_participle)
        if pre and not part.startswith(pre):
            part = pre + part
        out.append((part, "participle", ""))
        if pre and len(pre) > 2:
            # written apart: "klar gestellt", "fest gestellt" (the particle must stand right before it)
            out.append((part[len(pre):], "participle", pre))
        out.append((pre + base, "infinitive", ""))
        out.append((pre + "zu" + base if pre else base, "infinitive", ""))
    for f in extra:
        out.append((f, "finite", pre))
    return out


def _verb(key: str, spec: dict[str, Any], language: str) -> Verb:
    prefix = spec.get("prefix")
    lemma = spec.get("lemma", key if language == "en" else key.split("_")[0])
    return Verb(
        key=key,
        lemma=(prefix or "") + lemma,
        prefix=prefix,
        with_words=tuple(spec.get("with", ())),
        without_words=tuple(spec.get("without", ())),
        refl=bool(spec.get("refl", False)),
        speaker=spec.get("speaker", "subject"),
        addressee=tuple(spec.get("addressee", ())),
        klass=spec.get("class", "speech"),
        adjacent=tuple(str(w).lower() for w in spec.get("adjacent", ())),
        not_forms=tuple(str(w).lower() for w in spec.get("not_forms", ())),
        homographs=tuple(str(w).lower() for w in spec.get("homographs", ())),
    )


def load_lexicon(language: str = "de") -> Lexicon:
    """The reporting-verb lexicon for ``language`` ("de" or "en"), forms expanded; built once per
    setting of ``LAGEBILD_LEXICON_DIRS``."""
    return _build("en" if language == "en" else "de", lexicon_dirs())


@lru_cache(maxsize=8)
def _build(lang: str, dirs: tuple[Path, ...]) -> Lexicon:
    data = load(LEXICON_NAME, _SCHEMA)
    lex = Lexicon(lang)
    for key, spec in (data.get(lang) or {}).items():
        spec = spec or {}
        verb = _verb(key, spec, lang)
        if lang == "de":
            for surface, kind, particle in _german_forms(verb, list(spec.get("forms", []))):
                lex.add(surface, Form(verb, kind, bool(particle), particle))
        else:
            for surface in spec.get("forms", []):
                # English simple past and participle coincide ("said"); both count as finite, and
                # an auxiliary before them ("has said") is skipped when the subject is searched
                lex.add(surface, Form(verb, "finite"))
    markers = data.get(f"{lang}_markers") or {}
    lex.before_source = tuple(markers.get("before_source", ()))
    lex.after_source = tuple(markers.get("after_source", ()))
    lex.phrases = tuple(tuple(p) for p in markers.get("phrases", ()))
    lex.document_words = frozenset(data.get(f"{lang}_document_words", ()))
    lex.nach_nouns = frozenset(markers.get("nach_nouns", ()))
    heads = data.get(f"{lang}_speaker_heads") or {}
    lex.speaker_endings = tuple(sorted(heads.get("endings", ()), key=len, reverse=True))
    lex.speaker_exclude = frozenset(heads.get("exclude", ()))
    lex.anaphoric = frozenset(m.lower() for m in markers.get("anaphoric", ()))
    lex.so_markers = frozenset(str(m).lower() for m in markers.get("so", ()))
    lex.reflexives = frozenset(str(w).lower() for w in data.get(f"{lang}_reflexives") or ())
    lex.pronouns = frozenset(str(w).lower() for w in heads.get("pronouns", ()))
    lex.articles = words("function_words", f"{lang}.articles")
    lex.masculine_determiners = frozenset(str(w).lower() for w in heads.get("masculine_determiners", ()))
    lex.masculine_endings = tuple(str(e) for e in heads.get("masculine_e", ()))
    lex.abstract_endings = tuple(str(e) for e in data.get("abstract_endings") or ())
    lex.seats = {city: tuple(b.lower() for b in bodies) for city, bodies in (data.get("seats") or {}).items()}
    return lex
