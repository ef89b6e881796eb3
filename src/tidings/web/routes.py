"""The endpoints: each page is one read of the store, rendered as HTML or JSON.

Read-only by default. ``POST /articles`` is the one writer, and answers only
when the server was given a token and the request carries it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tidings.model import PLOVER_TYPES, STATUSES
from tidings.store import queries
from tidings.store.store import Store
from tidings.web import data, layout
from tidings.web.app import render, to_json
from tidings.web.highlight import segments, spans_for

router = APIRouter()
Format = Annotated[Optional[Literal["html", "json"]], Query(description="json for the same rows as JSON")]
Text = Annotated[Optional[str], Query(max_length=200)]


def get_store(request: Request) -> Iterator[Store]:
    with request.app.state.backend.reader() as store:
        yield store


StoreDep = Annotated[Store, Depends(get_store)]


def page(path: str, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a GET page at ``path`` and at ``path.json``."""
    def register(endpoint: Callable[..., Any]) -> Callable[..., Any]:
        router.add_api_route(("/index" if path == "/" else path) + ".json", endpoint, methods=["GET"],
                             response_class=Response, **options)
        router.add_api_route(path, endpoint, methods=["GET"], response_class=Response, **options)
        return endpoint
    return register


@page("/", summary="Overview: counts and events by type")
def index(request: Request, store: StoreDep, format: Format = None) -> Response:
    return render(request, "index.html", data.overview(store))


# -- articles ----------------------------------------------------------------------------------


@page("/articles", summary="Articles, newest first")
def article_list(request: Request, store: StoreDep, q: Text = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 200, format: Format = None) -> Response:
    return render(request, "articles.html", {"q": q, "articles": data.articles(store, q=q, limit=limit)})


@page("/articles/{article_id}", summary="One article: its text with highlights, its events and their sources")
def article_page(request: Request, article_id: str, store: StoreDep, format: Format = None) -> Response:
    article = data.find_article(store, article_id.removesuffix(".json"))
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}: see /articles")
    events = data.article_events(store, article["id"])
    actors, places = data.mentions(store, article["id"])
    report = article.pop("report")
    body = {"article": article, "events": events, "actors": actors, "places": places, "times": report.get("times", [])}
    pieces = segments(article["text"], spans_for(report, events, actors, places))
    return render(request, "article.html", body, view={"segments": pieces})


class ArticleIn(BaseModel):
    """An article to ingest: ``text`` is exactly what offsets will point into."""

    text: str = Field(min_length=1, max_length=500_000)
    title: Optional[str] = Field(None, max_length=1000)
    published: Optional[date] = None
    url: Optional[str] = Field(None, max_length=2000)
    outlet: Optional[str] = Field(None, max_length=300)


@router.post("/articles", summary="Ingest one article and return its Report (needs the server's token)",
             responses={401: {"description": "missing or wrong token"}, 403: {"description": "ingest disabled"}})
def post_article(request: Request, article: ArticleIn,
                 authorization: Annotated[Optional[str], Header()] = None) -> Response:
    backend = request.app.state.backend
    if not backend.settings.token:
        raise HTTPException(403, "ingesting is disabled: start the server with --token or $TIDINGS_TOKEN")
    given = authorization.removeprefix("Bearer ").strip() if authorization else None
    if not backend.token_ok(given):
        raise HTTPException(401, "a valid token is needed: send 'Authorization: Bearer TOKEN'")
    from tidings.readers.text import article_from_text
    from tidings.store import extract_for_store, prepare_article

    parsed = prepare_article(article_from_text(article.text, title=article.title, published=article.published,
                                               url=article.url, outlet=article.outlet))
    report = extract_for_store(parsed)
    with backend.write_lock:
        added = backend.store.add_report(report, origin="api")
    body = report.to_dict()
    body["stored"] = {"article_id": added.article_id, "duplicate": added.duplicate,
                      "events_new": added.events_new, "events_merged": added.events_merged}
    return to_json(body, status_code=200 if added.duplicate else 201)


