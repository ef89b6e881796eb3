"""ECB+ topics: event-mention detection, and event clusters across documents scored against the gold.

Each document's tokens are joined with spaces, sentences with newlines.
Gold mentions are the ACTION_* and NEG_ACTION_* markables in the sentences
the corpus marks as annotated (ECBplus_coreference_sentences.csv). One of
our events is right when its trigger overlaps a gold action mention there;
our events outside the annotated sentences are not counted. ECB+ marks
every action (said, checked into rehab …) while tidings codes only PLOVER
events, so recall is bounded well below 1 by design; precision is the
number that says whether our triggers are real events.

Clusters: on the dev topics, the events of each topic's documents are grouped
by the store's own merge (:func:`tidings.store.merge.cluster_reports`) and
compared with the gold cross-document chains (MUC, B³, CEAF-e, CoNLL,
pairwise). Only our events whose trigger matches a gold action mention are
scored (mention detection is scored above); each of a topic's two incidents
(the ``ecb`` and ``ecbplus`` documents) is clustered alone, then both together,
where a link between the two incidents is always wrong.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from tidings.evaluate.common import Extract, default_extract, limited, run_records
from tidings.evaluate.metrics import EvalResult, Score, match_pairs, overlaps
from tidings.model import Report

#: The usual ECB+ dev split (Cybulska and Vossen 2015): topics 34 and 35 are not in our copy.
DEV_TOPICS: tuple[int, ...] = (2, 5, 12, 18, 21, 23, 34, 35)
MENTION_TOPICS = range(1, 25)
INCIDENTS = ("ecb", "ecbplus")


@dataclass(slots=True)
class EcbDoc:
    id: str
    topic: str
    text: str
    mentions: list[tuple[int, int, str]]  # start, end, class
    annotated: list[tuple[int, int]]  # character spans of the annotated sentences
    chains: list[str] = field(default_factory=list)  # gold coreference chain of each mention

    @property
    def incident(self) -> str:
        """``ecbplus`` for the added second incident of the topic, ``ecb`` for the original one."""
        return "ecbplus" if self.id.endswith("ecbplus") else "ecb"


def _annotated(path: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return out


def _chains(root: ET.Element, doc_id: str) -> dict[str, str]:
    """Mention id → chain: the cross-document instance, else the in-document chain's target."""
    out: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in list(relations) if relations is not None else []:
        target = relation.find("target")
        if relation.tag == "CROSS_DOC_COREF" and relation.get("note"):
            chain = str(relation.get("note"))
        elif relation.tag == "INTRA_DOC_COREF" and target is not None:
            chain = f"{doc_id}:chain{target.get('m_id')}"
        else:
            continue
        for source in relation.iter("source"):
            out[source.get("m_id", "")] = chain
    return out


