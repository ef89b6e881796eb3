"""Places: an offline gazetteer (GeoNames cities, countries, curated regions) and toponym ranking.

Importing this package loads nothing; the gazetteer is built or read from
its cache on first use (:func:`get_gazetteer`).
"""

from tidings.places.context import country_place, dateline_place, main_country
from tidings.places.gazetteer import Gazetteer, get_gazetteer, load_gazetteer

__all__ = ["main_country", "country_place", "dateline_place", "Gazetteer", "get_gazetteer", "load_gazetteer"]