# -- events ------------------------------------------------------------------------------------

Sort = Annotated[Literal[tuple(data.SORTS)], Query()]  # type: ignore[valid-type]


@page("/events", summary="Merged events: filter by type, actor, recipient, place, status, dates; sort; page")
def event_list(request: Request, store: StoreDep, type: Text = None, actor: Text = None, recipient: Text = None,
               place: Text = None, status: Text = None, since: Text = None, until: Text = None,
               article: Text = None, sort: Sort = "date", desc: bool = False,
               offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
               limit: Annotated[int, Query(ge=1, le=500)] = 50, format: Format = None) -> Response:
    filters = data.EventFilters(type=type, actor=actor, recipient=recipient, place=place, status=status,
                                since=since, until=until, article=article)
    rows, total = data.event_table(store, filters, sort=sort, descending=desc, offset=offset, limit=limit)
    shown = {k: v for k, v in vars_of(filters).items() if v}
    body = {"filters": shown, "sort": sort, "desc": desc, "offset": offset, "limit": limit, "total": total,
            "events": rows}
    return render(request, "events.html", body, view={"types": PLOVER_TYPES, "statuses": STATUSES,
                                                      "sorts": list(data.SORTS)})


def vars_of(filters: data.EventFilters) -> dict[str, Any]:
    return filters.given()


@page("/events/{event_id}", summary="One merged event with every report and its chain of sources")
def event_page(request: Request, event_id: str, store: StoreDep, format: Format = None) -> Response:
    event = data.event_detail(store, event_id.removesuffix(".json"))
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}: see /events")
    return render(request, "event.html", {"event": event})


# -- actors and relations ----------------------------------------------------------------------


@page("/actors", summary="Actors by number of events")
def actor_list(request: Request, store: StoreDep, limit: Annotated[int, Query(ge=1, le=5000)] = 300,
               format: Format = None) -> Response:
    return render(request, "actors.html", {"actors": queries.actors(store, limit=limit)})


@page("/actors/{actor_id}", summary="One actor: aliases, hierarchy, relations over time, events")
def actor_page(request: Request, actor_id: str, store: StoreDep, format: Format = None) -> Response:
    actor_id = actor_id.removesuffix(".json")
    actor = data.actor(store, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}: see /actors")
    ancestors, children = data.actor_family(store, actor_id)
    relations = queries.relations(store, actor_id, limit=100)
    months = data.relation_months(store, actor_id)
    for row in relations:
        row["partner"] = row["b"] if row["a"] == actor_id else row["a"]
    names = data.actor_names(store, {r["partner"] for r in relations})
    as_actor, _ = data.event_table(store, data.EventFilters(actor=actor_id, actor_role="actor"), sort="date",
                                   descending=True, limit=100)
    as_recipient, _ = data.event_table(store, data.EventFilters(recipient=actor_id), sort="date", descending=True,
                                       limit=100)
    body = {"actor": actor, "aliases": _aliases(actor_id), "names_in_text": data.surface_names(store, actor_id),
            "ancestors": ancestors, "children": children, "relations": relations,
            "months": {k: v for k, v in months.items()}, "events_as_actor": as_actor,
            "events_as_recipient": as_recipient}
    sparks = {partner: layout.sparkline(rows) for partner, rows in months.items()}
    return render(request, "actor.html", body, view={"sparks": sparks, "names": names, "tone": layout.tone})


def _aliases(actor_id: str) -> list[str]:
    """The knowledge base's names for an actor (empty for actors it does not know)."""
    from tidings.kb.load import load_kb

    entry = load_kb().get(actor_id)
    return sorted(set(entry.aliases + entry.acronyms)) if entry else []


@page("/relations", summary="Pairs of actors: events, cooperation-hostility score, structural ties")
def relation_list(request: Request, store: StoreDep, actor: Text = None,
                  limit: Annotated[int, Query(ge=1, le=1000)] = 100, format: Format = None) -> Response:
    rows = queries.relations(store, actor if actor and actor.strip() else None, limit=limit)
    return render(request, "relations.html", {"actor": actor, "relations": rows})


