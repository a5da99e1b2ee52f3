"""The briefing as data (claims and their citations) and its Markdown and HTML forms.

A briefing is a list of sections of *claims*: one sentence each, compiled from stored records, each
with the numbers of its citations. A *citation* names a stored document (content id and export
id), its title and publication date, the number of the sentence the cited span starts in (1-based)
and the span's character offsets and text.

Markdown: a claim is one bullet line ``- sentence.[^1][^2]``; a citation is a footnote definition
``[^1]: <export id> (document <id>), “<title>”, <date>, sentence <n>, characters <start>–<end>:
“<span>”``. HTML: a claim is ``<li class="claim">`` with ``<sup class="ref">`` links, a citation
``<li class="citation">`` with the same fields in ``data-`` attributes and the span in ``<q>``.
``parse_markdown`` and ``parse_html`` read both back (``lagebild brief --check``).

Quoted text is normalised (``norm_text``): quotation marks become ``'``, ``*``, ``[`` and ``]``
spaces, whitespace collapses; the check compares stored text normalised the same way.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Briefing", "Citation", "Claim", "Section", "norm_text", "parse_html", "parse_markdown", "pdf_attachment",
           "render_html", "render_markdown", "render_pdf"]

_QUOTE_CHARS = str.maketrans({c: "'" for c in "„“”‚‘’«»‹›\"`´"} | {c: " " for c in "*[]_<>\\|#"})


def norm_text(text: str) -> str:
    """Text as a briefing quotes it: quotation marks as ``'``, no Markdown markup, single spaces."""
    return " ".join(text.translate(_QUOTE_CHARS).split())


@dataclass(frozen=True, slots=True)
class Citation:
    doc_id: str
    export_id: str
    title: str
    date: str | None
    sentence: int  # 1-based
    start: int
    end: int
    span: str  # norm_text of the stored text[start:end]

    def key(self) -> tuple[str, int, int]:
        return (self.doc_id, self.start, self.end)


@dataclass(slots=True)
class Claim:
    text: str  # one sentence, without footnote markers
    refs: list[int] = field(default_factory=list)
    kind: str = ""  # events | quotes | positions | commitments | figures (the compiler's record kind)
    records: list[str] = field(default_factory=list)  # the stored records it was compiled from


@dataclass(slots=True)
class Section:
    key: str
    title: str
    claims: list[Claim] = field(default_factory=list)


@dataclass(slots=True)
class Briefing:
    title: str
    header: list[str] = field(default_factory=list)  # lines about the briefing (period, as-of), not claims
    sections: list[Section] = field(default_factory=list)
    citations: dict[int, Citation] = field(default_factory=dict)
    footer: list[str] = field(default_factory=list)
    figures_svg: dict[str, str] = field(default_factory=dict)  # plot title -> inline SVG (HTML only)

    def claims(self) -> list[Claim]:
        return [c for s in self.sections for c in s.claims]


# -- Markdown ---------------------------------------------------------------------------------------
def _footnote(n: int, c: Citation) -> str:
    return (f"[^{n}]: {c.export_id} (document {c.doc_id}), “{norm_text(c.title)}”, {c.date or 'undated'}, "
            f"sentence {c.sentence}, characters {c.start}–{c.end}: “{c.span}”")


def render_markdown(b: Briefing) -> str:
    lines = [f"# {b.title}", ""]
    for line in b.header:
        lines += [line, ""]
    for s in b.sections:
        lines += [f"## {s.title}", ""]
        if not s.claims:
            lines += ["_Nothing in the store for this period._", ""]
            continue
        lines += [f"- {c.text}" + "".join(f"[^{n}]" for n in c.refs) for c in s.claims]
        lines.append("")
    lines += [*b.footer, ""] if b.footer else []
    lines += [_footnote(n, c) for n, c in sorted(b.citations.items())]
    return "\n".join(lines).rstrip() + "\n"


_REF = re.compile(r"\[\^(\d+)\]")
_FOOTNOTE = re.compile(r"^\[\^(\d+)\]: (?P<export>.*?) \(document (?P<doc>[^)\s]+)\), “(?P<title>.*)”, "
                       r"(?P<date>\d{4}-\d{2}-\d{2}|undated), sentence (?P<sentence>\d+), "
                       r"characters (?P<start>\d+)–(?P<end>\d+): “(?P<span>.*)”$")


def parse_markdown(text: str) -> tuple[list[Claim], dict[int, Citation], list[str]]:
    """The claims (bullet lines), the citations (footnote definitions) and the lines that look like
    a footnote but do not parse."""
    claims: list[Claim] = []
    citations: dict[int, Citation] = {}
    bad: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            body = line[2:]
            claims.append(Claim(_REF.sub("", body).strip(), [int(n) for n in _REF.findall(body)]))
        elif line.startswith("[^"):
            m = _FOOTNOTE.match(line)
            if m is None:
                bad.append(line)
                continue
            citations[int(m.group(1))] = Citation(
                m["doc"], m["export"], m["title"], None if m["date"] == "undated" else m["date"],
                int(m["sentence"]), int(m["start"]), int(m["end"]), m["span"])
    return claims, citations, bad


# -- HTML -------------------------------------------------------------------------------------------
_CSS = """body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:52em;margin:2em auto;
line-height:1.45;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
sup.ref a{text-decoration:none;font-size:.8em}.citations{font-size:.85em;color:#444}
.citations q{font-style:italic}.meta{color:#555}figure{margin:1em 0}figure svg{max-width:100%;height:auto}"""


