"""The data model: a Document, its metadata and its annotation layers.

Every annotation is a span ``[start, end)`` of the document's cleaned ``text``
plus what it means, the component (and rule or model) that produced it and a
confidence. Components each write only their own layer and return the document.

The JSON export (``Document.to_json``) is a stable interface, see ARCHITECTURE.md:
``id, title, url, language, published, author, outlet, genre, text`` and the lists
``actors, mentions, timexes, quotes, figures, events, stances, commitments``.
Every annotation additionally carries ``provenance`` (component, rule, confidence).
"""

from __future__ import annotations

import copy
import copyreg
import hashlib
import logging
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, TypeVar

__all__ = [
    "Actor",
    "Annotation",
    "Commitment",
    "Document",
    "Event",
    "Figure",
    "Mention",
    "Metadata",
    "Paragraph",
    "Quote",
    "Sentence",
    "Stance",
    "Timex",
    "Token",
    "content_id",
    "json_default",
]

log = logging.getLogger(__name__)


def content_id(text: str) -> str:
    """A stable document id: the SHA-256 of the NFC-normalised, whitespace-collapsed text (16 hex)."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]



def json_default(value: Any) -> Any:
    """A component put a non-JSON value into a layer: store it rather than fail the whole batch."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    log.warning("storing %r (%s) as a string", value, type(value).__name__)
    return str(value)

@dataclass(init=False, slots=True)
class Annotation:
    """A span of the document text with provenance."""

    start: int
    end: int
    component: str = ""
    rule: str = ""
    confidence: float = 1.0

    # written out (init=False), here and in this module's other per-item classes: mypyc compiles it,
    # and the object is built natively (@dataclass writes __init__ as interpreted code)
    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0) -> None:
        self.start = start
        self.end = end
        self.component = component
        self.rule = rule
        self.confidence = confidence

    def export(self, doc: Document) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in _EXPORT_KEYS.get(type(self), SPAN_EXPORT_FIELDS):
            value = getattr(self, key)
            if isinstance(value, date):
                value = value.isoformat()
            out[key] = value
        out["provenance"] = {"component": self.component, "rule": self.rule, "confidence": round(self.confidence, 3)}
        return out

    def surface(self, doc: Document) -> str:
        return doc.text[self.start : self.end]


@dataclass(init=False, slots=True)
class Paragraph(Annotation):
    pass


@dataclass(init=False, slots=True)
class Sentence(Annotation):
    paragraph: int = 0

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            paragraph: int = 0) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.paragraph = paragraph


@dataclass(init=False, slots=True)
class Token(Annotation):
    text: str = ""
    sentence: int = 0
    space_after: bool = True
    lemma: str | None = None
    pos: str | None = None
    morph: str | None = None

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            text: str = "", sentence: int = 0, space_after: bool = True, lemma: str | None = None,
            pos: str | None = None, morph: str | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.text = text
        self.sentence = sentence
        self.space_after = space_after
        self.lemma = lemma
        self.pos = pos
        self.morph = morph


@dataclass(init=False, slots=True)
class Actor:
    """An actor known to the document: from the knowledge base or introduced by the text.

    ``id`` is stable: the knowledge-base id (e.g. ``vladimir_putin``) or ``doc:<slug>``
    for an actor only this document knows.
    """

    id: str
    name: str
    type: str  # person | state | organisation | group
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    country: str | None = None
    role: str | None = None  # the role this document gives the actor, if any
    source: str = "kb"  # kb | document | model
    confidence: float = 1.0
    gender: str | None = None  # m | f for persons when known (KB or title noun); used for coreference

    def __init__(self, id: str, name: str, type: str, aliases: list[str] | None = None,
            wikidata: str | None = None, country: str | None = None, role: str | None = None, source: str = "kb",
            confidence: float = 1.0, gender: str | None = None) -> None:
        self.id = id
        self.name = name
        self.type = type
        self.aliases = [] if aliases is None else aliases
        self.wikidata = wikidata
        self.country = country
        self.role = role
        self.source = source
        self.confidence = confidence
        self.gender = gender

    def export(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "wikidata": self.wikidata,
            "country": self.country,
            "role": self.role,
            "source": self.source,
        }


