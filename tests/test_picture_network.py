"""The actor network (``lagebild network``): GraphML that networkx loads, JSON, CSV, safe outputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
from picture_reports import store_reports, url_of
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.store import testing as _fixtures
from lagebild.store.base import Store

store = _fixtures.store  # both backends
pg_session_url = _fixtures.pg_session_url
runner = CliRunner()


def _by_label(graph: nx.DiGraph) -> dict[str, str]:
    return {data["label"]: node for node, data in graph.nodes(data=True)}


def test_picture_network_graphml_loads_in_networkx_with_the_expected_edges(store: Store, tmp_path: Path) -> None:
    store_reports(store)
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["network", "--format", "graphml", "-o", str(out), "--db", url_of(store)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert graph.is_directed()
    ids = _by_label(graph)
    assert set(ids) == {"United States", "Russia", "NATO", "Ukraine"}
    pairs = {frozenset((graph.nodes[u]["label"], graph.nodes[v]["label"])) for u, v in graph.edges}
    assert pairs == {frozenset(("United States", "Russia")), frozenset(("NATO", "Russia")),
                     frozenset(("Russia", "Ukraine"))}
    threat = graph.edges[ids["Russia"], ids["Ukraine"]]
    assert threat["verbal_conflict"] == 1 and threat["verbal_cooperation"] == 0
    (geneva,) = [graph.edges[e] for e in graph.edges if {graph.nodes[n]["label"] for n in e} == {"United States",
                                                                                                  "Russia"}]
    assert geneva["weight"] == 1 and geneva["verbal_cooperation"] == 1, "four reports, one meeting"


def test_picture_network_ids_are_stable_content_hashes(store: Store) -> None:
    store_reports(store)
    runs = [runner.invoke(app, ["network", "--format", "json", "--db", url_of(store)]) for _ in range(2)]
    assert runs[0].exit_code == 0, runs[0].output
    assert runs[0].stdout == runs[1].stdout
    net = json.loads(runs[0].stdout)
    russia = next(n for n in net["nodes"] if n["actor_id"] == "russia")
    import hashlib

    assert russia["id"] == "a_" + hashlib.sha256(b"russia").hexdigest()[:12]


def test_picture_network_period_filter_and_csv(store: Store, tmp_path: Path) -> None:
    store_reports(store)
    out = tmp_path / "net.csv"
    result = runner.invoke(app, ["network", "--format", "csv", "-o", str(out), "--from", "2022-01-11",
                                 "--db", url_of(store)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["source_label"], r["target_label"]) for r in rows] == [("NATO", "Russia")]


def test_picture_network_never_overwrites_the_store(store: Store, tmp_path: Path) -> None:
    if store.backend != "sqlite":
        return
    store_reports(store)
    db = url_of(store)
    before = Path(db).read_bytes()[:16]
    result = runner.invoke(app, ["network", "--format", "graphml", "-o", db, "--db", db])
    assert result.exit_code == 3
    assert "refusing" in result.output
    assert Path(db).read_bytes()[:16] == before