def _claim_html(c: Claim) -> str:
    body = html.escape(c.text, quote=False)
    body = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", body)
    refs = "<sup>,</sup>".join(f'<sup class="ref"><a href="#fn-{n}">{n}</a></sup>' for n in c.refs)
    return f'<li class="claim">{body}{refs}</li>'


def _citation_html(n: int, c: Citation) -> str:
    def a(v: object) -> str:
        return html.escape(str(v), quote=True)

    return (f'<li id="fn-{n}" class="citation" data-n="{n}" data-doc="{a(c.doc_id)}" data-export="{a(c.export_id)}" '
            f'data-title="{a(norm_text(c.title))}" data-date="{a(c.date or "undated")}" data-sentence="{c.sentence}" '
            f'data-start="{c.start}" data-end="{c.end}">{a(c.export_id)} (document {a(c.doc_id)}), '
            f'“{a(norm_text(c.title))}”, {a(c.date or "undated")}, sentence {c.sentence}, characters '
            f'{c.start}–{c.end}: <q>{a(c.span)}</q></li>')


def _meta(line: str) -> str:
    """A header or footer line (Markdown: ``_…_`` emphasis, ``> `` quote, ``code``) as HTML."""
    text = html.escape(line.removeprefix("> "), quote=False)
    text = re.sub(r"^_(.*)_$", r"<em>\1</em>", text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def render_html(b: Briefing) -> str:
    parts = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{html.escape(b.title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{html.escape(b.title)}</h1>"]
    parts += [f'<p class="meta">{_meta(line)}</p>' for line in b.header]
    for title, svg in b.figures_svg.items():
        parts.append(f'<figure>{svg}<figcaption>{html.escape(title)}</figcaption></figure>')
    for s in b.sections:
        parts.append(f"<h2>{html.escape(s.title)}</h2>")
        if not s.claims:
            parts.append("<p><em>Nothing in the store for this period.</em></p>")
            continue
        parts.append('<ul class="claims">' + "".join(_claim_html(c) for c in s.claims) + "</ul>")
    parts += [f'<p class="meta">{_meta(line)}</p>' for line in b.footer]
    parts.append('<h2>Sources</h2><ol class="citations">'
                 + "".join(_citation_html(n, c) for n, c in sorted(b.citations.items())) + "</ol>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.claims: list[Claim] = []
        self.citations: dict[int, Citation] = {}
        self._claim: list[str] | None = None
        self._refs: list[int] = []
        self._in_sup = 0
        self._cite: dict[str, str] | None = None
        self._q: list[str] | None = None
        self._ignore = 0  # <svg>, <style>: never claims

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("svg", "style", "script"):
            self._ignore += 1
        elif tag == "li" and a.get("class") == "claim" and not self._ignore:
            self._claim, self._refs = [], []
        elif tag == "li" and a.get("class") == "citation":
            self._cite = a
        elif tag == "sup" and self._claim is not None:
            self._in_sup += 1
        elif tag == "a" and self._in_sup and a.get("href", "").startswith("#fn-"):
            self._refs.append(int(a["href"][4:]))
        elif tag == "em" and self._claim is not None and not self._in_sup:
            self._claim.append("*")
        elif tag == "q" and self._cite is not None:
            self._q = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style", "script"):
            self._ignore = max(0, self._ignore - 1)
        elif tag == "sup" and self._in_sup:
            self._in_sup -= 1
        elif tag == "em" and self._claim is not None and not self._in_sup:
            self._claim.append("*")
        elif tag == "li" and self._claim is not None:
            self.claims.append(Claim("".join(self._claim).strip(), self._refs))
            self._claim = None
        elif tag == "q" and self._q is not None and self._cite is not None:
            c = self._cite
            self.citations[int(c["data-n"])] = Citation(
                c["data-doc"], c["data-export"], c["data-title"],
                None if c["data-date"] == "undated" else c["data-date"], int(c["data-sentence"]),
                int(c["data-start"]), int(c["data-end"]), "".join(self._q))
            self._q, self._cite = None, None

    def handle_data(self, data: str) -> None:
        if self._q is not None:
            self._q.append(data)
        elif self._claim is not None and not self._in_sup:
            self._claim.append(data)


def parse_html(text: str) -> tuple[list[Claim], dict[int, Citation], list[str]]:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader.claims, reader.citations, []


# -- PDF ----------------------------------------------------------------------------------------------
ATTACHMENT = "briefing.md"


def render_pdf(b: Briefing) -> bytes:
    """The HTML form printed by WeasyPrint (the optional ``pdf`` extra), with the Markdown form
    attached (``briefing.md``): ``lagebild brief --check`` reads a PDF's sentences from it."""
    try:
        import weasyprint
    except ImportError as exc:  # an optional dependency
        from lagebild.errors import ConfigError

        raise ConfigError("--format pdf needs WeasyPrint: pip install 'lagebild[pdf]'") from exc
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # SVG presentation attributes it ignores
    attachment = weasyprint.Attachment(string=render_markdown(b), name=ATTACHMENT, description="briefing (Markdown)")
    pdf: bytes = weasyprint.HTML(string=render_html(b)).write_pdf(attachments=[attachment])
    return pdf


_STREAM = re.compile(rb"/EmbeddedFile\b(?P<dict>.*?)>>\s*stream\r?\n", re.S)


def pdf_attachment(data: bytes) -> str | None:
    """The Markdown attached to a briefing PDF (``render_pdf``), or None when there is none."""
    import zlib

    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            continue
        raw = data[m.end():end].rstrip(b"\r\n")
        try:
            body = zlib.decompress(raw) if b"FlateDecode" in m["dict"] else raw
            text = body.decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            continue
        if text.startswith("# "):
            return text
    return None