@dataclass(init=False, slots=True)
class Mention(Annotation):
    text: str = ""
    actor: str | None = None  # Actor.id
    kind: str = "name"  # name | role | metonym | demonym | pronoun | title_name | coref | location
    role: str | None = None  # role id when a role resolved the mention

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            text: str = "", actor: str | None = None, kind: str = "name", role: str | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.text = text
        self.actor = actor
        self.kind = kind
        self.role = role



@dataclass(init=False, slots=True)
class Timex(Annotation):
    text: str = ""
    type: str = "date"  # date | time | duration | set
    value: str = ""
    anchor: str | None = None  # the reference date the value was computed from
    window_end: str | None = None  # for future windows/durations: the date the window ends
    mod: str | None = None  # START, MID, END, APPROX ...

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            text: str = "", type: str = "date", value: str = "", anchor: str | None = None,
            window_end: str | None = None, mod: str | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.text = text
        self.type = type
        self.value = value
        self.anchor = anchor
        self.window_end = window_end
        self.mod = mod



@dataclass(init=False, slots=True)
class Quote(Annotation):
    text: str = ""
    kind: str = "direct"  # direct | indirect | reported
    speaker: str | None = None  # Actor.id
    cue_start: int | None = None
    cue_end: int | None = None
    cue: str | None = None
    addressee: str | None = None  # Actor.id
    date: str | None = None
    speaker_text: str | None = None  # the speaker phrase in the text ("so der Experte"), resolved or not
    speaker_start: int | None = None
    speaker_end: int | None = None
    # the cue clause (clause layer): the reporting verb's lemma ("auffordern", "drohen", "zusagen"; a
    # source marker's own word: "laut"), its mood (indicative | subjunctive1 | subjunctive2 | imperative)
    # and negation; exported and kept in the stored document JSON (the quotes table has no columns)
    cue_lemma: str | None = None
    mood: str | None = None
    negated: bool = False

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            text: str = "", kind: str = "direct", speaker: str | None = None, cue_start: int | None = None,
            cue_end: int | None = None, cue: str | None = None, addressee: str | None = None,
            date: str | None = None, speaker_text: str | None = None, speaker_start: int | None = None,
            speaker_end: int | None = None, cue_lemma: str | None = None, mood: str | None = None,
            negated: bool = False) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.text = text
        self.kind = kind
        self.speaker = speaker
        self.cue_start = cue_start
        self.cue_end = cue_end
        self.cue = cue
        self.addressee = addressee
        self.date = date
        self.speaker_text = speaker_text
        self.speaker_start = speaker_start
        self.speaker_end = speaker_end
        self.cue_lemma = cue_lemma
        self.mood = mood
        self.negated = negated


    def export(self, doc: Document) -> dict[str, Any]:
        out = Annotation.export(self, doc)
        out["speaker_name"] = doc.actor_name(self.speaker)
        return out


@dataclass(init=False, slots=True)
class Figure(Annotation):
    text: str = ""
    # int | float, not float: a compiled build (mypyc) would turn an integral value's int into a float
    value: int | float = 0.0
    unit: str | None = None
    approximate: bool = False
    qualifier: str | None = None  # about | at_most | at_least | more_than | less_than ...
    rate: str | None = None  # P1D, P1M ... for "pro Tag", "monatlich"
    same_as: int | None = None  # index of another figure in doc.figures that states the same amount
    value_to: int | float | None = None  # upper end of a range ("zwischen 4.000 und 5.000"); value = lower

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            text: str = "", value: int | float = 0.0, unit: str | None = None, approximate: bool = False,
            qualifier: str | None = None, rate: str | None = None, same_as: int | None = None,
            value_to: int | float | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.text = text
        self.value = value
        self.unit = unit
        self.approximate = approximate
        self.qualifier = qualifier
        self.rate = rate
        self.same_as = same_as
        self.value_to = value_to



