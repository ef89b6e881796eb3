"""Geometry for the server-drawn SVG: network positions, map projection, bars and sparklines.

Drawing on the server keeps the pages usable without JavaScript and keeps
our scripts small; the numbers here are all the templates need.
"""

from __future__ import annotations

import json
import math
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

Row = dict[str, Any]
BASEMAP = Path(__file__).resolve().parent / "static" / "basemap.json"
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#d62728", "#2ca02c", "#9467bd")
COOPERATION, HOSTILITY, NEUTRAL = "#2e8b57", "#c0392b", "#8a8f98"
PLACE_RADIUS = {"point": 0.9, "city": 1.4, "region": 3.5, "country": 7.0}


def type_colour(event_type: str, types: list[str]) -> str:
    return PALETTE[types.index(event_type) % len(PALETTE)] if event_type in types else NEUTRAL


def tone(score: float | None) -> str:
    if score is None or abs(score) < 1e-9:
        return NEUTRAL
    return COOPERATION if score > 0 else HOSTILITY


def network_layout(nodes: list[Row], edges: list[Row], *, width: int = 1000, height: int = 680) -> list[Row]:
    """Node positions from a seeded spring layout: the same store always draws the same picture."""
    if not nodes:
        return []
    positions = _positions(tuple(n["id"] for n in nodes), tuple((e["a"], e["b"], e["events"]) for e in edges))
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    pad = 60
    out = []
    for node in nodes:
        x, y = positions[node["id"]]
        out.append(node | {"x": round(pad + (x - min(xs)) / span_x * (width - 2 * pad), 1),
                           "y": round(pad + (y - min(ys)) / span_y * (height - 2 * pad), 1),
                           "r": round(4 + 2.5 * math.sqrt(node["events"] or 1), 1)})
    return out


@lru_cache(maxsize=32)
def _positions(nodes: tuple[str, ...], edges: tuple[tuple[str, str, int], ...]) -> dict[str, tuple[float, float]]:
    """Cached: a read-only store asks for the same graph again and again, and the layout is the slow part."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b, {"weight": 1 + math.log2(n)}) for a, b, n in edges)
    found = nx.spring_layout(graph, seed=7, k=1.6 / math.sqrt(len(graph)), iterations=50)
    return {node: (float(x), float(y)) for node, (x, y) in found.items()}


def edge_width(events: int) -> float:
    return round(1 + 1.6 * math.log2(max(events, 1)), 2)


@cache
def basemap() -> list[dict[str, str]]:
    """Country outlines shipped in the package (built from world-atlas by assets/build_basemap.py)."""
    countries = json.loads(BASEMAP.read_text(encoding="utf-8"))["countries"]
    return [c for c in countries if c["id"] != "010"]  # Antarctica: no events, and it smears the frame


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular, as the basemap: x = lon + 180, y = 90 − lat."""
    return round(lon + 180, 3), round(90 - lat, 3)


def map_view(points: list[Row]) -> tuple[list[Row], str]:
    """Points placed on the basemap's frame, and a viewBox that frames them (the world when there are none)."""
    placed = []
    for point in points:
        x, y = project(point["lat"], point["lon"])
        radius = PLACE_RADIUS.get(point["precision"] or "", 1.4)
        placed.append(point | {"x": x, "y": y, "r": radius,
                               "dot": round(0.6 + 0.35 * math.sqrt(point["events"]), 2)})
    if not placed:
        return placed, "0 0 360 180"
    xs, ys = [p["x"] for p in placed], [p["y"] for p in placed]
    margin = 12.0
    x0, x1 = max(min(xs) - margin, 0), min(max(xs) + margin, 360)
    y0, y1 = max(min(ys) - margin, 0), min(max(ys) + margin, 180)
    w, h = x1 - x0, y1 - y0
    if w < h * 1.6:  # keep a landscape frame
        grow = (h * 1.6 - w) / 2
        x0, w = max(x0 - grow, 0), min(h * 1.6, 360)
    return placed, f"{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}"


def sparkline(months: list[Row], *, width: int = 160, height: int = 36) -> list[Row]:
    """Monthly score bars: above the line cooperation, below it hostility."""
    if not months:
        return []
    top = max(abs(m["score"] or 0) for m in months) or 1.0
    step = min(width / max(len(months), 1), 24.0)
    mid = height / 2
    bars = []
    for i, month in enumerate(months):
        score = month["score"] or 0
        size = max(abs(score) / top * (mid - 1), 1)
        bars.append({"x": round(i * step, 1), "w": round(max(step - 1, 1), 1),
                     "y": round(mid - size if score > 0 else mid, 1), "h": round(size, 1), "fill": tone(score),
                     "label": f"{month['month']:%Y-%m}: {month['n_events']} events, score {score:g}"})
    return bars


def week_bars(rows: list[Row], weeks: list[date], types: list[str], *, height: int = 220) -> tuple[list[Row], int]:
    """Stacked bars per week; the chart's width follows the number of weeks."""
    counts: dict[date, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["week"], {})[row["type"]] = row["events"]
    top = max((sum(c.values()) for c in counts.values()), default=1)
    step = 14
    bars = []
    for i, week in enumerate(weeks):
        y = float(height)
        for event_type in types:
            n = counts.get(week, {}).get(event_type, 0)
            if not n:
                continue
            size = n / top * (height - 10)
            y -= size
            bars.append({"x": i * step, "y": round(y, 1), "w": step - 2, "h": round(size, 1),
                         "fill": type_colour(event_type, types), "label": f"week of {week}: {n} {event_type}"})
    return bars, max(len(weeks) * step, 200)


__all__ = ["network_layout", "edge_width", "basemap", "project", "map_view", "sparkline", "week_bars", "tone",
           "type_colour", "PALETTE"]
