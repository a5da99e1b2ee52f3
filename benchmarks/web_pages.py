"""Real web pages: metadata accuracy of HTML ingestion (title, first-publication date, authors,
outlet) against hand-written expectations (``benchmarks/data/web_pages_expected.yaml``).

The pages are saved news pages from the fundus scraper's test folder (MIT licence), kept in
``benchmarks/data/web_pages/`` (provenance in its README); another copy may be given as the first
argument: a git directory (a mirror of fundus; pages read with ``git show HEAD:…``) or a work tree.
Each page is decompressed into a temporary folder and read with ``lagebild.ingest.read_source``
as a user's saved ``.html`` file (no URL given: the page's own canonical link is all there is);
``--with-url`` gives each page its URL as a feed or URL list would.

Scores per field: right / pages. Authors: the person names in ``meta.author`` (split at commas,
semicolons, "und"/"and"/"&") must equal the expected set; "junk" counts pages whose author field
holds anything that is not an expected person (an organisation, a place, a URL, a handle).

``--quotes`` also runs the default pipeline on each page and prints the share of quotes without a
speaker (issue 11's measure on real pages; its goal: at most 25 %).

Run: .venv/bin/python benchmarks/web_pages.py [FUNDUS_MIRROR] [--set blind|blind2|blind3|tuning|all]
     [--with-url] [--show] [--quotes]
Not used by the tests or CI.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXPECTED = ROOT / "benchmarks" / "data" / "web_pages_expected.yaml"
PAGES = ROOT / "benchmarks" / "data" / "web_pages"
PREFIX = "tests/resources/parser/test_data/"
_SPLIT = re.compile(r"\s*(?:,|;|\bund\b|\band\b|&)\s*")


def read_page(source: Path, rel: str) -> bytes:
    """The page's bytes (decompressed) from the kept copy, a mirror (git directory) or a work tree."""
    work = source / rel if source == PAGES else source / PREFIX / rel
    if work.exists():
        data = work.read_bytes()
    else:
        data = subprocess.run(["git", "-C", str(source), "show", f"HEAD:{PREFIX}{rel}"],
                              capture_output=True, check=True).stdout
    return gzip.decompress(data) if rel.endswith(".gz") else data


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = s.replace("’", "'").replace("–", "-").replace("—", "-")
    return " ".join(re.sub(r"[^\w%'?-]+", " ", s).split())


def persons(author: str | None) -> list[str]:
    return [p.strip() for p in _SPLIT.split(author or "") if p.strip()]


def score_page(exp: dict[str, Any], meta: Any) -> dict[str, Any]:
    got_authors = persons(meta.author)
    want = {norm(a) for a in exp.get("authors") or []}
    have = {norm(a) for a in got_authors}
    outlets = {norm(o) for o in exp.get("outlet") or []}
    return {
        "title": norm(meta.title) in {norm(t) for t in exp["title"]},
        "published": str(meta.published) in {str(d) for d in (exp["published"] if isinstance(exp["published"], list)
                                                               else [exp["published"]])},
        "authors": have == want,
        "junk": bool(have - want),
        "outlet": norm(meta.outlet) in outlets or norm((meta.outlet or "").removeprefix("www.")) in outlets,
    }


def run(source: Path, which: str, with_url: bool, show: bool, quotes: bool = False) -> dict[str, float]:
    from lagebild.errors import IngestError
    from lagebild.ingest import read_source
    from lagebild.pipeline import default_pipeline
    from lagebild.settings import Settings

    pipeline = default_pipeline(Settings.from_env()) if quotes else None
    counts = {"quotes": 0, "no speaker": 0}

    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    pages = [p for name in ("blind", "blind2", "blind3", "tuning") if which in (name, "all") for p in expected.get(name) or []]
    totals = {"title": 0, "published": 0, "authors": 0, "junk": 0, "outlet": 0}
    errors = 0
    with tempfile.TemporaryDirectory() as tmp:
        for exp in pages:
            rel = exp["path"]
            data = read_page(source, rel)
            path = Path(tmp) / (Path(rel).name.removesuffix(".gz"))
            if with_url:  # a JSONL line with the page's markup and its URL, as a crawler gives it
                path = path.with_suffix(".jsonl")
                line = {"html": data.decode("utf-8", "replace"), "url": exp["url"]}
                path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
            else:
                path.write_bytes(data)
            results = list(read_source(path))
            doc = results[0] if results else None
            if doc is None or isinstance(doc, IngestError):
                errors += 1
                print(f"ERROR {rel}: {doc}")
                continue
            if pipeline is not None:
                quotes = pipeline(doc).quotes
                counts["quotes"] += len(quotes)
                counts["no speaker"] += sum(q.speaker is None for q in quotes)
            s = score_page(exp, doc.meta)
            for k, v in s.items():
                totals[k] += int(v)
            if show or not all(v for k, v in s.items() if k != "junk") or s["junk"]:
                bad = ",".join(k for k, v in s.items() if (not v if k != "junk" else v))
                print(f"{rel}: {bad or 'ok'}\n  title={doc.meta.title!r}\n  published={doc.meta.published} "
                      f"({doc.meta.published_source})  author={doc.meta.author!r}  outlet={doc.meta.outlet!r}")
    n = len(pages)
    print(f"\n{which}: {n} pages, {errors} not ingested" + (" (with URL)" if with_url else " (no URL)"))
    for k, v in totals.items():
        label = "pages with junk in the author field" if k == "junk" else f"{k} right"
        print(f"  {label:38s} {v:3d}/{n}  {100 * v / max(n, 1):5.1f} %")
    if pipeline is not None:
        share = counts["no speaker"] / max(counts["quotes"], 1)
        print(f"  quotes without a speaker              {counts['no speaker']}/{counts['quotes']}  {100 * share:5.1f} %")
    return {k: v / max(n, 1) for k, v in totals.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, nargs="?", default=PAGES,
                    help="the fundus mirror (git directory) or work tree (default: benchmarks/data/web_pages)")
    ap.add_argument("--set", default="blind", choices=("blind", "blind2", "blind3", "tuning", "all"))
    ap.add_argument("--with-url", action="store_true", help="give each page its URL")
    ap.add_argument("--show", action="store_true", help="print every page, not only the misses")
    ap.add_argument("--quotes", action="store_true", help="also analyse each page: the share of quotes without a speaker")
    args = ap.parse_args()
    run(args.source, args.set, args.with_url, args.show, args.quotes)


if __name__ == "__main__":
    main()
