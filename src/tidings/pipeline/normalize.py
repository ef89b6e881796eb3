"""Text clean-up that keeps offsets: every replacement is one character for one character.

The small English model misparses non-breaking and other exotic spaces
("reported\u00a0Sunday" makes "Sunday" the object), so they become plain
spaces before parsing. Because lengths never change, an offset into the
normalized text is an offset into the article text as read.
"""

from __future__ import annotations

_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TABLE = {ord(c): " " for c in _SPACES + _INVISIBLE}
_TABLE.update({ord("\r"): "\n", ord("\u2028"): "\n", ord("\u2029"): "\n"})


def normalize_text(text: str) -> str:
    """Replace odd spaces and line separators by their plain forms, keeping the length."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out
