"""Where a batch run keeps things under ``--out``, and how a file is written so a crash leaves no half of it.

    OUT/_batch.json                    what was split: inputs, batch size, partitions, counts
    OUT/_input/part-000000.parquet     the articles of partition 0 as read (text and metadata)
    OUT/<table>/part-000000.parquet    its results, one file per table (see tables.TABLES)
    OUT/_done/part-000000.json         written last: partition 0 is complete (counts, worker, RSS)

A partition is done exactly when its ``_done`` file exists; every file is
written under a temporary name and renamed, so a worker killed mid-write
leaves only a temporary file that nothing reads. ``OUT`` must be on storage
every worker sees at the same path (the local disk for local workers).
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "_batch.json"
INPUT = "_input"
DONE = "_done"
TMP_MARK = ".tmp-"


def part_name(index: int) -> str:
    return f"part-{index:06d}"


def input_file(out: Path, index: int) -> Path:
    return out / INPUT / f"{part_name(index)}.parquet"


def table_file(out: Path, table: str, index: int) -> Path:
    return out / table / f"{part_name(index)}.parquet"


def done_file(out: Path, index: int) -> Path:
    return out / DONE / f"{part_name(index)}.json"


def _temporary(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f"{path.name}{TMP_MARK}{uuid.uuid4().hex[:12]}")


def write_parquet(path: Path, table: pa.Table) -> None:
    """Write then rename: readers see the whole file or none."""
    tmp = _temporary(path)
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = _temporary(path)
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def done_partitions(out: Path) -> dict[int, dict[str, Any]]:
    """Complete partitions by index, with what their worker recorded."""
    found: dict[int, dict[str, Any]] = {}
    folder = out / DONE
    if not folder.is_dir():
        return found
    for path in folder.glob("part-*.json"):
        if TMP_MARK in path.name:
            continue
        data = read_json(path)
        if data is not None:
            found[int(path.stem.split("-")[1])] = data
    return found


def remove_temporaries(out: Path) -> int:
    """Drop what killed workers left half-written (call only when no task of the run is running)."""
    removed = 0
    for path in out.rglob(f"*{TMP_MARK}*"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed


__all__ = ["MANIFEST", "part_name", "input_file", "table_file", "done_file", "write_parquet", "write_json",
           "read_json", "done_partitions", "remove_temporaries"]
