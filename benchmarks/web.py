"""How fast the web pages answer over a store of 10,000 events.

    python benchmarks/web.py [--events 10000] [--repeat 5] [--db FILE]

Builds a synthetic store with SQL (2 articles' worth of reports per 10 events,
200 actors, 300 places, 4 years of dates) — the pages' cost is the store's
size, not how the rows were made — then requests every page through the ASGI
app in-process and prints the median and worst time of each. Target: < 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TYPES = ["ASSAULT", "COERCE", "AID", "AGREE", "CONSULT", "ACCUSE", "PROTEST", "THREATEN"]
STATUSES = ["asserted", "reported", "claimed", "alleged"]
PRECISIONS = ["city", "region", "point", "country"]


def build(path: Path, n_events: int) -> None:
    from tidings.store import open_store

    n_articles = max(n_events // 5, 1)
    with open_store(path) as store:
        con = store.con
        con.execute("""INSERT INTO actors SELECT 'actor_' || i, 'Actor ' || i,
                       ['state', 'armed_group', 'military', 'government'][1 + i % 4], 'C' || (i % 30), NULL, NULL,
                       CASE WHEN i % 10 = 9 THEN 'actor_' || (i - 9) END FROM range(200) t(i)""")
        con.execute("""INSERT INTO places SELECT 'place_' || i, 'Place ' || i, 'C' || (i % 30), NULL,
                       -35 + (hash(i) % 9000) / 100.0, -20 + (hash(i * 7) % 15000) / 100.0,
                       ? [1 + i % 4], NULL FROM range(300) t(i)""", [PRECISIONS])
        con.execute("""INSERT INTO articles (id, external_id, title, url, outlet, byline, published, origin, text,
                       report, n_events)
                       SELECT 'art_' || i, NULL, 'Article ' || i || ': fighting and talks', NULL, 'Outlet ' || (i % 40),
                              NULL, DATE '2020-01-01' + CAST(i * 1461 // ? AS INTEGER), 'bench/' || i || '.txt',
                              repeat('Actor 3 attacked Actor 4 near Place 7, officials said. ', 12),
                              '{"times": []}', 5 FROM range(?) t(i)""", [n_articles, n_articles])
        con.execute("""INSERT INTO events SELECT 'ev_' || i, ?[1 + i % 8], 'f' || (i % 8), NULL, ?[1 + i % 4],
                       [?[1 + i % 4]], d, d, 'day', 'place_' || (hash(i) % 300), CASE WHEN i % 8 < 2 THEN -10
                       WHEN i % 8 < 5 THEN 5 ELSE -2 END, 1 + (i % 5 = 0)::INT, 1 + (i % 5 = 0)::INT, 1, d, d, 0.7
                       FROM (SELECT i, DATE '2020-01-01' + CAST(i * 1461 // ? AS INTEGER) AS d FROM range(?) t(i))""",
                    [TYPES, STATUSES, STATUSES, n_events, n_events])
        con.execute("""INSERT INTO event_actors
                       SELECT 'ev_' || i, 'actor_' || (hash(i) % 200), 'actor' FROM range(?) t(i)
                       UNION ALL SELECT 'ev_' || i, 'actor_' || ((hash(i) + 1 + i % 7) % 200), 'recipient'
                       FROM range(?) t(i)""", [n_events, n_events])
        con.execute("""INSERT INTO mentions SELECT 'art_' || (i % ?), 'actor_' || (i % 200), 0, 7, 'Actor 3'
                       FROM range(?) t(i)""", [n_articles, n_events])
        con.execute("""INSERT INTO event_reports
                       SELECT 'art_' || a || ':r' || i || '_' || k, 'ev_' || i, 'art_' || a, e.type, e.family, NULL, [],
                              e.status, 'realis', [], [], [], [], e.date_start, e.date_end, 'day', 'Monday',
                              e.date_start, e.date_end, e.place_id,
                              '[{"name": "Outlet", "kind": "outlet"}, {"name": "officials", "kind": "anonymous"}]',
                              'officials', 'Outlet → officials', 0, 55,
                              'Actor 3 attacked Actor 4 near Place 7, officials said. ', 8, 16, 'attacked', 0.7,
                              NULL, e.first_reported, 'city', NULL
                       FROM (SELECT i, k, (i // 5 + k * 7) % ? AS a FROM range(?) t(i),
                             range(2) s(k) WHERE k = 0 OR i % 5 = 0) r JOIN events e ON e.id = 'ev_' || r.i""",
                    [n_articles, n_events])


PAGES = [
    "/", "/articles", "/articles/art_17", "/articles/art_17.json", "/events", "/events.json",
    "/events?sort=sources&desc=true", "/events?type=ASSAULT&actor=actor_7&since=2021", "/events?place=Place%201",
    "/events.json?offset=9000&limit=500", "/events/ev_42", "/actors", "/actors/actor_3", "/actors/actor_3.json",
    "/relations", "/relations/actor_3/actor_4", "/network", "/network.json", "/map", "/timeline?actor=actor_3",
    "/timeline?actor=actor_3&partner=actor_4", "/search?q=attack", "/sql.json?q=SELECT+type,count(*)+FROM+events+GROUP+BY+1",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from tidings.web import create_app

    path = args.db or Path(tempfile.mkdtemp(prefix="tidings-web-bench-")) / "bench.duckdb"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.events)
        print(f"built {path} with {args.events} events in {time.perf_counter() - started:.1f} s")
    app = create_app(path)
    client = TestClient(app)
    client.get("/actors/actor_0")  # loads the knowledge base once, as a running server would have
    worst_page = worst_median = 0.0
    print(f"{'page':62} {'median ms':>10} {'max ms':>8} {'kB':>6}")
    for page in PAGES:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(page)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                print(f"{page}: HTTP {response.status_code} {response.text[:200]}")
                return 1
        worst_page = max(worst_page, max(times))
        worst_median = max(worst_median, statistics.median(times))
        print(f"{page:62} {statistics.median(times):10.0f} {max(times):8.0f} {len(response.content) / 1024:6.0f}")
    counts = client.get("/index.json").json()["counts"]
    app.state.backend.close()
    print(f"store: {counts}; slowest page (median) {worst_median:.0f} ms, slowest single request {worst_page:.0f} ms "
          f"({'under' if worst_median < 1000 else 'OVER'} the 1 s target)")
    return 0 if worst_median < 1000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