@dataclass(init=False, slots=True)
class Argument(Annotation):
    """A noun phrase (or a prepositional phrase) that fills a slot of a clause.

    ``role``: subject | object (accusative; the direct object in English) | dative (the German
    dative object, the English indirect object) | agent (of a passive: "von X", "by X") | frame
    (any other prepositional phrase: ``preposition`` + the noun phrase) | predicate (the second
    nominative of a copula). ``head`` is the token index of the phrase's head (the last noun of
    the noun phrase, a pronoun, or the first of coordinated phrases). ``shared`` marks a subject
    that a coordinated clause takes over from the clause before it ("er kam und sah").
    """

    role: str = ""
    head: int = -1
    head_text: str = ""
    text: str = ""
    case: str | None = None  # nom | acc | dat | gen when the forms fix it
    preposition: str | None = None  # frames and agents: the preposition ("an" for "am")
    shared: bool = False

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            role: str = "", head: int = -1, head_text: str = "", text: str = "", case: str | None = None,
            preposition: str | None = None, shared: bool = False) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.role = role
        self.head = head
        self.head_text = head_text
        self.text = text
        self.case = case
        self.preposition = preposition
        self.shared = shared


@dataclass(init=False, slots=True)
class Field(Annotation):
    """A topological field: vorfeld | left | mittelfeld | right | nachfeld | marker (the opener of a
    subordinate clause). English clauses use the same names for subject side (vorfeld), verb group
    (left) and the rest (mittelfeld)."""

    name: str = ""

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            name: str = "") -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.name = name


@dataclass(init=False, slots=True)
class Clause(Annotation):
    """One clause: its verb complex, arguments, mood, tense, negation and place in the sentence.

    ``kind``: main | subordinate (an adverbial or complement clause with a subordinator) | relative |
    wie ("wie er sagte") | question (an indirect question: "ob", a wh-word) | infinitive (a
    zu-/to-infinitive). ``relation`` to ``parent``: root | ccomp | xcomp | relcl | acl (a "dass" clause
    after a noun: "die Gefahr, dass …") | advcl | wie | conj | parataxis. ``verb`` is the finite verb (None in an infinitive clause), ``head`` the main verb
    (the lexical verb of the complex: "angekündigt" in "hat … angekündigt"), ``verbs`` every token of
    the verb complex (auxiliaries, modals, infinitives, participles, separable particle, "zu"),
    ``lemma`` the main verb's lemma with its particle ("ankündigen").

    ``mood``: indicative | subjunctive1 (Konjunktiv I) | subjunctive2 (Konjunktiv II and "würde" +
    infinitive; English would/could/might + infinitive) | imperative. ``conditional`` is set for a
    clause opened by "falls/wenn/sofern" ("if/unless") or a V1 "sollte". ``tense``: present | past |
    perfect | pluperfect | future | future_perfect. ``voice``: active | passive.
    """

    sentence: int = 0
    kind: str = "main"
    relation: str = "root"
    parent: int | None = None
    marker: str | None = None
    antecedent: int | None = None  # relative clauses: token index of the noun they attach to
    verb: int | None = None
    head: int | None = None
    verbs: list[int] = field(default_factory=list)
    lemma: str = ""
    modal: str | None = None
    voice: str = "active"
    tense: str | None = None
    mood: str = "indicative"
    conditional: bool = False
    negated: bool = False
    negation: int | None = None
    question: bool = False
    arguments: list[Argument] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            sentence: int = 0, kind: str = "main", relation: str = "root", parent: int | None = None,
            marker: str | None = None, antecedent: int | None = None, verb: int | None = None,
            head: int | None = None, verbs: list[int] | None = None, lemma: str = "", modal: str | None = None,
            voice: str = "active", tense: str | None = None, mood: str = "indicative", conditional: bool = False,
            negated: bool = False, negation: int | None = None, question: bool = False,
            arguments: list[Argument] | None = None, fields: list[Field] | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.sentence = sentence
        self.kind = kind
        self.relation = relation
        self.parent = parent
        self.marker = marker
        self.antecedent = antecedent
        self.verb = verb
        self.head = head
        self.verbs = [] if verbs is None else verbs
        self.lemma = lemma
        self.modal = modal
        self.voice = voice
        self.tense = tense
        self.mood = mood
        self.conditional = conditional
        self.negated = negated
        self.negation = negation
        self.question = question
        self.arguments = [] if arguments is None else arguments
        self.fields = [] if fields is None else fields

    def argument(self, role: str) -> Argument | None:
        """The first argument with this role."""
        return next((a for a in self.arguments if a.role == role), None)

    @property
    def subject(self) -> Argument | None:
        return self.argument("subject")

    @property
    def object(self) -> Argument | None:
        return self.argument("object")

    @property
    def dative(self) -> Argument | None:
        return self.argument("dative")

    @property
    def agent(self) -> Argument | None:
        return self.argument("agent")

    @property
    def frames(self) -> list[Argument]:
        return [a for a in self.arguments if a.role == "frame"]


