"""Build ``static/basemap.json`` (country outlines as SVG paths) from the npm package world-atlas.

Run at build time, not at run time: ``npm ci --ignore-scripts`` in this folder (versions pinned by
package-lock.json), then ``python build_basemap.py``. The output is committed and shipped in the
wheel, so the map never needs the network. world-atlas is ISC-licensed; its data is Natural
Earth's 1:110m countries, which are in the public domain. The TopoJSON decoding below is ours.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "node_modules" / "world-atlas" / "countries-110m.json"
TARGET = HERE.parent / "static" / "basemap.json"


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Delta-decoded, de-quantized arcs as (lon, lat) lists."""
    scale = topology["transform"]["scale"]
    shift = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One closed ring from arc indices; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path in an equirectangular 360 × 180 frame: x = lon + 180, y = 90 − lat."""
    parts = []
    for points in rings:
        # Rings that cross the antimeridian (Russia, Fiji) are cut there rather than drawn across the world.
        runs: list[list[tuple[float, float]]] = [[]]
        for point in points:
            if runs[-1] and abs(point[0] - runs[-1][-1][0]) > 180:
                runs.append([])
            runs[-1].append(point)
        for run in runs:
            coords = [f"{lon + 180:.1f} {90 - lat:.1f}" for lon, lat in run]
            deduped = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
            if len(deduped) >= 3:
                parts.append("M" + "L".join(deduped) + "Z")
    return "".join(parts)


def build() -> list[dict[str, str]]:
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        countries.append({"id": str(geometry.get("id", "")), "name": geometry.get("properties", {}).get("name", ""),
                          "d": path(rings)})
    return countries


if __name__ == "__main__":
    data = {"source": "world-atlas 2.0.2 countries-110m (Natural Earth, public domain; package ISC)",
            "frame": "equirectangular, x = lon + 180, y = 90 - lat", "countries": build()}
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{len(data['countries'])} countries → {TARGET} ({TARGET.stat().st_size // 1024} kB)")
