"""`sahelnlp review`: one self-contained HTML page to look at records rather than read
JSON, built to send an annotator to the likely errors first.

- A table of contents: every article with its claim count.
- Triage: every claim of the page, the least sure first (its `score`), each row linking
  to its quantity in the text; and where sources differ: the incidents whose independent
  reports give different death tolls, each figure linking to its claim.
- Each article's text, entities highlighted by kind (hover for the actor's or place's
  name, kind and id), each claim's quantity underlined and anchored; its claims in a
  table with the rule or model that set each field (the claim's `evidence`).
No script, font or style is fetched from anywhere: the page works offline."""

from __future__ import annotations

from dataclasses import dataclass

from ..about import __version__
from .rendering import claim_row, environment

TEMPLATE = "review.html.j2"


@dataclass
class Piece:
    """A stretch of text and the marks covering it."""

    text: str
    classes: str = ""
    title: str = ""
    anchor: str = ""


def render_page(records: list[dict], *, title: str = "sahelnlp review") -> str:
    articles = [_article(record, number) for number, record in enumerate(records)]
    triage = sorted((row for article in articles for row in article["claims"]),
                    key=lambda row: (row["score"] if row["score"] is not None else 1.0, row["anchor"]))
    return environment().get_template(TEMPLATE).render(title=title, articles=articles, version=__version__,
                                                       triage=triage, differing=_differing(records))


def _anchor(article_number: int, claim_index: int) -> str:
    return f"a{article_number}-c{claim_index + 1}"


def _differing(records: list[dict]) -> list[dict]:
    """Incidents whose independent reports give different death tolls, each figure with
    the claims it comes from."""
    from ..eventdata.fatalities import fatalities
    from ..eventdata.incident_table import resolve_sides
    from ..eventdata.incidents import build_incidents

    number_of = {record["id"]: n for n, record in enumerate(records)}
    found = []
    for incident in build_incidents(r for r in records if r.get("text") is not None):
        tolls = fatalities(incident.members, resolve_sides(incident).category_of).independent
        if len({toll.total.point for toll in tolls}) < 2:
            continue
        place = next((m.place["name"] for m in incident.members if m.place), "")
        day = min((m.start for m in incident.members if m.start), default=None)
        found.append({"where": place, "day": day, "figures": [
            {"total": toll.total.point, "article": toll.article_id,
             "anchors": [_anchor(number_of[m.article_id], m.index) for m in toll.total.members]}
            for toll in sorted(tolls, key=lambda t: t.total.point)]})
    return found


def _article(record: dict, number: int) -> dict:
    text = record.get("text")
    actors = {a["id"]: a for a in record.get("actors", [])}
    places = {p["id"]: p for p in record.get("places", [])}
    title = (record.get("meta") or {}).get("title") or record["id"]
    claims = [{**claim_row(c, actors, places), "anchor": _anchor(number, i), "article": title}
              for i, c in enumerate(record.get("claims", []))]
    return {"id": record["id"], "anchor": f"a{number}", "meta": record.get("meta", {}),
            "errors": record.get("errors", []), "notes": record.get("notes", []), "review": record.get("review"),
            "duplicate_of": record.get("duplicate_of"),
            "pieces": _pieces(text, record, number, actors, places) if text is not None else None,
            "claims": claims}


def _marks(record: dict, number: int, actors: dict, places: dict) -> list[tuple[int, int, str, str, str]]:
    """(start, end, class, hover text, anchor) of every entity and claim quantity."""
    marks = []
    for entity in record.get("entities", []):
        kb_id = entity.get("kb_id") or ""
        kind = "actor" if kb_id.startswith("actor:") else "place" if kb_id.startswith("place:") else "other"
        marks.append((entity["start"], entity["end"], f"ent-{kind}", _hover(entity, kb_id, actors, places), ""))
    for index, claim in enumerate(record.get("claims", [])):
        start, end = claim.get("quantity_span") or claim["span"]
        marks.append((start, end, "quantity", f"claim {index + 1}: {claim['outcome']} {claim['quantity']['text']}",
                      _anchor(number, index)))
    return marks


def _hover(entity: dict, kb_id: str, actors: dict, places: dict) -> str:
    """An entity's hover text: the linked actor's or place's name and kind, then its id."""
    link = kb_id.split(":", 1)[1] if ":" in kb_id else ""
    if kb_id.startswith("actor:") and link in actors:
        actor = actors[link]
        return f"{actor['name']} ({actor.get('type') or 'actor'}) · {kb_id}"
    if kb_id.startswith("place:") and link in places:
        place = places[link]
        where = ", ".join(v for v in (place.get("kind"), place.get("admin1"), place.get("country")) if v)
        return f"{place['name']} ({where}) · {kb_id}"
    return f"{entity['label']} {kb_id}".strip()


def _pieces(text: str, record: dict, number: int, actors: dict, places: dict) -> list[Piece]:
    """The text cut at every mark boundary, each stretch with the marks that cover it; a
    quantity's first stretch carries its anchor."""
    marks = _marks(record, number, actors, places)
    cuts = sorted({0, len(text), *[m[0] for m in marks], *[m[1] for m in marks]})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        anchor = next((m[4] for m in covering if m[4] and m[0] == start), "")
        pieces.append(Piece(text[start:end], " ".join(sorted({m[2] for m in covering})),
                            " | ".join(m[3] for m in covering), anchor))
    return pieces