@dataclass(init=False, slots=True)
class Event(Annotation):
    type: str = ""  # PLOVER type
    mode: str | None = None
    source: str | None = None
    target: str | None = None
    date: str | None = None
    location: str | None = None
    modality: str = "asserted"  # asserted | reported | planned | hypothetical | negated | question
    date_granularity: str | None = None  # day | week | month | year | document (the article's date)
    trigger: str = ""  # the trigger word(s) as in the text
    trigger_start: int | None = None
    trigger_end: int | None = None
    sentence: int | None = None  # index into doc.sentences; start/end is the clause (the evidence)
    quote: int | None = None  # index into doc.quotes of the quote the event rests on (modality reported)

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            type: str = "", mode: str | None = None, source: str | None = None, target: str | None = None,
            date: str | None = None, location: str | None = None, modality: str = "asserted",
            date_granularity: str | None = None, trigger: str = "", trigger_start: int | None = None,
            trigger_end: int | None = None, sentence: int | None = None, quote: int | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.type = type
        self.mode = mode
        self.source = source
        self.target = target
        self.date = date
        self.location = location
        self.modality = modality
        self.date_granularity = date_granularity
        self.trigger = trigger
        self.trigger_start = trigger_start
        self.trigger_end = trigger_end
        self.sentence = sentence
        self.quote = quote


    def export(self, doc: Document) -> dict[str, Any]:
        out = Annotation.export(self, doc)
        out["source_name"] = doc.actor_name(self.source)
        out["target_name"] = doc.actor_name(self.target)
        out["text"] = doc.text[self.start : self.end]
        return out


@dataclass(init=False, slots=True)
class Stance(Annotation):
    """An actor's position on an issue (``lexicons/issues.yaml``): ``polarity`` support | oppose |
    conditional. ``holder_kind``: ``own`` (the actor's own position, from its speech or as the
    subject of a clause) or ``commentator`` (the author's opinion in a commentary; ``actor`` is then
    the author, or ``doc:author``). ``quote`` indexes ``doc.quotes`` when the stance rests on one;
    ``evidence`` is the sentence text, ``start``/``end`` the span that carries the position."""

    actor: str | None = None
    issue: str = ""
    polarity: str = "support"
    date: str | None = None
    holder_kind: str = "own"  # own | commentator
    quote: int | None = None
    sentence: int | None = None
    evidence: str = ""
    cue: str | None = None  # the polarity cue ("lehnt ... ab", "fordert", "inakzeptabel")

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            actor: str | None = None, issue: str = "", polarity: str = "support", date: str | None = None,
            holder_kind: str = "own", quote: int | None = None, sentence: int | None = None, evidence: str = "",
            cue: str | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.actor = actor
        self.issue = issue
        self.polarity = polarity
        self.date = date
        self.holder_kind = holder_kind
        self.quote = quote
        self.sentence = sentence
        self.evidence = evidence
        self.cue = cue



