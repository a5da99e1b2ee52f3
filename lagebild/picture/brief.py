"""``lagebild brief``: a briefing whose every sentence is compiled from stored records and checked.

Sections (templates in ``lexicons/brief.yaml``):

- key developments: merged events of the period (``merge.update_picture``), the most independent
  sources first, each citing one report per independent source;
- who said what: direct quotes with a resolved speaker, citing the sentences of quote and speaker;
- positions that moved: the shifts of the stance matrix (``matrix.stance_matrix``) in the period;
- commitments: the ledger (``ledger.commitments_ledger``) as of ``as_of`` (else the period's end):
  open, kept and broken ones, with the evidence that set the status;
- the figures: stated quantities grouped by unit across sources (who reports which figure).

Every candidate sentence is checked (``brief_check.check_claims``) before it is written; a sentence
its citations do not support is dropped, never hedged. ``Brief.candidates``, ``Brief.dropped`` and
the precision of the written sentences are reported in the briefing's closing note.

``as_of`` shows the briefing as it could have been written on that day: only articles published by
then count. ``actor`` keeps what involves that actor, ``issue`` what comes from articles in which
some actor takes a position on that issue.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.document import Document
from lagebild.lexicon import load
from lagebild.picture.brief_check import check_claims, name_index
from lagebild.picture.brief_model import Briefing, Citation, Claim, Section, norm_text
from lagebild.store.base import normalize_name

__all__ = ["BriefResult", "compile_brief"]

MAX_EVENTS = 12
HAPPENED = ("asserted", "reported")  # event modalities the briefing states as developments
PER_MONTH = 5
MAX_QUOTES = 8
MAX_COMMITMENTS = 10
MAX_FIGURES = 6
QUOTE_CHARS = (25, 240)  # direct quotes shorter or longer than this are not quoted


@dataclass(slots=True)
class BriefResult:
    briefing: Briefing
    candidates: int = 0
    dropped: list[tuple[Claim, list[str]]] = field(default_factory=list)

    @property
    def written(self) -> int:
        return self.candidates - len(self.dropped)


@dataclass(slots=True)
class _Scope:
    date_from: date | None
    date_to: date | None
    as_of: date | None
    actor: str | None
    issue: str | None
    docs: dict[str, Document] = field(default_factory=dict)  # in scope: published in the period, by as_of
    known: dict[str, Document] = field(default_factory=dict)  # every document published by as_of

    def in_period(self, day: str | None) -> bool:
        if not day:
            return False
        return ((self.date_from is None or day[:10] >= self.date_from.isoformat())
                and (self.date_to is None or day[:10] <= self.date_to.isoformat()))


class _Cites:
    """Citations by (document, start, end), numbered in order of first use."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, int, int], int] = {}
        self.all: dict[int, Citation] = {}

    def cite(self, doc: Document, start: int, end: int) -> int:
        key = (doc.id, start, end)
        if key not in self.by_key:
            n = len(self.by_key) + 1
            no = doc.sentence_at(start)
            self.by_key[key] = n
            self.all[n] = Citation(doc.id, doc.export_id, doc.meta.title or "", _published(doc),
                                   (no or 0) + 1, start, end, norm_text(doc.text[start:end]))
        return self.by_key[key]

    def sentence(self, doc: Document, offset: int, end: int | None = None) -> int:
        """Cite the sentence(s) from the one ``offset`` is in to the one ``end`` is in."""
        i = doc.sentence_at(offset)
        j = doc.sentence_at(max(offset, (end or offset + 1) - 1))
        if i is None or j is None:
            return self.cite(doc, offset, end or offset + 1)
        return self.cite(doc, doc.sentences[i].start, doc.sentences[max(i, j)].end)


def _published(doc: Document) -> str | None:
    return doc.meta.published.isoformat() if doc.meta.published else None


def _name_matches(who: str, names: Iterable[str | None]) -> bool:
    want = normalize_name(who.replace("_", " "))
    return bool(want) and any(n and (normalize_name(n.replace("_", " ")) == want
                                     or f" {want} " in f" {normalize_name(n.replace('_', ' '))} ") for n in names)


