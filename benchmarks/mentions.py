"""Mentions per second of the actors component on the seed articles, repeated.

Usage: .venv/bin/python benchmarks/mentions.py [--repeat 20] [--seeds ../shared/seeds]
Tokenisation (SoMaJo) is done once, outside the timing: this measures the actors layer only.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from lagebild.actors.component import ActorsComponent
from lagebild.document import Document, Metadata
from lagebild.language import tokenize


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "seeds")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(args.seeds.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no *.txt in {args.seeds}")
    docs = []
    for text in texts:
        d = Document(text, Metadata(language="de"))
        tokenize(d)
        docs.append(d)
    comp = ActorsComponent()
    t0 = time.perf_counter()
    comp(docs[0])  # loads the knowledge base and builds the automaton
    warm = time.perf_counter() - t0
    mentions = tokens = 0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for d in docs:
            comp(d)
            mentions += len(d.mentions)
            tokens += len(d.tokens)
    secs = time.perf_counter() - t0
    print(json.dumps({"docs": len(docs) * args.repeat, "mentions": mentions, "tokens": tokens,
                      "seconds": round(secs, 3), "mentions_per_s": round(mentions / secs),
                      "tokens_per_s": round(tokens / secs), "docs_per_s": round(len(docs) * args.repeat / secs, 1),
                      "startup_s": round(warm, 2)}))


if __name__ == "__main__":
    main()
