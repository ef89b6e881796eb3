"""Time every export format on a synthetic store of N events (default 100,000).

    python benchmarks/export.py [--events 100000] [--db /tmp/export-bench.duckdb] [--formats acled,stix]

The store is filled by SQL straight into the tables (no NLP, seconds for 10⁵
events): 300 actors, 1,000 places, one article per two events, 1.5 reports,
one actor and one recipient per event. Numbers go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from tidings.export import export, formats
from tidings.store import open_store

TYPES = "['ASSAULT','COERCE','AID','AGREE','CONSULT','ACCUSE','PROTEST','MOBILIZE','RETREAT','REQUEST']"
KINDS = "['armed_group','military','government','state','igo','unknown']"
SECTORS = "['INS','MIL','GOV','GOV','IGO',NULL]"
MODES = "[NULL,'aerial','explosives','arrest',NULL,'allege','demo','troops','withdraw',NULL]"


def build(path: Path, events: int) -> float:
    """A store with ``events`` events; the seconds it took."""
    started = time.perf_counter()
    articles = max(1, events // 2)
    with open_store(path) as store:
        con = store.con
        con.execute(f"""INSERT INTO actors SELECT 'actor_' || i, 'Actor ' || i, ({KINDS})[1 + i % 6],
            ['SOM','NGA','SYR','UKR','MLI','PSE'][1 + i % 6], ({SECTORS})[1 + i % 6],
            CASE WHEN i % 3 = 0 THEN 'Q' || (1000 + i) END, CASE WHEN i % 10 = 1 AND i > 10 THEN 'actor_' || (i - 10) END
            FROM range(300) t(i)""")
        con.execute("""INSERT INTO places SELECT 'geonames:' || i, 'Town ' || i,
            ['SOM','NGA','SYR','UKR','MLI','PSE'][1 + i % 6], 'AD.' || (i % 20), -10 + (i % 400) * 0.1,
            10 + (i % 300) * 0.1, ['city','point','region','country'][1 + i % 4], 100000 + i FROM range(1000) t(i)""")
        con.execute(f"""INSERT INTO articles SELECT 'art' || i, NULL, 'Headline ' || i, 'https://example.invalid/' || i,
            ['Reuters','AFP','Al Jazeera','BBC'][1 + i % 4], NULL, DATE '2020-01-01' + (i % 1500)::INTEGER, 'bench',
            'Headline ' || i || chr(10) || 'Actor ' || (i % 300) || ' attacked Actor ' || ((i * 7) % 300) || ' in Town ' || (i % 1000) || '.',
            NULL, 2, current_timestamp FROM range({articles}) t(i)""")
        con.execute(f"""INSERT INTO events SELECT 'ev_' || i, ({TYPES})[1 + i % 10], 'family', ({MODES})[1 + i % 10],
            CASE WHEN i % 4 = 0 THEN 'reported' ELSE 'asserted' END, ['asserted'],
            DATE '2020-01-01' + (i // 2 % 1500)::INTEGER - 1, DATE '2020-01-01' + (i // 2 % 1500)::INTEGER - 1, 'day',
            'geonames:' || (i % 1000), [-9.5, -7.0, 7.5, 4.0, 2.0, -2.0, -6.5, -6.0, 7.5, -3.0][1 + i % 10],
            1 + i % 2, 1 + i % 2, 1, DATE '2020-01-01' + (i // 2 % 1500)::INTEGER, DATE '2020-01-01' + (i // 2 % 1500)::INTEGER,
            0.5 + (i % 5) * 0.1 FROM range({events}) t(i)""")
        con.execute(f"""INSERT INTO event_actors SELECT 'ev_' || i, 'actor_' || (i % 300), 'actor' FROM range({events}) t(i)
            UNION ALL SELECT 'ev_' || i, 'actor_' || ((i * 7 + 1) % 300), 'recipient' FROM range({events}) t(i)""")
        report = f"""SELECT 'art' || (i // 2) || ':' || i || ':' || k AS id, 'ev_' || i, 'art' || (i // 2), ({TYPES})[1 + i % 10], 'family',
            ({MODES})[1 + i % 10], [], 'asserted', 'realis', ['actor_' || (i % 300)], ['actor_' || ((i * 7 + 1) % 300)],
            ['actor_' || (i % 300)], ['actor_' || ((i * 7 + 1) % 300)],
            DATE '2020-01-01' + (i // 2 % 1500)::INTEGER - 1, DATE '2020-01-01' + (i // 2 % 1500)::INTEGER - 1, 'day', 'yesterday',
            DATE '2020-01-01' + (i // 2 % 1500)::INTEGER - 2, DATE '2020-01-01' + (i // 2 % 1500)::INTEGER, 'geonames:' || (i % 1000),
            '[{{"name": "Reuters", "kind": "outlet", "actor": null}}, {{"name": "a security official", "kind": "anonymous", "actor": null}}]',
            'anonymous:reuters:a security official', 'Reuters → a security official', 10, 80,
            'Actor ' || (i % 300) || ' attacked Actor ' || ((i * 7) % 300) || ' in Town ' || (i % 1000) || '.', 20, 28, 'attacked',
            0.8, CASE WHEN k = 1 THEN 0.7 END, DATE '2020-01-01' + (i // 2 % 1500)::INTEGER, 'city', NULL
            FROM range({events}) t(i), range(2) s(k) WHERE k = 0 OR i % 2 = 1"""
        con.execute("INSERT INTO event_reports " + report)
        con.execute(f"""INSERT INTO mentions SELECT 'art' || i, 'actor_' || ((2 * i) % 300), 10, 18, 'Actor ' || ((2 * i) % 300)
            FROM range({articles}) t(i)""")
        con.execute("""INSERT INTO relations SELECT 'art' || i, 'actor_' || (i + 10), 'actor_' || i, 'part_of', 'text', []
            FROM range(1, 290, 10) t(i)""")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--formats", default=",".join(formats()))
    parser.add_argument("--out", type=Path, default=None, help="Folder for the exports (default: a temporary one).")
    args = parser.parse_args(argv)
    folder = args.out or Path(tempfile.mkdtemp(prefix="tidings-export-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = args.db or folder / "bench.duckdb"
    if db.exists():
        os.remove(db)
    seconds = build(db, args.events)
    print(f"store: {args.events:,} events built in {seconds:.1f} s → {db}", file=sys.stderr)
    # CPU seconds of this process (all its threads) next to wall time: on a shared machine the wall
    # time measures the neighbours as much as the export.
    print("| format | events/s (wall) | wall s | CPU s | records | output size |\n|---|---|---|---|---|---|")
    with open_store(db, read_only=True) as store:
        for name in args.formats.split(","):
            fmt = formats()[name]
            target = folder / (name if fmt.directory else f"bench{fmt.suffix}")
            cpu = time.process_time()
            result = export(store, name, target)
            cpu = time.process_time() - cpu
            size = (sum(p.stat().st_size for p in target.iterdir()) if target.is_dir() else target.stat().st_size)
            print(f"| {name} | {args.events / result.seconds:,.0f} | {result.seconds:.1f} | {cpu:.1f} | {result.records:,} | "
                  f"{size / 1e6:.1f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