def _actor_names(doc: Document, actor_id: str | None) -> list[str | None]:
    if actor_id is None:
        return []
    actor = doc.actors.get(actor_id)
    return [actor_id, *((actor.name, *actor.aliases) if actor else ())]


def _quoted(text: str) -> str:
    """Stored text as the briefing quotes it (``norm_text``, no closing punctuation)."""
    return norm_text(text).rstrip(" .,;:")


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


# -- key developments ------------------------------------------------------------------------------
def _event_claims(events: list[dict[str, Any]], scope: _Scope, cites: _Cites, lex: dict[str, Any]) -> list[Claim]:
    from lagebild.picture.timeline import timeline

    entries = timeline(events, actor=scope.actor, date_from=scope.date_from, date_to=scope.date_to,
                       as_of=scope.as_of)
    happened = {m["key"] for e in events for m in e["mentions"] if m.get("modality", "asserted") in HAPPENED}
    for e in entries:  # a planned, hypothetical, negated or asked-about meeting is not a development
        e["mentions"] = [m for m in e["mentions"] if m["key"] in happened and m["doc_id"] in scope.known]
    entries = [e for e in entries if e["mentions"]]
    if scope.issue is not None:
        entries = [e for e in entries if any(m["doc_id"] in scope.docs for m in e["mentions"])]
    # the most independent sources first, events between two parties before one-sided ones, at most
    # PER_MONTH a month so that a long period is not all its first busy weeks
    entries.sort(key=lambda e: (-e["sources"], not e["pairs"], e["event_date"] or "", e["id"]))
    claims: list[Claim] = []
    per_month: dict[str, int] = {}
    for e in entries:
        month = (e["event_date"] or "")[:7]
        if len(claims) >= MAX_EVENTS or per_month.get(month, 0) >= PER_MONTH:
            continue
        claim = _event_claim(e, scope, cites, lex)
        if claim is not None:
            claims.append(claim)
            per_month[month] = per_month.get(month, 0) + 1
    claims.sort(key=lambda c: c.records[1])
    return claims


def _event_claim(e: dict[str, Any], scope: _Scope, cites: _Cites, lex: dict[str, Any]) -> Claim | None:
    pair = e["pairs"][0] if e["pairs"] else [next(iter(e["actors"].values()), None), None]
    if pair[0] is None or e["type"] not in lex["events"]:
        return None
    with_target, alone = lex["events"][e["type"]]
    what = f"{pair[0]} {with_target} {pair[1]}" if pair[1] else f"{pair[0]} {alone}"
    per_origin: dict[str, dict[str, Any]] = {}
    for m in e["mentions"]:
        if m["doc_id"] in scope.known:
            per_origin.setdefault(m["origin"], m)
    reports = list(per_origin.values())
    if not reports:
        return None
    refs = []
    dated = False
    for m in reports:
        doc = scope.known[m["doc_id"]]
        refs.append(cites.sentence(doc, m["start"], m["end"]))
        c = cites.all[refs[-1]]
        dated = dated or (e["date_basis"] == "event" and any(
            c.start <= t.start < c.end and t.value[:10] == e["event_date"] for t in doc.timexes))
    when = f"On {e['event_date']}" if dated else f"Reported on {min(m['published'] for m in reports)}"
    sources = f" ({len(reports)} independent sources)" if len(reports) > 1 else ""
    return Claim(f"{when}, {what}{sources}.", list(dict.fromkeys(refs)), "events",
                 [e["id"], e["event_date"] or ""])