@page("/relations/{a}/{b}", summary="The events between two actors")
def relation_page(request: Request, a: str, b: str, store: StoreDep, format: Format = None) -> Response:
    b = b.removesuffix(".json")
    events = data.pair_events(store, a, b)
    names = data.actor_names(store, {a, b})
    return render(request, "relation.html", {"a": a, "b": b, "names": names, "events": events})


# -- network, map, timeline --------------------------------------------------------------------


@page("/network", summary="The actor graph: edges coloured by cooperation/hostility, sized by evidence")
def network_page(request: Request, store: StoreDep, min_events: Annotated[int, Query(ge=1, le=1000)] = 1,
                 limit: Annotated[int, Query(ge=1, le=500)] = 100, format: Format = None) -> Response:
    nodes, edges = data.network(store, min_events=min_events, limit=limit)
    placed = layout.network_layout(nodes, edges)
    where = {n["id"]: n for n in placed}
    months = sorted({m[0] for e in edges for m in e["months"]})
    drawn = [e | {"x1": where[e["a"]]["x"], "y1": where[e["a"]]["y"], "x2": where[e["b"]]["x"],
                  "y2": where[e["b"]]["y"], "width": layout.edge_width(e["events"]), "colour": layout.tone(e["score"])}
             for e in edges if e["a"] in where and e["b"] in where]
    return render(request, "network.html", {"nodes": nodes, "edges": edges},
                  view={"placed": placed, "drawn": drawn, "months": months})


@page("/map", summary="Events at their places, with the precision of each place")
def map_page(request: Request, store: StoreDep, format: Format = None) -> Response:
    points = data.map_points(store)
    placed, viewbox = layout.map_view(points)
    return render(request, "map.html", {"points": points},
                  view={"placed": placed, "viewbox": viewbox, "countries": layout.basemap()})


@page("/timeline", summary="Events per week by type, for one actor or a pair")
def timeline_page(request: Request, store: StoreDep, actor: Text = None, partner: Text = None,
                  format: Format = None) -> Response:
    body: dict[str, Any] = {"actor": actor, "partner": partner, "weeks": []}
    view: dict[str, Any] = {"bars": [], "width": 200, "types": [], "colours": {}}
    if actor and actor.strip():
        actor_id = queries.resolve_actor(store, actor)
        partner_id = queries.resolve_actor(store, partner) if partner and partner.strip() else None
        rows = data.weekly(store, actor_id, partner_id)
        types = sorted({r["type"] for r in rows})
        bars, width = layout.week_bars(rows, data.week_range(rows), types)
        body |= {"actor": actor_id, "partner": partner_id, "weeks": rows}
        view = {"bars": bars, "width": width, "types": types,
                "colours": {t: layout.type_colour(t, types) for t in types},
                "names": data.actor_names(store, {actor_id, partner_id or actor_id})}
    return render(request, "timeline.html", body, view=view)


# -- search and SQL ----------------------------------------------------------------------------


@page("/search", summary="Actors, articles and events that contain the words")
def search_page(request: Request, store: StoreDep, q: Text = None, format: Format = None) -> Response:
    found = data.search(store, q) if q and q.strip() else {"actors": [], "articles": [], "events": []}
    return render(request, "search.html", {"q": q, **found})


@page("/sql", summary="One read-only SELECT on the store (no file access, rolled back, time-limited)")
def sql_page(request: Request, store: StoreDep, q: Annotated[Optional[str], Query(max_length=5000)] = None,
             format: Format = None) -> Response:
    from tidings.web.sqlbox import run_sql

    settings = request.app.state.settings
    rows = run_sql(store, q, seconds=settings.sql_seconds, max_rows=settings.sql_rows) if q and q.strip() else []
    return render(request, "sql.html", {"q": q, "rows": rows})


__all__ = ["router"]
