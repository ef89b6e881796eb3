"""Each atheris fuzz target in fuzz/readers.py runs for a bounded time without a crash.

``TIDINGS_FUZZ_SECONDS`` sets the time per target (default 1; run longer by hand:
``python fuzz/readers.py all -max_total_time=600``). A crash leaves the input
that caused it in the test's temporary folder and fails with the fuzzer's output.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "fuzz" / "readers.py"
SECONDS = int(os.environ.get("TIDINGS_FUZZ_SECONDS", "1"))
TARGETS = ["text", "html", "jsonl", "csv", "tsv", "feed", "warc", "warcgz"]


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_readers_target_runs_without_a_crash(target: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(FUZZ), target, f"-max_total_time={SECONDS}", "-timeout=30", "-rss_limit_mb=2048",
         f"-artifact_prefix={tmp_path}/"],
        capture_output=True, text=True, errors="replace", timeout=SECONDS + 90, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    runs = re.search(r"Done (\d+) runs", result.stderr)
    assert runs and int(runs.group(1)) > 0, result.stderr[-2000:]
    assert not list(tmp_path.glob("crash-*"))


def test_fuzz_readers_found_crashes_stay_fixed(tmp_path: Path) -> None:
    """Inputs the fuzzer once crashed on: now a reported error, never an exception."""
    from tidings.readers.corpus import iter_file

    cases = {
        "front.txt": b"---\ntitle: T\npublished: 2020-00-02\n---\nText.\n",  # YAML date out of range
        "nul.rss": b"<rss><channel><item><description>&lt;p&gt;Hamas\x00 fired.&lt;/p&gt;</description></item>"
                   b"</channel></rss>",  # NUL in an entry's HTML made lxml raise
        "huge.warc": b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: 384444444444444444444\r\n\r\nHamas fired.\r\n\r\n",  # OverflowError
        "broken.warc": b"WARC/1.0\r\nWARC-Type: response\r\nt-URI:%http://x/\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        items = list(iter_file(path))
        assert items and all(item.article is not None or item.error for item in items), items
