"""Independent sources: who, in the end, vouches for a report.

Two outlets quoting the same ministry are one source; an outlet reporting on
its own account is its own source. The innermost link of the attribution
chain that is not the outlet or its reporter is the source; anonymous
sources cannot be told apart across outlets, so each outlet's anonymous
source counts once for that outlet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from tidings.model import Source

_OWN = {"outlet", "reporter"}
_LEADING = re.compile(r"^(the|a|an)\s+")
_SPACE = re.compile(r"[\s\W_]+")


def normalize_name(name: str) -> str:
    """Case, accents, punctuation and a leading article do not make another source."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower().strip()
    text = _LEADING.sub("", text)
    return _SPACE.sub(" ", text).strip()


def outlet_of(chain: Sequence[Source], fallback: str | None) -> str:
    for link in chain:
        if link.kind == "outlet":
            return link.actor or normalize_name(link.name)
    return normalize_name(fallback) if fallback else ""


def source_key(chain: Sequence[Source], *, outlet: str | None, article_id: str) -> str:
    """A key equal for reports that rest on the same source, different otherwise."""
    home = outlet_of(chain, outlet) or f"article {article_id}"
    cited = [link for link in chain if link.kind not in _OWN]
    if not cited:
        return f"outlet:{home}"
    link = cited[-1]
    if link.actor:
        return f"actor:{link.actor}"
    name = normalize_name(link.name)
    if link.kind == "anonymous" or not name:
        return f"anonymous:{home}:{name}"
    return f"name:{name}"


def source_label(chain: Sequence[Source], *, outlet: str | None) -> str:
    """The chain as people read it: outlet → reporter → cited source."""
    names = [link.name for link in chain]
    if not names and outlet:
        names = [outlet]
    return " → ".join(names) or "—"


__all__ = ["normalize_name", "source_key", "source_label", "outlet_of"]
