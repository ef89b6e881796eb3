"""The actor network as GraphML and GEXF (networkx): open it in Gephi, Cytoscape or networkx.

Nodes are actors (name, kind, country, sector, Wikidata id, events, first and
last seen); an edge joins two actors that share events (events, PLOVER score
sum, cooperation and hostility counts, first/last seen, types) or a structural
tie read from articles (``ties``: "a part_of b" …). Both formats want scalar
attributes: lists are joined with ``; `` and missing values left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from tidings.export.base import Format
from tidings.export.bundle import iso
from tidings.store import export_queries as q
from tidings.store.export_queries import Selection
from tidings.store.store import Store


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return round(value, 6)
    return iso(value)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: _scalar(v) for k, v in attrs.items() if v is not None and v != [] and v != ""}


def build(store: Store, selection: Selection) -> nx.Graph:
    """The undirected actor graph of the selected events."""
    graph = nx.Graph(name="tidings actor network")
    pairs = q.pairs(store, selection)
    seen: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        for side in (pair["a"], pair["b"]):
            stats = seen.setdefault(side, {"events": 0, "first_seen": None, "last_seen": None})
            stats["events"] += pair["events"]
            if pair["first_seen"] and (stats["first_seen"] is None or pair["first_seen"] < stats["first_seen"]):
                stats["first_seen"] = pair["first_seen"]
            if pair["last_seen"] and (stats["last_seen"] is None or pair["last_seen"] > stats["last_seen"]):
                stats["last_seen"] = pair["last_seen"]
    actors = {a["id"]: a for a in q.actors(store, selection)}
    for actor_id in sorted(set(actors) | set(seen)):
        actor = actors.get(actor_id, {"id": actor_id, "name": actor_id})
        stats = seen.get(actor_id, {"events": 0})
        graph.add_node(actor_id, **_clean({"label": actor.get("name"), **{k: actor.get(k) for k in (
            "kind", "country", "sector", "wikidata", "parent")}, **stats}))
    for pair in pairs:
        graph.add_edge(pair["a"], pair["b"], **_clean({
            "events": pair["events"], "score": float(pair["score"] or 0), "weight": pair["events"],
            "cooperation": pair["cooperation"], "hostility": pair["hostility"], "first_seen": pair["first_seen"],
            "last_seen": pair["last_seen"], "types": pair["types"], "sources": pair["sources"],
            "confidence": pair["confidence"]}))
    for tie in q.ties(store, list(graph.nodes)):
        attrs = graph.get_edge_data(tie["a"], tie["b"]) or {"events": 0, "weight": 0, "score": 0.0}
        ties = [t for t in str(attrs.get("ties", "")).split("; ") if t]
        ties.append(f"{tie['a']} {tie['kind']} {tie['b']}")
        graph.add_edge(tie["a"], tie["b"], **{**attrs, "ties": "; ".join(sorted(set(ties)))})
    return graph


def write_graphml(store: Store, selection: Selection, path: Path) -> int:
    graph = build(store, selection)
    nx.write_graphml(graph, path)
    return graph.number_of_edges()


def write_gexf(store: Store, selection: Selection, path: Path) -> int:
    graph = build(store, selection)
    nx.write_gexf(graph, path)
    return graph.number_of_edges()


FORMATS = (
    Format("graphml", ".graphml", "the actor network as GraphML (networkx, Gephi, Cytoscape)", write_graphml),
    Format("gexf", ".gexf", "the actor network as GEXF (Gephi)", write_gexf),
)

__all__ = ["FORMATS", "build", "write_graphml", "write_gexf"]
