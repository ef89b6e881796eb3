"""The dateline: "MOSUL, Iraq —", "CAIRO (Reuters) -", "FAYETTEVILLE, N.C. –" at the top of a story.

News agencies and local papers open with the place the story was filed from,
which is usually where it happened; it is the event's place of last resort
before the country. The city is written in capitals; a state, province or
country may follow after a comma, an agency in brackets, then a dash. Scraped
pages often glue the dateline to the line before ("… FOX43YORK CITY, Pa.–A man"),
so the capitals may start right after a letter or digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Only the top of the article is searched: a dateline further down is a quotation.
REACH = 400
_DATELINE = re.compile(
    r"(?:(?<=[^A-Z.'\-])|^)"
    r"(?P<city>[A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*){0,3})"
    r"(?:, (?P<qualifier>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2}))?"
    r"(?: ?\([^()\n]{1,40}\))?"
    # A hyphen needs a space before it ("Moscow, SANA- Russian …" is no dateline), unless it follows
    # a bracket or a lower-case state abbreviation: "BALTIMORE (WBFF)- A", "YORK, Pa- A", "(Dec. 3, 2015)-- A".
    r"(?: ?[—–]| --?|(?<=[)a-z.])--?) ?(?=[A-Z\"“‘'])",
)
# A station's call sign glued to the city ("CLTVCHICAGO –"): the city is a tail of at least this many letters.
MIN_TAIL = 4


@dataclass(frozen=True, slots=True)
class Dateline:
    """Character spans of the dateline's city and of the state or country after it, if any."""

    city: tuple[int, int]
    qualifier: tuple[int, int] | None


def find_dateline(text: str) -> Dateline | None:
    """The first dateline-shaped string near the top of ``text`` whose city part has two or more letters.

    Whether it names a place is for the gazetteer to say; this only finds the shape.
    """
    for m in _DATELINE.finditer(text[:REACH]):
        city = m.group("city")
        if sum(ch.isalpha() for ch in city) < 3:
            continue
        qualifier = (m.start("qualifier"), m.end("qualifier")) if m.group("qualifier") else None
        return Dateline((m.start("city"), m.end("city")), qualifier)
    return None


def glued_tails(city: str) -> list[int]:
    """Offsets into a one-word capitals ``city`` where a glued city name may start, longest tail first.

    "CLTVCHICAGO" -> 1, 2, …: the caller tries "LTVCHICAGO", "TVCHICAGO", "VCHICAGO",
    "CHICAGO" … against the gazetteer and keeps the first strong enough match.
    """
    if " " in city or not city.isalpha() or len(city) < MIN_TAIL + 2:
        return []
    return list(range(1, len(city) - MIN_TAIL + 1))


__all__ = ["Dateline", "find_dateline", "glued_tails", "REACH", "MIN_TAIL"]