@dataclass(init=False, slots=True)
class Commitment(Annotation):
    """A promise, threat, ultimatum, plan or demand. ``date``: when it was made (the sentence's
    date); ``deadline``: the last day it is due (``YYYY-MM-DD``, from the time layer); ``condition``:
    the condition clause ("sollte Putin keinem Waffenstillstand zustimmen"). ``status`` is ``open``
    in one article; the ledger (``lagebild.picture.ledger``) rates it across the store (pending, due,
    overdue, kept, broken, superseded) with ``status_evidence`` (doc id, span, text, rule)."""

    kind: str = "promise"
    actor: str | None = None
    content: str = ""
    deadline: str | None = None
    status: str = "open"
    addressee: str | None = None
    condition: str | None = None
    date: str | None = None
    cue: str | None = None
    quote: int | None = None
    sentence: int | None = None
    status_evidence: list[dict[str, Any]] = field(default_factory=list)

    def __init__(self, start: int, end: int, component: str = "", rule: str = "", confidence: float = 1.0,
            kind: str = "promise", actor: str | None = None, content: str = "", deadline: str | None = None,
            status: str = "open", addressee: str | None = None, condition: str | None = None,
            date: str | None = None, cue: str | None = None, quote: int | None = None,
            sentence: int | None = None, status_evidence: list[dict[str, Any]] | None = None) -> None:
        Annotation.__init__(self, start, end, component, rule, confidence)
        self.kind = kind
        self.actor = actor
        self.content = content
        self.deadline = deadline
        self.status = status
        self.addressee = addressee
        self.condition = condition
        self.date = date
        self.cue = cue
        self.quote = quote
        self.sentence = sentence
        self.status_evidence = [] if status_evidence is None else status_evidence



@dataclass(init=False, slots=True)
class Metadata:
    title: str | None = None
    url: str | None = None
    language: str | None = None
    published: date | None = None
    published_source: str | None = None  # metadata | header | dateline | text | override | none
    author: str | None = None
    outlet: str | None = None
    genre: str | None = None
    source: str | None = None  # file path, URL or "-" for stdin
    export_id: str | None = None  # for file inputs, the file's stem
    flags: list[str] = field(default_factory=list)  # e.g. "republication_disclaimer"
    warnings: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    also_published_as: list[str] = field(default_factory=list)
    # web pages (lagebild/ingest/webmeta.py, cleanup.py): organisations and agencies named as authors
    # ("dpa", "NDR"; never persons), each date source's value ({"jsonld_datePublished": "2024-08-27"}),
    # live-blog update datelines ({"start", "end", "date", "time", "rule"}; see ingest.cleanup.anchor_at)
    # and the lines removed before analysis ({"rule", "text"})
    author_organisations: list[str] = field(default_factory=list)
    date_sources: dict[str, str] = field(default_factory=dict)
    datelines: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)

    def __init__(self, title: str | None = None, url: str | None = None, language: str | None = None,
            published: date | None = None, published_source: str | None = None, author: str | None = None,
            outlet: str | None = None, genre: str | None = None, source: str | None = None,
            export_id: str | None = None, flags: list[str] | None = None, warnings: list[str] | None = None,
            duplicate_of: str | None = None, also_published_as: list[str] | None = None,
            author_organisations: list[str] | None = None, date_sources: dict[str, str] | None = None,
            datelines: list[dict[str, Any]] | None = None, removed: list[dict[str, Any]] | None = None) -> None:
        self.title = title
        self.url = url
        self.language = language
        self.published = published
        self.published_source = published_source
        self.author = author
        self.outlet = outlet
        self.genre = genre
        self.source = source
        self.export_id = export_id
        self.flags = [] if flags is None else flags
        self.warnings = [] if warnings is None else warnings
        self.duplicate_of = duplicate_of
        self.also_published_as = [] if also_published_as is None else also_published_as
        self.author_organisations = [] if author_organisations is None else author_organisations
        self.date_sources = {} if date_sources is None else date_sources
        self.datelines = [] if datelines is None else datelines
        self.removed = [] if removed is None else removed


