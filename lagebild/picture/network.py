"""The actor network: who interacts with whom, weighted by PLOVER quad class, over a period.

Built from merged events (``merge.update_picture``), so one meeting reported by ten articles is one
interaction. A directed edge ``source -> target`` counts the events of each quad class
(``verbal_cooperation``, ``material_cooperation``, ``verbal_conflict``, ``material_conflict``);
``weight`` is their sum. Node and edge ids are content hashes of the actor ids (stable across
runs and stores): ``a_<12 hex>`` for an actor, ``e_<12 hex>`` for an ordered pair.

Formats: GraphML (Gephi, networkx ``read_graphml``), JSON (``{"nodes": [...], "edges": [...]}``),
CSV (one edge a row, cells safe for spreadsheets).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError
from lagebild.picture.merge import QUAD_CLASSES, event_view
from lagebild.picture.timeline import in_period
from lagebild.store.export import check_output_path, csv_cell

FORMATS = ("graphml", "json", "csv")
QUADS = tuple(dict.fromkeys(QUAD_CLASSES.values()))


def _hid(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


@dataclass
class Network:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # actor id -> node
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (source, target) -> edge

    def as_dict(self) -> dict[str, Any]:
        return {"directed": True,
                "nodes": sorted(self.nodes.values(), key=lambda n: n["id"]),
                "edges": sorted(self.edges.values(), key=lambda e: e["id"])}


def _node(net: Network, actor_id: str, event: dict[str, Any]) -> dict[str, Any]:
    node = net.nodes.get(actor_id)
    if node is None:
        names = event["actors"].get(actor_id, {}).get("names") or [actor_id]
        node = net.nodes[actor_id] = {"id": _hid("a_", actor_id), "actor_id": actor_id, "label": names[0],
                                      "events": 0}
    return node


def build_network(events: Iterable[dict[str, Any]], *, date_from: date | None = None, date_to: date | None = None,
                  as_of: date | None = None) -> Network:
    """The network of the merged ``events`` whose event date falls in the period (as known on ``as_of``)."""
    net = Network()
    for event in events:
        view = event_view(event, as_of)
        if view is None or not in_period(view, date_from, date_to):
            continue
        quad = view.get("quad")
        when = view.get("event_date") or view.get("first_published") or ""
        for actor_id in view["actors"]:
            _node(net, actor_id, view)["events"] += 1
        if quad is None:
            continue
        for source, target in {(s, t) for s, t in view["pairs"] if s != t}:
            s_node, t_node = _node(net, source, view), _node(net, target, view)
            edge = net.edges.get((source, target))
            if edge is None:
                edge = net.edges[(source, target)] = {
                    "id": _hid("e_", source, target), "source": s_node["id"], "target": t_node["id"],
                    "source_actor": source, "target_actor": target, "weight": 0, **dict.fromkeys(QUADS, 0),
                    "first_date": when, "last_date": when, "event_ids": []}
            edge["weight"] += 1
            edge[quad] += 1
            edge["event_ids"].append(view["id"])
            if when:
                edge["first_date"] = min(edge["first_date"] or when, when)
                edge["last_date"] = max(edge["last_date"] or when, when)
    return net


# -- output ---------------------------------------------------------------------------------------
_NODE_KEYS = (("label", "string"), ("actor_id", "string"), ("events", "int"))
_EDGE_KEYS = (("weight", "int"), *((q, "int") for q in QUADS), ("first_date", "string"), ("last_date", "string"),
              ("event_ids", "string"))


def _graphml(net: Network) -> str:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    for name, kind in _NODE_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": "node", "attr.name": name, "attr.type": kind})
    for name, kind in _EDGE_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "lagebild", "edgedefault": "directed"})
    data = net.as_dict()
    for node in data["nodes"]:
        el = ET.SubElement(graph, "node", {"id": node["id"]})
        for name, _ in _NODE_KEYS:
            ET.SubElement(el, "data", {"key": name}).text = _xml_safe(node[name])
    for edge in data["edges"]:
        el = ET.SubElement(graph, "edge", {"id": edge["id"], "source": edge["source"], "target": edge["target"]})
        for name, _ in _EDGE_KEYS:
            value = " ".join(edge[name]) if name == "event_ids" else edge[name]
            ET.SubElement(el, "data", {"key": name}).text = _xml_safe(value)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_safe(value: Any) -> str:
    """Text XML 1.0 can hold: control characters (other than tab, newline) become U+FFFD."""
    text = str(value)
    return "".join(ch if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff") else "\ufffd"
                   for ch in text)


_CSV_COLUMNS = ("id", "source", "source_label", "target", "target_label", "weight", *QUADS, "first_date",
                "last_date", "event_ids")


def _csv(net: Network) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for edge in net.as_dict()["edges"]:
        row = {**edge, "source": edge["source_actor"], "target": edge["target_actor"],
               "source_label": net.nodes[edge["source_actor"]]["label"],
               "target_label": net.nodes[edge["target_actor"]]["label"], "event_ids": " ".join(edge["event_ids"])}
        writer.writerow([csv_cell(row[c]) for c in _CSV_COLUMNS])
    return buf.getvalue()


def render_network(net: Network, fmt: str) -> str:
    """The network as text in ``fmt`` (graphml | json | csv)."""
    if fmt == "graphml":
        return _graphml(net)
    if fmt == "json":
        return json.dumps(net.as_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(net)
    raise ConfigError(f"unknown network format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_network(net: Network, fmt: str, out_path: str | Path, *, store_url: str | Path | None = None) -> Path:
    """Write the network to ``out_path`` (refused as the store's export path checks refuse it: never
    the store or another database); the file is replaced only when complete."""
    return write_text(render_network(net, fmt), out_path, store_url=store_url)


def write_text(text: str, out_path: str | Path, *, store_url: str | Path | None = None) -> Path:
    """Write ``text`` (UTF-8) to ``out_path``; see ``write_bytes``."""
    return write_bytes(text.encode("utf-8"), out_path, store_url=store_url)


def write_bytes(data: bytes, out_path: str | Path, *, store_url: str | Path | None = None) -> Path:
    """Write ``data`` to ``out_path`` (never the store or another database), replaced only when complete."""
    target = check_output_path(out_path, store_url)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise ConfigError(f"cannot write {out_path}: {exc.strerror} ({target.parent})") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target
