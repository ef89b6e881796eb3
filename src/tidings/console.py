"""The rich consoles every command prints through.

Tables stay readable when piped to a file or a CI log, where rich would
otherwise assume 80 columns and fold every cell.
"""

from __future__ import annotations

import sys

from rich.console import Console

LOG_WIDTH = 160


def make_console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, soft_wrap=True, width=None if stream.isatty() else LOG_WIDTH)