# the keys of each layer's export object, in order (provenance is added after them); a table, not class
# variables: mypyc makes a ClassVar annotation a plain type, and @dataclass then took it for a field
SPAN_EXPORT_FIELDS = ("start", "end")
MENTION_EXPORT_FIELDS = ("start", "end", "text", "actor", "kind", "role")
TIMEX_EXPORT_FIELDS = ("start", "end", "text", "type", "value", "anchor", "window_end", "mod")
QUOTE_EXPORT_FIELDS = ("start", "end", "text", "kind", "speaker", "cue", "cue_start", "cue_end", "addressee",
                       "date", "cue_lemma", "mood", "negated")
FIGURE_EXPORT_FIELDS = ("start", "end", "text", "value", "unit", "approximate", "qualifier", "rate", "same_as",
                        "value_to")
EVENT_EXPORT_FIELDS = ("type", "mode", "source", "target", "date", "date_granularity", "location", "modality",
                       "start", "end", "trigger", "trigger_start", "trigger_end", "sentence", "quote")
STANCE_EXPORT_FIELDS = ("actor", "issue", "polarity", "date", "holder_kind", "quote", "evidence", "cue", "start",
                        "end")
COMMITMENT_EXPORT_FIELDS = ("kind", "actor", "addressee", "content", "condition", "deadline", "date", "cue",
                            "quote", "status", "status_evidence", "start", "end")
_EXPORT_KEYS: dict[type, tuple[str, ...]] = {
    Mention: MENTION_EXPORT_FIELDS, Timex: TIMEX_EXPORT_FIELDS, Quote: QUOTE_EXPORT_FIELDS,
    Figure: FIGURE_EXPORT_FIELDS, Event: EVENT_EXPORT_FIELDS, Stance: STANCE_EXPORT_FIELDS,
    Commitment: COMMITMENT_EXPORT_FIELDS,
}

# layer name -> (Document attribute, record class)
SPAN_LAYERS: dict[str, type[Annotation]] = {
    "paragraphs": Paragraph,
    "sentences": Sentence,
    "tokens": Token,
    "mentions": Mention,
    "timexes": Timex,
    "quotes": Quote,
    "figures": Figure,
    "events": Event,
    "stances": Stance,
    "commitments": Commitment,
}
# layers rebuilt from the tokens where they are needed: never stored nor sent between processes
RECOMPUTED_LAYERS = frozenset({"clauses"})
EXPORTED_LAYERS = ("mentions", "timexes", "quotes", "figures", "events", "stances", "commitments")

A = TypeVar("A", bound=Annotation)