# -- who said what ---------------------------------------------------------------------------------
def _quote_claims(scope: _Scope, cites: _Cites) -> list[Claim]:
    picked: list[tuple[str, Claim]] = []
    per_speaker: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    for doc in scope.docs.values():
        for i, q in enumerate(doc.quotes):
            if q.kind != "direct" or not q.speaker or not (QUOTE_CHARS[0] <= len(q.text) <= QUOTE_CHARS[1]):
                continue
            names = _actor_names(doc, q.speaker)
            if scope.actor is not None and not _name_matches(scope.actor, names):
                continue
            said = _quoted(q.text)
            if per_speaker.get(q.speaker, 0) >= 2 or (q.speaker, said) in seen:
                continue
            seen.add((q.speaker, said))
            start = min(q.start, q.speaker_start if q.speaker_start is not None else q.start)
            end = max(q.end, q.speaker_end if q.speaker_end is not None else q.end)
            ref = cites.sentence(doc, start, end)
            speaker = doc.actor_name(q.speaker)
            claim = Claim(f"Reported on {_published(doc)}, {speaker} said: “{said}”.", [ref], "quotes",
                          [f"{doc.id}:quote:{i}"])
            picked.append((_published(doc) or "", claim))
            per_speaker[q.speaker] = per_speaker.get(q.speaker, 0) + 1
    picked.sort(key=lambda p: p[0])
    return [c for _, c in picked[:MAX_QUOTES]]


# -- positions that moved ----------------------------------------------------------------------------
def _position_claims(scope: _Scope, cites: _Cites) -> list[Claim]:
    from lagebild.picture.matrix import stance_matrix

    # all issues: whether a position is a row's first depends on its other issues too
    m = stance_matrix(scope.known.values(), by="country", actor=scope.actor)
    claims = []
    for s in m.shifts:
        last = s.evidence[-1] if s.evidence else None
        if last is None or not scope.in_period(last["date"]):
            continue
        if scope.issue is not None and not _name_matches(scope.issue, [s.issue]):
            continue
        refs = [cites.cite(scope.known[ev["doc_id"]], ev["start"], ev["end"]) for ev in s.evidence
                if ev["doc_id"] in scope.known]
        holders = list(dict.fromkeys(ev["actor_name"] for ev in s.evidence if ev["actor_name"]
                                     and ev["actor_name"] != s.row_name))
        who = f"{s.row_name} ({', '.join(holders)})" if holders else s.row_name
        if s.kind == "shift":
            text = f"{who} moved from {s.before} to {s.after} on *{s.issue}*, reported on {last['date'][:10]}."
        else:
            text = f"First recorded position of {who} on *{s.issue}*: {s.after}, reported on {last['date'][:10]}."
        claims.append(Claim(_sentence(text), list(dict.fromkeys(refs)), "positions",
                            [f"{ev['doc_id']}:stance:{ev['start']}" for ev in s.evidence]))
    return claims


# -- commitments -------------------------------------------------------------------------------------
_STATUS_ORDER = {"broken": 0, "kept": 1, "overdue": 2, "due": 3, "pending": 4, "superseded": 5}


def _ledger(scope: _Scope) -> list[Any]:
    """The ledger entries made in the period, in scope, rated as of ``as_of`` (else the period's end)."""
    from lagebild.picture.ledger import rate

    when = scope.as_of or scope.date_to or date.today()
    return [e for e in rate(scope.known.values(), when)
            if e.doc_id in scope.docs and scope.in_period(e.made) and e.commitment.actor
            and (scope.actor is None or _name_matches(scope.actor, [e.commitment.actor, e.actor_name]))]


def _commitment_claims(ledger: list[Any], scope: _Scope, cites: _Cites, lex: dict[str, Any]) -> list[Claim]:
    entries = list(ledger)
    entries.sort(key=lambda e: (_STATUS_ORDER.get(e.status, 9), e.made or "", e.export_id, e.index))
    claims = []
    for e in entries[:MAX_COMMITMENTS]:
        doc = scope.docs[e.doc_id]
        c = e.commitment
        content = doc.text[c.start:c.end]
        refs = [cites.sentence(doc, c.start, c.end)]
        text = (f"Reported on {_published(doc)}, {e.actor_name} {lex['commitment_kinds'].get(c.kind, c.kind)}: "
                f"“{_quoted(content)}”; status: {lex['statuses'].get(e.status, e.status)}")
        for ev in e.evidence:
            other = scope.known.get(ev.doc_id)
            if e.status in ("kept", "broken") and other is not None and (ev.doc_id, ev.start) != (doc.id, c.start):
                refs.append(cites.cite(other, ev.start, ev.end))
                text += f": “{_quoted(other.text[ev.start:ev.end])}”"
                break
        claims.append(Claim(text + ".", list(dict.fromkeys(refs)), "commitments", [f"{e.doc_id}:commitment:{e.index}"]))
    return claims


