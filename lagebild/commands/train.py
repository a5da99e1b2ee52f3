"""``lagebild train``: train or rebuild Lagebild's own models (the German NER CRF, the HanTa word table)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from lagebild.language.ner import MODEL_PATH
from lagebild.language.ner_train import DEFAULT_C1, DEFAULT_C2, DEFAULT_ITERATIONS, DEFAULT_MINFREQ, train_ner
from lagebild.language.wordtags import WORD_TAGS_PATH

app = typer.Typer(help="Train Lagebild's own models.", no_args_is_help=True, add_completion=False)

DEFAULT_DATA = Path("../shared/data/germeval2014-ner")


@app.callback()
def main() -> None:
    """Train Lagebild's own models (a group, so `lagebild train ner` keeps its sub-command)."""


@app.command("ner")
def ner(
    data: Annotated[Path, typer.Option("--data", help="Folder with GermEval 2014 NER-de-dev.tsv and "
                                                      "NER-de-test.tsv.")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option("--out", help="Model file to write; metadata goes next to it "
                                                    "(.json).")] = MODEL_PATH,
    c1: Annotated[float, typer.Option(help="L1 regularisation.")] = DEFAULT_C1,
    c2: Annotated[float, typer.Option(help="L2 regularisation.")] = DEFAULT_C2,
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations at most.")] = DEFAULT_ITERATIONS,
    minfreq: Annotated[float, typer.Option(help="Drop features seen fewer times than this.")] = DEFAULT_MINFREQ,
    seed: Annotated[int, typer.Option(help="Recorded in the metadata (training is deterministic).")] = 13,
) -> None:
    """Train the German NER model (CRF) on GermEval 2014 and print its scores.

    Example: lagebild train ner --data ../shared/data/germeval2014-ner --out lagebild/models/ner_de.crfsuite
    """
    from lagebild.settings import Settings
    from lagebild.store.export import check_output_path

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not data.is_dir():
        typer.echo(f"error: {data} is not a folder with the GermEval 2014 files", err=True)
        raise typer.Exit(2)
    check_output_path(out, Settings.from_env().db)  # not a folder, a missing folder, the store or a database
    meta = train_ner(data, out, seed=seed, c1=c1, c2=c2, iterations=iterations, minfreq=minfreq)
    summary = {split: {lab: s["f1"] for lab, s in scores.items() if isinstance(s, dict)}
               for split, scores in meta["scores"].items()}
    typer.echo(json.dumps({"model": str(out), "bytes": meta["model_bytes"], "f1": summary,
                           "train_seconds": meta["train_seconds"]}, indent=2))


@app.command("word-tags")
def word_tags_command(
    out: Annotated[Path, typer.Option("--out", help="Table to write (gzipped TSV).")] = WORD_TAGS_PATH,
    workers: Annotated[int, typer.Option(help="Processes (HanTa is single-threaded).")] = 2,
) -> None:
    """Rebuild the table of HanTa's analyses of German forms outside its lexicon (after a HanTa upgrade).

    HanTa reads each of the ~160,000 forms once (a few minutes); the clause layer then looks them up
    instead of running HanTa's morpheme search. Example: lagebild train word-tags --workers 2
    """
    import time

    from lagebild.language.wordtags import build_word_tags
    from lagebild.settings import Settings
    from lagebild.store.export import check_output_path

    check_output_path(out, Settings.from_env().db)
    t0 = time.perf_counter()
    n = build_word_tags(out, workers=max(1, workers))
    typer.echo(json.dumps({"table": str(out), "forms": n, "seconds": round(time.perf_counter() - t0, 1)}))