@dataclass(init=False)
class Document:
    """One article: cleaned text, metadata and annotation layers."""

    text: str
    meta: Metadata = field(default_factory=Metadata)
    id: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # recomputed where needed, never stored nor pickled (RECOMPUTED_LAYERS): read them with
    # ``lagebild.clauses.clauses_of(doc)``, which fills this field on first use
    clauses: list[Clause] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    # layers filled so far ("text" and "metadata" are there from the start)
    layers: set[str] = field(default_factory=lambda: {"text", "metadata"})

    def __init__(self, text: str, meta: Metadata | None = None, id: str = "",
            paragraphs: list[Paragraph] | None = None, sentences: list[Sentence] | None = None,
            tokens: list[Token] | None = None, actors: dict[str, Actor] | None = None,
            mentions: list[Mention] | None = None, timexes: list[Timex] | None = None,
            quotes: list[Quote] | None = None, figures: list[Figure] | None = None,
            clauses: list[Clause] | None = None, events: list[Event] | None = None,
            stances: list[Stance] | None = None, commitments: list[Commitment] | None = None,
            layers: set[str] | None = None) -> None:
        self.text = text
        self.meta = Metadata() if meta is None else meta
        self.id = id
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.sentences = [] if sentences is None else sentences
        self.tokens = [] if tokens is None else tokens
        self.actors = {} if actors is None else actors
        self.mentions = [] if mentions is None else mentions
        self.timexes = [] if timexes is None else timexes
        self.quotes = [] if quotes is None else quotes
        self.figures = [] if figures is None else figures
        self.clauses = [] if clauses is None else clauses
        self.events = [] if events is None else events
        self.stances = [] if stances is None else stances
        self.commitments = [] if commitments is None else commitments
        self.layers = {"text", "metadata"} if layers is None else layers
        if not self.id:
            self.id = content_id(self.text)

    # -- convenience -------------------------------------------------------------------------
    @property
    def published(self) -> date | None:
        return self.meta.published

    @property
    def language(self) -> str:
        return self.meta.language or "de"

    def actor_name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        return [t for t in self.tokens if t.start >= start and t.end <= end]

    def sentence_tokens(self, index: int) -> list[Token]:
        s = self.sentences[index]
        return self.tokens_in(s.start, s.end)

    def spans_in(self, layer: list[A], start: int, end: int) -> list[A]:
        return [a for a in layer if a.start >= start and a.end <= end]

    # -- export --------------------------------------------------------------------------------
    @property
    def export_id(self) -> str:
        return self.meta.export_id or self.id

    def to_json(self) -> dict[str, Any]:
        """The export object (ARCHITECTURE.md, "Stable interfaces"). Offsets refer to ``text``."""
        m = self.meta
        out: dict[str, Any] = {
            "id": self.export_id,
            "title": m.title,
            "url": m.url,
            "language": m.language,
            "published": m.published.isoformat() if m.published else None,
            "author": m.author,
            "outlet": m.outlet,
            "genre": m.genre,
            "text": self.text,
            "actors": [a.export() for a in self.actors.values()],
        }
        for layer in EXPORTED_LAYERS:
            out[layer] = [a.export(self) for a in getattr(self, layer)]
        out["content_id"] = self.id
        out["meta"] = {
            "source": m.source,
            "published_source": m.published_source,
            "flags": list(m.flags),
            "warnings": list(m.warnings),
            "duplicate_of": m.duplicate_of,
            "also_published_as": list(m.also_published_as),
            "layers": sorted(self.layers),
        }
        return out

    def to_record(self) -> dict[str, Any]:
        """A lossless serialisation (all layers, tokens included) for storage."""
        return {**self.record_head(), **self.record_layers()}

    def record_head(self) -> dict[str, Any]:
        """The record's id, text and metadata (what a store's writer may still change: duplicates)."""
        rec: dict[str, Any] = {"id": self.id, "text": self.text, "meta": _plain_fields(self.meta)}
        if self.meta.published:
            rec["meta"]["published"] = self.meta.published.isoformat()
        return rec

    def record_layers(self) -> dict[str, Any]:
        """The record's annotation layers, tokens and actors."""
        packed = _pack_tokens(self.tokens)
        # packed tokens are not compacted one by one first (two thirds of the serialisation's time)
        rec: dict[str, Any] = {name: packed if name == "tokens" and packed is not None
                               else [_compact(a) for a in getattr(self, name)] for name in SPAN_LAYERS}
        rec["actors"] = [_plain_fields(a) for a in self.actors.values()]
        rec["layers"] = sorted(self.layers - RECOMPUTED_LAYERS)
        return rec

    def head_only(self) -> Document:
        """A copy with the id, text, metadata and layer names only (every layer empty): what a store's
        writer needs of a document whose layers were serialised where it was analysed."""
        head = self.without_recomputed()
        for name in SPAN_LAYERS:
            setattr(head, name, [])
        head.actors = {}
        head.meta = copy.deepcopy(self.meta)
        return head

    def without_recomputed(self) -> Document:
        """A shallow copy without the layers that are recomputed where they are needed, never stored
        nor sent to another process (``RECOMPUTED_LAYERS``: the clauses, which ``clauses_of(doc)``
        rebuilds on first use). They were two thirds of what an analysed document cost to pickle."""
        copied = copy.copy(self)
        copied.clauses = []
        copied.layers = self.layers - RECOMPUTED_LAYERS
        return copied

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Document:
        meta_d = dict(rec.get("meta") or {})
        if meta_d.get("published"):
            meta_d["published"] = date.fromisoformat(meta_d["published"])
        known = {f.name for f in fields(Metadata)}
        meta = Metadata(**{k: v for k, v in meta_d.items() if k in known})
        doc = cls(text=rec["text"], meta=meta, id=rec.get("id", ""))
        for name, klass in SPAN_LAYERS.items():
            items = rec.get(name, [])
            if name == "tokens" and isinstance(items, dict):
                doc.tokens = _unpack_tokens(items, doc.text)
                continue
            setattr(doc, name, [klass(**item) for item in items])
        doc.actors = {a["id"]: Actor(**a) for a in rec.get("actors", [])}
        doc.layers = set(rec.get("layers", ["text", "metadata"])) - RECOMPUTED_LAYERS  # earlier records named them
        return doc


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The names of a record class's fields, in order (looked up once per class)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain_fields(obj: Metadata | Actor) -> dict[str, Any]:
    """``dataclasses.asdict`` of a record whose fields hold plain values (lists and dicts copied one
    level down): asdict's recursion was a tenth of the CPU of the process writing the store."""
    out: dict[str, Any] = {}
    for name in _field_names(type(obj)):
        value = getattr(obj, name)
        if isinstance(value, list):
            value = [dict(v) if isinstance(v, dict) else v for v in value]
        elif isinstance(value, dict):
            value = dict(value)
        out[name] = value
    return out


