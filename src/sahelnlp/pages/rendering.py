"""What both pages share: the package's Jinja templates, text made safe inside a
<script> element, and a claim as a table row names it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jinja2

# inside <script>, "<" could open "</script>" or "<!--"; the JSON escape of each reads the same
SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
FLAGS = ("claimed", "aggregate", "superseded", "negated")


def template_text(name: str) -> str:
    """A file of the package's templates/ folder."""
    return (resources.files("sahelnlp") / "templates" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Jinja with the package's templates, every value HTML-escaped unless marked safe."""
    return jinja2.Environment(loader=jinja2.FunctionLoader(template_text), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def script_json(value: object) -> str:
    """JSON to place inside a <script> element, whatever text its strings hold."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).translate(SCRIPT_ESCAPES)


def script_code(code: str) -> str:
    """A script file to inline: no "</script" inside it can end the element early."""
    return code.replace("</script", "<\\/script")


def claim_row(claim: dict, actors: dict, places: dict) -> dict:
    """A claim as the pages' tables show it: names beside ids, its flags and bounds, who
    is quoted, and the rule or model that set each field."""
    quantity = claim["quantity"]
    bounds = f"{quantity['low'] if quantity['low'] is not None else '…'}–" \
             f"{quantity['high'] if quantity['high'] is not None else '…'}"
    source = claim.get("source") or {}
    place = places.get(claim.get("place") or "")
    return {"outcome": claim["outcome"], "quantity": quantity["text"], "value": quantity["value"],
            "bounds": bounds, "approximate": quantity["approximate"], "victim": claim["victim"],
            "victim_actor": actor_name(claim.get("victim_actor"), actors),
            "perpetrator": actor_name(claim.get("perpetrator"), actors),
            "source": source.get("text") or "(the writer)",
            "source_link": source.get("actor") or source.get("kind") or "",
            "flags": ", ".join(flag for flag in FLAGS if claim.get(flag)), "event_date": claim.get("event_date") or "",
            "place": f"{place['name']} ({place['country']})" if place else (claim.get("place") or ""),
            "score": claim.get("score"),
            "evidence": "; ".join(f"{field}: {rule}" for field, rule in sorted((claim.get("evidence") or {}).items()))}


def actor_name(actor_id: str | None, actors: dict) -> str:
    """"Name (id)" of an actor of the record, the bare id of one it does not list."""
    if not actor_id:
        return ""
    actor = actors.get(actor_id)
    return f"{actor['name']} ({actor_id})" if actor else actor_id
