"""The publication date many news sites write into an article's address: /2015/06/12/, 20150612, /2016/jan/26/.

An article given without a publication date but with its URL can still have
"Tuesday" and "last night" resolved: the path's date is the day the story
was filed. No spaCy here, so readers can use it cheaply.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

_URL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
# "/2016/jan/26/": a month written as its English abbreviation.
_URL_MONTH_DATE = re.compile(r"/(20\d\d|19\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(\d{1,2})(?=/|$)",
                             re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def date_in_url(url: str | None) -> date | None:
    """The date written in ``url``'s path, if any (an impossible one, such as Feb. 31, gives None)."""
    if not url:
        return None
    try:
        path = urlsplit(url).path  # not the query: "?id=20150612" is no date of the story
    except ValueError:
        return None
    match = _URL_DATE.search(path)
    named = None if match else _URL_MONTH_DATE.search(path)
    try:
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if named:
            return date(int(named.group(1)), _MONTHS.index(named.group(2).lower()[:3]) + 1, int(named.group(3)))
    except ValueError:
        return None
    return None


__all__ = ["date_in_url"]
