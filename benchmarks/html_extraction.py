"""HTML extraction: what each step of ``lagebild.ingest.html.extract_html`` costs per page.

Steps, timed page by page: parsing the page into an lxml tree (trafilatura's ``load_html``),
htmldate's quick date search on that tree, trafilatura's text + metadata extraction on that tree
(the parse not counted in these two), and ``extract_html`` as a whole (the page parsed once, the
tree shared; trafilatura's own date step runs the quick search when htmldate found a date). For comparison, the
earlier way in the same run: trafilatura and htmldate each given the HTML string, so each parses
it, and trafilatura's extensive date search on every page.

Pages: every ``*.html`` under ``DIR`` (e.g. saved news pages), else pages generated from the demo
articles (examples/corpus) in a temporary folder, each wrapped in a page with navigation, teasers,
a cookie notice and a footer.

Run: .venv/bin/python benchmarks/html_extraction.py [DIR] [--out benchmarks/results/html.md]
"""

from __future__ import annotations

import argparse
import html as html_lib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{title} | Beispielzeitung</title>
<meta property="og:title" content="{title}"><meta name="author" content="Redaktion Beispielzeitung">
<meta property="article:published_time" content="{date}T09:30:00+01:00">
<link rel="canonical" href="https://www.example.org/politik/{slug}.html"></head>
<body><header><nav><ul>{nav}</ul></nav><div class="cookie">Wir verwenden Cookies. <a href="#">Mehr</a></div></header>
<main><article><h1>{title}</h1><p class="meta">Von Redaktion Beispielzeitung · <time datetime="{date}">{date}</time></p>
{body}</article>
<aside><h2>Mehr zum Thema</h2><ul>{teasers}</ul></aside></main>
<footer><p>© Beispielzeitung. Alle Rechte vorbehalten.</p><ul>{nav}</ul></footer></body></html>
"""


def generate_pages(folder: Path) -> list[Path]:
    """One page per demo article (examples/corpus), written to ``folder``."""
    from lagebild.errors import IngestError
    from lagebild.ingest import read_source

    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in ("Politik", "Wirtschaft", "Kultur", "Sport"))
    teasers = "".join(f'<li><a href="/t{i}">Weitere Meldung {i} aus dem Ressort</a></li>' for i in range(8))
    paths = []
    for doc in read_source(ROOT / "examples" / "corpus"):
        if isinstance(doc, IngestError):
            continue
        title = doc.meta.title or doc.text.split("\n", 1)[0][:80]
        body = "\n".join(f"<p>{html_lib.escape(p.strip())}</p>" for p in doc.text.split("\n\n") if p.strip())
        date = doc.meta.published.isoformat() if doc.meta.published else "2022-02-15"
        path = folder / f"{doc.meta.export_id or doc.id}.html"
        path.write_text(PAGE.format(title=html_lib.escape(title), date=date, slug=path.stem, nav=nav,
                                    teasers=teasers, body=body), encoding="utf-8")
        paths.append(path)
    return paths


def _steps() -> dict[str, Callable[[str, Any], Any]]:
    """Each step takes the page and its pre-parsed tree (trafilatura and htmldate copy a tree
    before changing it, so one tree serves every step)."""
    import trafilatura
    from htmldate import find_date
    from trafilatura.utils import load_html

    from lagebild.errors import IngestError
    from lagebild.ingest.html import extract_html

    def whole(page: str, _tree: Any) -> Any:
        try:
            return extract_html(page, "bench")
        except IngestError:  # a page without article text is still timed
            return None

    return {
        "parse (lxml tree)": lambda page, _tree: load_html(page),
        "htmldate quick search (on the tree)": lambda _page, tree: find_date(
            tree, original_date=True, extensive_search=False),
        "trafilatura text + metadata (on the tree)": lambda _page, tree: trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False),
        "extract_html (all of it, one parse)": whole,
        "before: trafilatura(string) + htmldate(string)": lambda page, _tree: (
            trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False),
            find_date(page, original_date=True, extensive_search=False)),
    }


def measure(pages: list[str]) -> dict[str, list[float]]:
    """Seconds per page for every step, in the same order over the same pages."""
    from trafilatura.utils import load_html

    steps = _steps()
    trees = [load_html(page) for page in pages]
    for step in steps.values():  # first calls load trafilatura's and htmldate's settings
        step(pages[0], trees[0])
    times: dict[str, list[float]] = {name: [] for name in steps}
    for page, tree in zip(pages, trees, strict=True):
        if tree is None:
            continue
        for name, step in steps.items():
            t0 = time.process_time()  # CPU time: a busy machine disturbs it less than the wall clock
            step(page, tree)
            times[name].append(time.process_time() - t0)
    return times


def main() -> None:
    from lagebild.ingest.encoding import decode_bytes

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", type=Path, help="folder of saved .html pages (default: generated)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "html.md")
    ap.add_argument("--label", help="how the results name the pages (default: the folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(args.dir.rglob("*.html")) if args.dir else generate_pages(Path(tmp))
        pages = [decode_bytes(p.read_bytes(), str(p)).text for p in files]
    if not pages:
        raise SystemExit("no .html pages found")
    times = measure(pages)
    source = f"{len(pages)} saved pages ({args.label or args.dir})" if args.dir else \
        f"{len(pages)} pages generated from the demo articles"
    lines = [f"{source}; each step timed page by page (CPU time), all steps in the same run. "
             f"Python {sys.version.split()[0]}.",
             "", "| step | ms/page mean | median | max | pages/s |", "|---|---:|---:|---:|---:|"]
    for name, secs in times.items():
        mean = statistics.fmean(secs)
        lines.append(f"| {name} | {1000 * mean:.1f} | {1000 * statistics.median(secs):.1f} | "
                     f"{1000 * max(secs):.1f} | {1 / mean:,.1f} |")
    report = "\n".join(lines)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