# -- the figures ---------------------------------------------------------------------------------------
def _figure_claims(scope: _Scope, cites: _Cites, lex: dict[str, Any]) -> list[Claim]:
    """One sentence per group of figure claims (``claims.claims_in``): the values side by side."""
    from lagebild.picture.claims import claims_in

    groups = claims_in(scope.docs.values(), actor=scope.actor)
    claims = []
    for g in groups[:MAX_FIGURES]:
        parts, refs, records = [], [], []
        for c in g.claims[:4]:
            doc = scope.docs[c.doc_id]
            refs.append(cites.sentence(doc, c.start, c.end))
            parts.append(f"“{_quoted(doc.text[c.start:c.end])}” (reported on {c.published})")
            records.append(f"{c.doc_id}:figure:{c.index}")
        label = lex["units"].get(g.unit, g.unit.replace("_", " "))
        verdict = lex["claims"]["single" if len(g.claims) == 1 else "agree" if g.agrees else "differ"]
        claims.append(Claim(f"Figures for {label} {verdict}: " + "; ".join(parts) + ".",
                            list(dict.fromkeys(refs)), "figures", records))
    return claims


# -- plots -------------------------------------------------------------------------------------------------
def _svg(draw: Callable[[Any], None], size: tuple[float, float] = (7, 2.8)) -> str | None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # matplotlib is a dependency; a stripped install still gets a briefing
        return None
    plt.rcParams["svg.fonttype"] = "none"  # text stays text (umlauts searchable)
    plt.rcParams["svg.hashsalt"] = "lagebild"  # the same briefing gives the same SVG
    fig, ax = plt.subplots(figsize=size)
    try:
        draw(ax)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    finally:
        plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def _scoped(svg: str, prefix: str) -> str:
    """The SVG with its ids prefixed, so that two plots inline in one page keep their own."""
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = re.sub(r"url\(#", f"url(#{prefix}-", svg)
    return re.sub(r'(href)="#', rf'\1="#{prefix}-', svg)


def _plots(events: list[dict[str, Any]], entries: list[Any], scope: _Scope) -> dict[str, str]:
    from lagebild.picture.timeline import timeline

    out: dict[str, str] = {}
    tl = timeline(events, date_from=scope.date_from, date_to=scope.date_to, as_of=scope.as_of, actor=scope.actor)
    weeks: dict[str, dict[str, int]] = {}
    for e in tl:
        if e["event_date"] and len(e["event_date"]) == 10:
            y, w, _ = date.fromisoformat(e["event_date"]).isocalendar()
            weeks.setdefault(f"{y}-W{w:02d}", {}).setdefault(e["quad"] or e["type"], 0)
            weeks[f"{y}-W{w:02d}"][e["quad"] or e["type"]] += 1
    if weeks:
        labels = sorted(weeks)
        kinds = sorted({k for w in weeks.values() for k in w})

        def draw_events(ax: Any) -> None:
            bottom = [0] * len(labels)
            for k in kinds:
                vals = [weeks[w].get(k, 0) for w in labels]
                ax.bar(labels, vals, bottom=bottom, label=k.replace("_", " "))
                bottom = [b + v for b, v in zip(bottom, vals, strict=True)]
            ax.set_ylabel("merged events")
            ax.tick_params(axis="x", labelrotation=60, labelsize=7)
            ax.legend(fontsize=7)

        svg = _svg(draw_events)
        if svg:
            out["Events per week by PLOVER quad class"] = _scoped(svg, "weeks")
    statuses: dict[str, int] = {}
    for e in entries:
        statuses[e.status] = statuses.get(e.status, 0) + 1
    if statuses:
        def draw_status(ax: Any) -> None:
            names = sorted(statuses, key=lambda s: _STATUS_ORDER.get(s, 9))
            ax.barh(names, [statuses[s] for s in names], color="#4c72b0")
            ax.set_xlabel("commitments")

        svg = _svg(draw_status)
        if svg:
            out["Commitments by status"] = _scoped(svg, "status")
    out.update(_network_plot(events, scope))
    out.update(_matrix_plot(scope))
    return out


