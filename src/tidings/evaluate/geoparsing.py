"""Geoparsing: GeoWebNews (GWN.xml) and LGL (lgl.xml) toponyms against the places of our reports.

Recognition: a gold toponym is found when one of our place mentions overlaps
its span. Gold toponyms are the literal types of GeoWebNews (Literal,
Literal_Modifier, Mixed, Coercion, Embedded_Literal) and every LGL toponym;
our mentions that overlap an associative GeoWebNews toponym (Metonymic,
Non_Literal_Modifier, Demonym, Embedded_Non_Lit, Language, Homonym) count
neither way. Resolution, for found toponyms with gold coordinates: distance
from our place's lat/lon; accuracy within 161 km (100 miles) and the median.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tidings.evaluate.common import Extract, default_extract, limited, run_records
from tidings.evaluate.metrics import EvalResult, haversine_km, median, overlaps
from tidings.model import Report

LITERAL = {"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"}
NEUTRAL = {"Metonymic", "Non_Literal_Modifier", "Demonym", "Embedded_Non_Lit", "Language", "Homonym"}
NEAR_KM = 161.0


@dataclass(slots=True)
class Toponym:
    span: tuple[int, int]
    name: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class GeoDoc:
    id: str
    corpus: str
    text: str
    toponyms: list[Toponym]
    neutral: list[tuple[int, int]]


def _float(node: ET.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text else None
    except ValueError:
        return None


def _gwn(path: Path) -> list[GeoDoc]:
    docs: list[GeoDoc] = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        tops: list[Toponym] = []
        neutral: list[tuple[int, int]] = []
        for top in article.iter("toponym"):
            kind = top.findtext("type") or ""
            span = (int(top.findtext("start") or 0), int(top.findtext("end") or 0))
            if kind in LITERAL:
                tops.append(Toponym(span, top.findtext("extractedName") or "", _float(top.find("latitude")),
                                    _float(top.find("longitude"))))
            elif kind in NEUTRAL:
                neutral.append(span)
        docs.append(GeoDoc(f"gwn-{article.get('file')}", "GeoWebNews", text, tops, neutral))
    return docs


def _lgl(path: Path) -> list[GeoDoc]:
    docs: list[GeoDoc] = []
    for article in ET.parse(path).getroot().iter("article"):
        tops = []
        for top in article.iter("toponym"):
            gaz = top.find("gaztag")
            tops.append(Toponym((int(top.findtext("start") or 0), int(top.findtext("end") or 0)),
                                top.findtext("phrase") or "", _float(gaz.find("lat")) if gaz is not None else None,
                                _float(gaz.find("lon")) if gaz is not None else None))
        docs.append(GeoDoc(f"lgl-{article.get('docid')}", "LGL", article.findtext("text") or "", tops, []))
    return docs


def load_gold(path: Path, *, limit: int | None = None) -> list[GeoDoc]:
    """GeoWebNews and LGL documents; ``limit`` applies to each corpus. A single .xml file is read alone."""
    if path.is_file():
        return list(limited(_lgl(path) if "lgl" in path.name.lower() else _gwn(path), limit))
    docs: list[GeoDoc] = []
    gwn, lgl = path / "GeoWebNews" / "GWN.xml", path / "corpora" / "lgl.xml"
    if gwn.is_file():
        docs += limited(_gwn(gwn), limit)
    if lgl.is_file():
        docs += limited(_lgl(lgl), limit)
    return docs


def score_document(result: EvalResult, doc: GeoDoc, report: Report, distances: dict[str, list[float]]) -> None:
    """Recognition counts and resolution distances of one document."""
    mentions = [(m.start, m.end, place) for place in report.places for m in place.mentions]
    score = result.score(f"recognition ({doc.corpus})")
    used: set[int] = set()
    for top in doc.toponyms:
        hit = next((i for i, (s, e, _) in enumerate(mentions) if overlaps(top.span, (s, e))), None)
        if hit is None:
            score.add(fn=1)
            result.miss(doc.id, f"recognition ({doc.corpus})", "toponym missed", top.name, "—",
                        doc.text[max(0, top.span[0] - 80):top.span[1] + 80].replace("\n", " "), weight=0.5)
            continue
        score.add(tp=1)
        used.add(hit)
        place = mentions[hit][2]
        if top.lat is None or top.lon is None:
            continue
        acc = result.accuracy(f"resolution within 161 km ({doc.corpus})")
        if place.lat is None or place.lon is None:
            acc.add(False)
            result.miss(doc.id, f"resolution ({doc.corpus})", "no coordinates", top.name, place.name, "", weight=1.0)
            continue
        km = haversine_km(top.lat, top.lon, place.lat, place.lon)
        distances.setdefault(doc.corpus, []).append(km)
        acc.add(km <= NEAR_KM)
        if km > NEAR_KM:
            result.miss(doc.id, f"resolution ({doc.corpus})", "resolved > 161 km away",
                        f"{top.name} ({top.lat:.2f},{top.lon:.2f})",
                        f"{place.name}, {place.country} ({place.lat:.2f},{place.lon:.2f}) {km:.0f} km",
                        weight=1.0 + min(km, 10000) / 5000)
    for i, (start, end, place) in enumerate(mentions):
        if i in used or any(overlaps((start, end), n) for n in doc.neutral):
            continue
        if any(overlaps((start, end), t.span) for t in doc.toponyms):
            continue  # a second mention on an already found toponym
        score.add(fp=1)
        result.miss(doc.id, f"recognition ({doc.corpus})", "not a toponym in gold", "—",
                    f"{doc.text[start:end]} → {place.name}",
                    doc.text[max(0, start - 80):end + 80].replace("\n", " "), weight=0.5)


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Extract each document (no publication date) and score its places."""
    docs = load_gold(gold, limit=limit)
    result = EvalResult(dataset="geoparsing", gold=str(gold))
    result.notes.append("GeoWebNews gold = literal toponym types; associative types (metonymy, demonyms …) are "
                        "neither hits nor false alarms. Resolution only for toponyms we recognized.")
    distances: dict[str, list[float]] = {}
    run_records(result, docs, lambda d: d.text, lambda d: extract(d.text),
                lambda d, rep: score_document(result, d, rep, distances), lambda d: d.id)
    for corpus, values in distances.items():
        km = median(values)
        result.stats[f"median error km ({corpus})"] = round(km, 1) if km is not None else None
    return result