def _compact(a: Annotation) -> dict[str, Any]:
    """The record's fields without empty values (keeps stored records small). A plain loop over
    cached field names: ``dataclasses.asdict`` deep-copies and took 31 ms per seed document, this 6 ms."""
    names = _field_names(type(a))
    out: dict[str, Any] = {}
    for k in names:
        v = getattr(a, k)
        if v is None or v == "":
            if k in ("start", "end"):
                out[k] = v
            continue
        out[k] = list(v) if isinstance(v, list) else v
    return out


def _pack_tokens(tokens: list[Token]) -> dict[str, Any] | None:
    """Tokens as ``[start, end, sentence, space_after]`` rows when they carry nothing else (the
    usual case): the token text is a slice of the document text. Cuts a stored seed record from
    270 KB to about 90 KB. Returns None when a token has its own lemma/pos/morph or provenance."""
    if not tokens:
        return None
    first = tokens[0]
    head = (first.component, first.rule, first.confidence)
    rows: list[list[int]] = []
    for t in tokens:
        if (t.component, t.rule, t.confidence) != head or t.lemma or t.pos or t.morph:
            return None
        rows.append([t.start, t.end, t.sentence, int(t.space_after)])
    return {"packed": rows, "component": head[0], "rule": head[1], "confidence": head[2]}


def _unpack_tokens(packed: dict[str, Any], text: str) -> list[Token]:
    component, rule, conf = packed.get("component", ""), packed.get("rule", ""), packed.get("confidence", 1.0)
    return [Token(s, e, component, rule, conf, text=text[s:e], sentence=sent, space_after=bool(space))
            for s, e, sent, space in packed["packed"]]


# -- pickling -------------------------------------------------------------------------------------
# Compiled by mypyc (setup.py), these classes are native: pickle's default makes an empty object and
# sets its fields, which a native class with a required argument refuses. So each pickles (and
# copies) through its constructor, with its fields in order, compiled or not.
def _reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
    cls = type(obj)
    return cls, tuple([getattr(obj, name) for name in _field_names(cls)])


for _cls in (Annotation, Paragraph, Sentence, Token, Actor, Mention, Timex, Quote, Figure, Argument, Field, Clause,
             Event, Stance, Commitment, Metadata, Document):
    copyreg.pickle(_cls, _reduce)