NETWORK_PLOT_ACTORS = 14  # the actors with most events; more labels on one circle stop being readable
_QUAD_COLOURS = {"verbal_cooperation": "#55a868", "material_cooperation": "#2a7a3b",
                 "verbal_conflict": "#dd8452", "material_conflict": "#c44e52"}


def _network_plot(events: list[dict[str, Any]], scope: _Scope) -> dict[str, str]:
    """The actor network of the period: the most active actors on a circle, one line per pair of them,
    wider with more events, coloured by the quad class most of its events have."""
    from lagebild.picture.network import build_network

    net = build_network(events, date_from=scope.date_from, date_to=scope.date_to, as_of=scope.as_of)
    top = sorted(net.nodes.values(), key=lambda n: (-n["events"], n["label"]))[:NETWORK_PLOT_ACTORS]
    if len(top) < 2 or not net.edges:
        return {}
    where = {n["actor_id"]: (math.cos(2 * math.pi * k / len(top)), math.sin(2 * math.pi * k / len(top)))
             for k, n in enumerate(top)}

    def draw(ax: Any) -> None:
        for (a, b), edge in sorted(net.edges.items()):
            if a in where and b in where:
                quad = max(_QUAD_COLOURS, key=lambda q: edge.get(q, 0))
                ax.plot(*zip(where[a], where[b], strict=True), color=_QUAD_COLOURS[quad],
                        linewidth=0.6 + 0.8 * min(edge["weight"], 6), alpha=0.7)
        for n in top:
            x, y = where[n["actor_id"]]
            ax.scatter([x], [y], s=30 + 10 * min(n["events"], 20), color="#4c72b0", zorder=3)
            label = n["label"] if n["label"] != n["actor_id"] else n["label"].replace("_", " ").title()
            ax.annotate(label, (x, y), fontsize=7, ha="center", va="bottom", xytext=(0, 6),
                        textcoords="offset points")
        ax.set_xlim(-1.4, 1.4)
        ax.set_ylim(-1.3, 1.3)
        ax.axis("off")

    svg = _svg(draw, size=(7, 4.5))
    return {"Actor network (line colour: the quad class of most events between the two)": _scoped(svg, "network")} \
        if svg else {}


_POLARITY_VALUE = {"oppose": -1.0, "conditional": 0.0, "mixed": 0.0, "support": 1.0}


def _matrix_plot(scope: _Scope) -> dict[str, str]:
    """The stance matrix of the period (countries x issues, the latest period's polarity of each cell)."""
    from lagebild.picture.matrix import stance_matrix

    m = stance_matrix(scope.docs.values(), by="country", actor=scope.actor, issue=scope.issue,
                      date_from=scope.date_from, date_to=scope.date_to)
    latest: dict[tuple[str, str], str] = {}
    for (row, issue, _period), cell in sorted(m.cells.items(), key=lambda kv: kv[0][2]):
        latest[(row, issue)] = cell.polarity
    if not latest:
        return {}
    rows = sorted({r for r, _ in latest}, key=lambda r: m.rows.get(r, r))
    issues = sorted({i for _, i in latest})

    def draw(ax: Any) -> None:
        grid = [[_POLARITY_VALUE.get(latest.get((r, i), ""), math.nan) for i in issues] for r in rows]
        ax.imshow(grid, cmap="RdYlGn", vmin=-1, vmax=1, aspect="auto")
        ax.set_xticks(range(len(issues)), [i.replace("_", " ") for i in issues], rotation=50, ha="right", fontsize=7)
        ax.set_yticks(range(len(rows)), [m.rows.get(r, r) for r in rows], fontsize=7)
        for y, r in enumerate(rows):
            for x, i in enumerate(issues):
                if (r, i) in latest:
                    ax.text(x, y, latest[(r, i)], ha="center", va="center", fontsize=6)

    svg = _svg(draw, size=(7, 1.2 + 0.35 * len(rows)))
    return {"Stance matrix (red: oppose, yellow: conditional or mixed, green: support)": _scoped(svg, "matrix")} \
        if svg else {}