def read_document(path: Path, annotated: set[int] | None) -> EcbDoc:
    """One ECB+ XML file as text with character offsets for its tokens and action mentions."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    sentences: dict[int, list[int]] = {}
    parts: list[str] = []
    position, last_sentence = 0, None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence else " "
            parts.append(sep)
            position += len(sep)
        word = token.text or ""
        offsets[token.get("t_id", "")] = (position, position + len(word))
        sentences.setdefault(sentence, []).append(position)
        sentences[sentence].append(position + len(word))
        parts.append(word)
        position += len(word)
        last_sentence = sentence
    text = "".join(parts)
    keep = annotated if annotated is not None else set(sentences)
    spans = [(min(sentences[s]), max(sentences[s])) for s in sorted(keep) if s in sentences]
    chains = _chains(root, path.stem)
    mentions: list[tuple[int, int, str]] = []
    mention_chains: list[str] = []
    markables = root.find("Markables")
    for node in list(markables) if markables is not None else []:
        if not re.match(r"^(NEG_)?ACTION_", node.tag):
            continue
        anchors = [offsets[a.get("t_id", "")] for a in node.iter("token_anchor") if a.get("t_id", "") in offsets]
        if not anchors:
            continue
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors))
        if any(overlaps(span, s) for s in spans):
            mentions.append((span[0], span[1], node.tag))
            m_id = node.get("m_id", "")
            mention_chains.append(chains.get(m_id, f"{path.stem}:single{m_id}"))
    topic = path.parent.name
    return EcbDoc(path.stem, topic, text, mentions, spans, mention_chains)


def _files(path: Path, topics: Iterable[int]) -> list[Path]:
    files: list[Path] = []
    for topic in topics:
        folder = path / "ECB+" / str(topic)
        if folder.is_dir():
            files += sorted(folder.glob("*.xml"))
    return files


def load_gold(path: Path, *, limit: int | None = None, topics: Iterable[int] = MENTION_TOPICS) -> list[EcbDoc]:
    """Documents of ECB+ topics 1–24 (``limit`` documents in all, spread over the topics in order)."""
    annotated = _annotated(path / "ECBplus_coreference_sentences.csv")
    return [read_document(file, annotated.get(file.stem, set()) if annotated else None)
            for file in limited(_files(path, topics), limit)]


def load_topics(path: Path, *, topics: Iterable[int] = DEV_TOPICS, limit: int | None = None) -> list[EcbDoc]:
    """The documents of whole topics for clustering (with ``limit``, that many of each incident per topic)."""
    annotated = _annotated(path / "ECBplus_coreference_sentences.csv")
    docs: list[EcbDoc] = []
    for topic in topics:
        files = _files(path, [topic])
        for incident in INCIDENTS:
            chosen = [f for f in files if re.sub(r"^\d+_\d+", "", f.stem) == incident]  # 12_3ecb, 12_3ecbplus
            docs += [read_document(f, annotated.get(f.stem, set()) if annotated else None)
                     for f in limited(chosen, limit)]
    return docs


def _triggers(doc: EcbDoc, report: Report) -> list[tuple[int, int, str, str]]:
    """Our events inside the annotated sentences: start, end, type, event id."""
    return [(e.trigger.start, e.trigger.end, e.type, e.id) for e in report.events
            if any(overlaps((e.trigger.start, e.trigger.end), s) for s in doc.annotated)]


def _same_span(g: tuple[int, int, str], p: tuple[int, int, str, str]) -> bool:
    return overlaps((g[0], g[1]), (p[0], p[1]))


def score_document(result: EvalResult, doc: EcbDoc, report: Report) -> None:
    """Trigger-overlap counts of one document, inside its annotated sentences."""
    triggers = _triggers(doc, report)
    pairs, missed, extra = match_pairs(doc.mentions, triggers, _same_span)
    result.score("event mention (trigger overlap)").add(tp=len(pairs), fn=len(missed), fp=len(extra))
    result.stats["gold action mentions"] = int(result.stats.get("gold action mentions") or 0) + len(doc.mentions)
    for pi in extra:
        start, end, kind, _ = triggers[pi]
        result.miss(doc.id, "event mention", f"trigger on no gold action ({kind})", "—", doc.text[start:end],
                    doc.text[max(0, start - 100):end + 100].replace("\n", " "))
    missed_classes: dict[str, int] = {}
    for gi in missed:
        missed_classes[doc.mentions[gi][2]] = missed_classes.get(doc.mentions[gi][2], 0) + 1
    for cls, count in missed_classes.items():
        result.stats[f"missed {cls}"] = int(result.stats.get(f"missed {cls}") or 0) + count


def gold_labels(doc: EcbDoc, report: Report) -> dict[str, str]:
    """Our event id → gold chain, for our events whose trigger matches a gold action mention."""
    triggers = _triggers(doc, report)
    pairs, _, _ = match_pairs(doc.mentions, triggers, _same_span)
    return {triggers[pi][3]: doc.chains[gi] for gi, pi in pairs}


# -- cluster metrics -------------------------------------------------------------------------------
# Clusters are lists of sets of hashable items; key (gold) and response must hold the same items.

Clusters = Sequence[set[Hashable]] | Sequence[frozenset[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _owner(clusters: Clusters) -> dict[Hashable, int]:
    return {item: index for index, cluster in enumerate(clusters) for item in cluster}


def _muc_recall(key: Clusters, response: Clusters) -> float:
    owner = _owner(response)
    found = wanted = 0
    for cluster in key:
        # partitions of the key cluster by the response; an item the response lacks is a partition alone
        parts = {owner.get(item, ("alone", item)) for item in cluster}
        found += len(cluster) - len(parts)
        wanted += len(cluster) - 1
    return found / wanted if wanted else 0.0


def muc(key: Clusters, response: Clusters) -> PRF:
    """Links kept (Vilain et al. 1995): singletons count for nothing."""
    return PRF(_muc_recall(response, key), _muc_recall(key, response))


def _b3_recall(key: Clusters, response: Clusters) -> float:
    owner = _owner(response)
    by_id = list(response)
    total = count = 0.0
    for cluster in key:
        for item in cluster:
            mine = by_id[owner[item]] if item in owner else {item}
            total += len(cluster & mine) / len(cluster)
            count += 1
    return total / count if count else 0.0


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """Per item, the share of its cluster the other side agrees on (Bagga and Baldwin 1998)."""
    return PRF(_b3_recall(response, key), _b3_recall(key, response))


def _assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one matching of rows to columns (Hungarian method, rows ≤ columns)."""
    n, m = len(weights), len(weights[0]) if weights else 0
    if not n or not m:
        return 0.0
    if n > m:
        return _assignment([list(col) for col in zip(*weights)])
    inf = float("inf")
    u, v, match, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        match[0], col0 = row, 0
        least, used = [inf] * (m + 1), [False] * (m + 1)
        while match[col0]:
            used[col0] = True
            r, delta, col1 = match[col0], inf, 0
            for col in range(1, m + 1):
                if not used[col]:
                    cost = -weights[r - 1][col - 1] - u[r] - v[col]
                    if cost < least[col]:
                        least[col], way[col] = cost, col0
                    if least[col] < delta:
                        delta, col1 = least[col], col
            for col in range(m + 1):
                if used[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    least[col] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    return sum(weights[match[col] - 1][col - 1] for col in range(1, m + 1) if match[col])


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of clusters by their overlap."""
    if not key or not response:
        return PRF(0.0, 0.0)
    owner = _owner(response)
    # only clusters that share items can align: solve each group of overlapping clusters alone
    total = 0.0
    seen_k: set[int] = set()
    for start in range(len(key)):
        if start in seen_k:
            continue
        ks, rs, todo = {start}, set(), [start]
        key_owner = _owner(key)
        while todo:
            k = todo.pop()
            for item in key[k]:
                r = owner.get(item)
                if r is not None and r not in rs:
                    rs.add(r)
                    for other in response[r]:
                        k2 = key_owner.get(other)
                        if k2 is not None and k2 not in ks:
                            ks.add(k2)
                            todo.append(k2)
        seen_k |= ks
        kl, rl = sorted(ks), sorted(rs)
        if rl:
            total += _assignment([[2 * len(key[k] & response[r]) / (len(key[k]) + len(response[r])) for r in rl]
                                  for k in kl])
    return PRF(total / len(response), total / len(key))


def conll_f1(key: Clusters, response: Clusters) -> float:
    """The mean of MUC, B³ and CEAF-e F1, as the CoNLL-2012 scorer reports it."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def linked_pairs(clusters: Clusters) -> set[frozenset[Hashable]]:
    """Every unordered pair of items that share a cluster."""
    return {frozenset(pair) for cluster in clusters for pair in combinations(cluster, 2)}


def pairwise(key: Clusters, response: Clusters) -> Score:
    """Pairs linked by both (tp), by the response only (fp), by the key only (fn)."""
    gold, ours = linked_pairs(key), linked_pairs(response)
    return Score(tp=len(gold & ours), fp=len(ours - gold), fn=len(gold - ours))


def as_clusters(labels: dict[Hashable, Hashable]) -> list[set[Hashable]]:
    """Items grouped by their label."""
    out: dict[Hashable, set[Hashable]] = {}
    for item, label in labels.items():
        out.setdefault(label, set()).add(item)
    return list(out.values())


# -- clustering the dev topics ---------------------------------------------------------------------

Item = tuple[str, str]  # (document id, event id)


@dataclass(slots=True)
class ClusterRun:
    """Key and response clusters of one setting, over all topics, and the cross-incident links."""

    key: list[set[Hashable]] = field(default_factory=list)
    response: list[set[Hashable]] = field(default_factory=list)
    singletons: list[set[Hashable]] = field(default_factory=list)
    links: int = 0  # pairs of events (all, matched or not) our clusters link
    cross_links: int = 0  # of those, pairs whose documents belong to the two different incidents

    def scores(self) -> dict[str, float]:
        m, b, c = muc(self.key, self.response), b_cubed(self.key, self.response), ceaf_e(self.key, self.response)
        base = b_cubed(self.key, self.singletons)
        return {"MUC P": m.precision, "MUC R": m.recall, "MUC F1": m.f1, "B3 P": b.precision, "B3 R": b.recall,
                "B3 F1": b.f1, "CEAF-e F1": c.f1, "CoNLL F1": (m.f1 + b.f1 + c.f1) / 3,
                "B3 F1 all singletons": base.f1, "CoNLL F1 all singletons": conll_f1(self.key, self.singletons)}


def cluster_topic(run: ClusterRun, docs: Sequence[EcbDoc], reports: Sequence[Report]) -> None:
    """Cluster the events of these documents with the store's merge and add key/response to ``run``."""
    from tidings.store.merge import cluster_reports

    labels: dict[Hashable, Hashable] = {}
    for doc, report in zip(docs, reports):
        for event_id, chain in gold_labels(doc, report).items():
            labels[(doc.id, event_id)] = chain
    run.key += as_clusters(labels)
    run.singletons += [{item} for item in labels]
    for cluster in cluster_reports(list(reports)):
        items = [(docs[i].id, event_id) for i, event_id in cluster]
        for (i, _), (j, _) in combinations(cluster, 2):
            run.links += 1
            run.cross_links += docs[i].incident != docs[j].incident
        kept = {item for item in items if item in labels}
        if kept:
            run.response.append(kept)


def cluster_runs(docs: Sequence[EcbDoc], reports: dict[str, Report]) -> dict[str, ClusterRun]:
    """Each incident alone (``ecb``, ``ecbplus``) and both together (``topic``), topic by topic."""
    runs = {name: ClusterRun() for name in (*INCIDENTS, "topic")}
    topics: dict[str, list[EcbDoc]] = {}
    for doc in docs:
        if doc.id in reports:
            topics.setdefault(doc.topic, []).append(doc)
    for members in topics.values():
        for incident in INCIDENTS:
            part = [d for d in members if d.incident == incident]
            cluster_topic(runs[incident], part, [reports[d.id] for d in part])
        cluster_topic(runs["topic"], members, [reports[d.id] for d in members])
    return runs


def score_clusters(result: EvalResult, runs: dict[str, ClusterRun], *, prefix: str = "") -> None:
    """Pairwise counts as scores, MUC/B³/CEAF-e/CoNLL as stats, per setting (names led by ``prefix``)."""
    for setting, run in runs.items():
        name = f"{prefix}{setting}"
        result.scores[f"event pairs ({name})"] = pairwise(run.key, run.response)
        for metric, value in run.scores().items():
            result.stats[f"{name} {metric}"] = round(100 * value, 1)
        result.stats[f"{name} scored events"] = sum(len(c) for c in run.key)
        result.stats[f"{name} gold chains"] = len(run.key)
    topic = runs["topic"]
    result.stats[f"{prefix}topic links across incidents"] = f"{topic.cross_links}/{topic.links}"
    result.stats[f"{prefix}topic cross-incident link rate"] = (
        round(100 * topic.cross_links / topic.links, 1) if topic.links else 0.0)


def run(gold: Path, *, limit: int | None = None, extract: Extract = default_extract) -> EvalResult:
    """Extract ECB+ documents, score event-mention detection (topics 1–24) and event clusters (dev topics)."""
    docs = load_gold(gold, limit=limit)
    dev = load_topics(gold, limit=limit)
    result = EvalResult(dataset="ecbplus", gold=str(gold))
    result.notes.append("gold = every ACTION mention (all verbs of happening, not only PLOVER events): recall is low "
                        "by design")
    reports: dict[str, Report] = {}

    def call(doc: EcbDoc) -> Report:
        reports[doc.id] = extract(doc.text)
        return reports[doc.id]

    run_records(result, docs, lambda d: d.text, call, lambda d, rep: score_document(result, d, rep), lambda d: d.id)
    seconds, errors = result.seconds, int(result.stats.get("pipeline_errors") or 0)
    rest = [d for d in dev if d.id not in reports]
    run_records(result, rest, lambda d: d.text, call, lambda d, rep: None, lambda d: d.id)
    result.seconds += seconds
    result.stats["pipeline_errors"] = errors + int(result.stats.get("pipeline_errors") or 0)
    topics = sorted({int(d.topic) for d in dev})
    if topics:
        score_clusters(result, cluster_runs(dev, reports))
        result.notes.append(
            f"clusters: dev topics {', '.join(map(str, topics))} (the usual dev split 2, 5, 12, 18, 21, 23, 34, 35; "
            "34 and 35 are not in this copy); our events grouped by tidings.store.merge.cluster_reports, scored "
            "on the events whose trigger matches a gold action (their gold chain); 'ecb' and 'ecbplus' cluster each "
            "incident alone, 'topic' both incidents together; a link across incidents is always wrong")
    held = [d for d in docs if int(d.topic) not in DEV_TOPICS and d.id in reports]
    if held:
        # the other topics of our copy, never used to set a rule or threshold: a held-out figure
        score_clusters(result, {"topic": cluster_runs(held, reports)["topic"]}, prefix="held-out ")
        result.notes.append(
            f"held-out clusters ('held-out topic'): topics {', '.join(sorted({d.topic for d in held}, key=int))}, "
            "not used to set any merge rule or threshold; scored like the dev topics")
    return result
