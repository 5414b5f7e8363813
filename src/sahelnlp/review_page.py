"""`sahelnlp review`: one self-contained HTML page to look at records rather than read
JSON. Entities are highlighted by kind (actors, places, other entities), each claim's
quantity is underlined, and each article's claims are listed in a table. No script,
font or style is fetched from anywhere: the page works offline."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import jinja2

from .about import __version__

TEMPLATE = "review.html.j2"


@dataclass
class Piece:
    """A stretch of text and the marks covering it."""

    text: str
    classes: str = ""
    title: str = ""


def render_page(records: list[dict], *, title: str = "sahelnlp review") -> str:
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    articles = [_article(record) for record in records]
    return environment.get_template(TEMPLATE).render(title=title, articles=articles, version=__version__)


def _template(name: str) -> str:
    return (resources.files("sahelnlp") / "templates" / name).read_text(encoding="utf-8")


def _article(record: dict) -> dict:
    text = record.get("text")
    actors = {a["id"]: a for a in record.get("actors", [])}
    places = {p["id"]: p for p in record.get("places", [])}
    return {"id": record["id"], "meta": record.get("meta", {}), "errors": record.get("errors", []),
            "notes": record.get("notes", []), "review": record.get("review"),
            "duplicate_of": record.get("duplicate_of"),
            "pieces": _pieces(text, record) if text is not None else None,
            "claims": [_claim_row(c, actors, places) for c in record.get("claims", [])]}


def _marks(record: dict) -> list[tuple[int, int, str, str]]:
    marks = []
    for entity in record.get("entities", []):
        kb_id = entity.get("kb_id") or ""
        kind = "actor" if kb_id.startswith("actor:") else "place" if kb_id.startswith("place:") else "other"
        marks.append((entity["start"], entity["end"], f"ent-{kind}",
                      f"{entity['label']} {kb_id}".strip()))
    for number, claim in enumerate(record.get("claims", []), start=1):
        start, end = claim.get("quantity_span") or claim["span"]
        marks.append((start, end, "quantity", f"claim {number}: {claim['outcome']} {claim['quantity']['text']}"))
    return marks


def _pieces(text: str, record: dict) -> list[Piece]:
    """The text cut at every mark boundary, each stretch with the marks that cover it."""
    marks = _marks(record)
    cuts = sorted({0, len(text), *[m[0] for m in marks], *[m[1] for m in marks]})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        pieces.append(Piece(text[start:end], " ".join(sorted({m[2] for m in covering})),
                            " | ".join(m[3] for m in covering)))
    return pieces


def _claim_row(claim: dict, actors: dict, places: dict) -> dict:
    quantity = claim["quantity"]
    bounds = f"{quantity['low'] if quantity['low'] is not None else '…'}–" \
             f"{quantity['high'] if quantity['high'] is not None else '…'}"
    source = claim.get("source") or {}
    place = places.get(claim.get("place") or "")
    flags = [f for f in ("claimed", "aggregate", "superseded", "negated") if claim.get(f)]
    return {"outcome": claim["outcome"], "quantity": quantity["text"], "value": quantity["value"],
            "bounds": bounds, "approximate": quantity["approximate"], "victim": claim["victim"],
            "victim_actor": _actor_name(claim.get("victim_actor"), actors),
            "perpetrator": _actor_name(claim.get("perpetrator"), actors),
            "source": source.get("text") or "(the writer)",
            "source_link": source.get("actor") or source.get("kind") or "",
            "flags": ", ".join(flags), "event_date": claim.get("event_date") or "",
            "place": f"{place['name']} ({place['country']})" if place else (claim.get("place") or "")}


def _actor_name(actor_id: str | None, actors: dict) -> str:
    if not actor_id:
        return ""
    actor = actors.get(actor_id)
    return f"{actor['name']} ({actor_id})" if actor else actor_id