# -- the whole briefing ---------------------------------------------------------------------------------------
def _scope(store: Any, date_from: date | None, date_to: date | None, as_of: date | None, actor: str | None,
           issue: str | None) -> _Scope:
    from lagebild.picture.positions import stances_in

    scope = _Scope(date_from, date_to, as_of, actor, issue)
    for doc in store.iter_documents(include_duplicates=False, date_to=as_of):
        scope.known[doc.id] = doc
        if scope.in_period(_published(doc)) and (issue is None or stances_in([doc], issue=issue)):
            scope.docs[doc.id] = doc
    # syndicated copies are not in scope, but events cite them as their source's report
    for doc in store.iter_documents(include_duplicates=True, date_to=as_of):
        scope.known.setdefault(doc.id, doc)
    return scope


def compile_brief(store: Any, *, date_from: date | None = None, date_to: date | None = None,
                  as_of: date | None = None, actor: str | None = None, issue: str | None = None,
                  plots: bool = False) -> BriefResult:
    """The briefing of ``store`` for the period, every sentence checked; failing ones dropped."""
    from lagebild.picture.merge import update_picture

    lex = load("brief")
    scope = _scope(store, date_from, date_to, as_of, actor, issue)
    events = update_picture(store)
    ledger = _ledger(scope)
    cites = _Cites()
    sections = [
        Section("events", lex["sections"]["events"], _event_claims(events, scope, cites, lex)),
        Section("quotes", lex["sections"]["quotes"], _quote_claims(scope, cites)),
        Section("positions", lex["sections"]["positions"], _position_claims(scope, cites)),
        Section("commitments", lex["sections"]["commitments"], _commitment_claims(ledger, scope, cites, lex)),
        Section("figures", lex["sections"]["figures"], _figure_claims(scope, cites, lex)),
    ]
    idx = name_index(scope.known.values())
    result = BriefResult(Briefing(_title(date_from, date_to, actor, issue)))
    kept_sections = []
    for s in sections:
        checks = check_claims(s.claims, cites.all, scope.known.get, idx)
        result.candidates += len(checks)
        result.dropped += [(c.claim, c.problems) for c in checks if not c.supported]
        kept_sections.append(Section(s.key, s.title, [c.claim for c in checks if c.supported]))
    result.briefing.sections, result.briefing.citations = _renumber(kept_sections, cites.all)
    result.briefing.header = _header(date_from, date_to, as_of)
    result.briefing.footer = [
        f"> Checked: {result.written} of {result.candidates} candidate sentences are supported by the spans "
        f"they cite (citation precision of this briefing: 100 %); {len(result.dropped)} dropped. "
        "Verify with `lagebild brief --check FILE`."]
    if plots:
        result.briefing.figures_svg = _plots(events, ledger, scope)
    return result


def _title(date_from: date | None, date_to: date | None, actor: str | None, issue: str | None) -> str:
    period = f"{date_from.isoformat() if date_from else '…'} to {date_to.isoformat() if date_to else '…'}"
    about = "".join(f", {x}" for x in (actor, issue) if x)
    return f"Briefing {period}{about}"


def _header(date_from: date | None, date_to: date | None, as_of: date | None) -> list[str]:
    lines = ["_Compiled by Lagebild from stored records: every sentence cites the spans it rests on "
             "(document, sentence, characters)._"]
    if as_of is not None:
        lines.append(f"_As known on {as_of.isoformat()}: only articles published by then._")
    when = as_of or date_to
    lines.append(f"_Commitments are rated as of {when.isoformat() if when else 'today'}._")
    return lines


def _renumber(sections: list[Section], citations: dict[int, Citation]) -> tuple[list[Section], dict[int, Citation]]:
    """Footnotes 1, 2, … in order of first use by the kept sentences; unused ones dropped."""
    new: dict[int, int] = {}
    out: dict[int, Citation] = {}
    for s in sections:
        for c in s.claims:
            for n in c.refs:
                if n not in new:
                    new[n] = len(new) + 1
                    out[new[n]] = citations[n]
            c.refs = [new[n] for n in c.refs]
    return sections, out
