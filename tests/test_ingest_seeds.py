"""Metadata accuracy on the dev seeds (../shared), pinned as minimums; skipped without them."""

from __future__ import annotations

import json
from pathlib import Path

from lagebild.document import Document
from lagebild.ingest import read_source
from lagebild.settings import Settings

# measured: author 5/5, genre 5/5, published 1/5 from ingestion alone (the rest have no
# dateline; the time component infers them from the text). Never lower silently.
MINIMUM = {"author": 5, "genre": 5, "published": 1, "language": 5}


def _norm(value: object) -> str | None:
    return None if value is None else " ".join(str(value).casefold().split())


def test_ingest_seed_metadata_accuracy(seeds_dir: Path, gold_dir: Path) -> None:
    correct = dict.fromkeys(MINIMUM, 0)
    for result in read_source(seeds_dir, Settings()):
        assert isinstance(result, Document), result
        gold = json.loads((gold_dir / f"{result.meta.export_id}.gold.json").read_text(encoding="utf-8"))
        m = result.meta
        got = {"author": m.author, "genre": m.genre, "language": m.language,
               "published": m.published.isoformat() if m.published else None}
        for key in MINIMUM:
            # a published date ingestion cannot see counts as neither right nor wrong here,
            # but a wrong one would be: check only the ones it sets
            if key == "published" and got[key] is None:
                continue
            assert _norm(got[key]) == _norm(gold.get(key)), (result.meta.export_id, key, got[key], gold.get(key))
            correct[key] += 1
    for key, minimum in MINIMUM.items():
        assert correct[key] >= minimum, (key, correct[key], minimum)
