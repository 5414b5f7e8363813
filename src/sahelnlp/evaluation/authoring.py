"""Writing gold by hand: an article's sentences with offsets, quotes located, new gold
files started, and every gold file checked against its text and the codebook.

This is what annotators use (`sahelnlp gold show|locate|new|check`). Nothing here runs
the extraction pipeline: gold is written from the codebook and the text alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..article import Article
from ..codebook import (ACTOR_ID, FLAGS, INCIDENT_KEY, INCIDENT_TYPES, OUTCOMES, PLACE_KINDS, SOURCE_KINDS,
                        VICTIM_GROUPS)
from .gold import GoldDoc, sha1


@dataclass(frozen=True)
class Problem:
    """One thing wrong (`error`) or worth a second look (`warning`) in a gold file."""

    level: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.where}: {self.message}"


@lru_cache(maxsize=2)
def _sentencizer(lang: str):
    import spacy

    nlp = spacy.blank(lang if lang in ("en", "fr") else "en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_spans(text: str, lang: str | None = "en") -> list[tuple[int, int]]:
    """Character spans of the text's sentences (punctuation and line breaks), trimmed.

    A rule-based splitter, not the pipeline's parser: gold sentences must not depend on
    the model being evaluated.
    """
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"[^\n]+", text):
        doc = _sentencizer(lang or "en")(block.group())
        for sent in doc.sents:
            start = block.start() + sent.start_char
            end = block.start() + sent.end_char
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans


def locate(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of `quote` in `text`."""
    found, at = [], text.find(quote)
    while at >= 0 and quote:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def enclosing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The sentence span that holds [start, end), if one does."""
    return next(((s, e) for s, e in spans if s <= start and end <= e), None)


def new_gold(article: Article, input_path: str, annotator: str) -> dict:
    """An empty gold file for one article, ready to fill (corpus/gold/FORMAT.md)."""
    return {"doc": article.id, "input": input_path, "text_sha1": sha1(article.text), "lang": article.lang,
            "annotator": annotator, "claims": [], "places": [], "actors": [], "incidents": []}


# -- checking ------------------------------------------------------------------------
def check_gold(gold: GoldDoc, article: Article | None, known_actors: Iterable[str] = ()) -> list[Problem]:
    """Everything in one gold file that breaks FORMAT.md or the codebook.

    With the article, offsets are held against its text too. Actor ids the lexicon
    lacks are warnings: the codebook allows any group's usual short name.
    """
    where = str(gold.path or gold.doc)
    problems: list[Problem] = []
    text = None
    if article is None or not article.ok:
        problems.append(Problem("error", where, f"its article {gold.doc} in {gold.input} could not be read"
                                + (f" ({article.errors[0]})" if article is not None and article.errors else "")))
    elif sha1(article.text) != gold.text_sha1:
        problems.append(Problem("error", where, "text_sha1 differs from the article's text: the offsets "
                                "index another text; write the hash of the text as the readers return it"))
    else:
        text = article.text
    known = set(known_actors)
    incidents = {i.get("key") for i in gold.incidents}
    for n, claim in enumerate(gold.claims):
        problems += _check_claim(claim, f"{where} claim {n}", text, known, incidents)
    for n, place in enumerate(gold.places):
        problems += _check_place_mention(place, f"{where} place {n}", text)
    for n, actor in enumerate(gold.actors):
        problems += _check_actor(actor, f"{where} actor {n}", text, known)
    problems += _check_incidents(gold, where)
    return problems


def _check_claim(claim: dict, where: str, text: str | None, known: set[str], incidents: set) -> list[Problem]:
    errors: list[str] = []
    warnings: list[str] = []
    missing = [k for k in ("outcome", "quantity", "span", "victim", "victim_actor", "perpetrator", "source",
                           *FLAGS, "event_date", "place", "sentence") if k not in claim]
    if missing:
        return [Problem("error", where, f"missing field(s) {', '.join(missing)}")]
    if claim["outcome"] not in OUTCOMES:
        errors.append(f"outcome {claim['outcome']!r} is not one of {', '.join(OUTCOMES)}")
    if claim["victim"] not in VICTIM_GROUPS:
        errors.append(f"victim {claim['victim']!r} is not one of {', '.join(VICTIM_GROUPS)}")
    errors += _quantity_errors(claim["quantity"], claim["negated"])
    for field_name in ("victim_actor", "perpetrator"):
        value = claim[field_name]
        if value is not None and not ACTOR_ID.match(str(value)):
            errors.append(f"{field_name} {value!r} is not an actor id (lower-case slug)")
        elif value is not None and known and value not in known:
            warnings.append(f"{field_name} {value!r} is not in the actor lexicon")
    errors += _source_errors(claim["source"])
    for flag in FLAGS:
        if not isinstance(claim[flag], bool):
            errors.append(f"{flag} must be true or false")
    if claim["event_date"] is not None and not _is_iso_day(claim["event_date"]):
        errors.append(f"event_date {claim['event_date']!r} is not an ISO day (YYYY-MM-DD) or null")
    for level, message in _place_record_problems(claim["place"]) if claim["place"] is not None else ():
        (errors if level == "error" else warnings).append(f"place: {message}")
    errors += _span_errors(claim, text)
    key = claim.get("incident")
    if claim["aggregate"]:
        if key is not None:
            errors.append("an aggregate claim belongs to no incident: incident must be null")
    elif key is None:
        errors.append("a claim that is not aggregate needs an incident key (codebook section 4)")
    elif not INCIDENT_KEY.match(str(key)):
        errors.append(f"incident {key!r} is not a key like 'ml-2024-09-17-bamako'")
    elif key not in incidents:
        errors.append(f"incident {key!r} is not described in the file's incidents list")
    return ([Problem("error", where, e) for e in errors] + [Problem("warning", where, w) for w in warnings])


def _quantity_errors(quantity: dict, negated: bool) -> list[str]:
    if not isinstance(quantity, dict) or any(k not in quantity for k in ("text", "value", "low", "high",
                                                                         "approximate")):
        return ["quantity needs text, value, low, high and approximate"]
    value, low, high = quantity["value"], quantity["low"], quantity["high"]
    errors = []
    for name, number in (("value", value), ("low", low), ("high", high)):
        if number is not None and (not isinstance(number, int) or isinstance(number, bool) or number < 0):
            errors.append(f"quantity.{name} must be a whole number or null")
    if errors:
        return errors
    if low is not None and high is not None and low > high:
        errors.append(f"quantity.low {low} is above quantity.high {high}")
    if value is not None and not quantity["approximate"]:
        # "more than 20" is 20 with low 21, "fewer than 300" is 300 with high 299
        if (low is not None and value < low - 1) or (high is not None and value > high + 1):
            errors.append(f"quantity.value {value} lies outside low..high ({low}..{high})")
    if negated and value != 0:
        errors.append("a negated claim has quantity.value 0")
    if not isinstance(quantity["approximate"], bool):
        errors.append("quantity.approximate must be true or false")
    return errors


def _source_errors(source) -> list[str]:
    if source is None:
        return []
    if not isinstance(source, dict) or any(k not in source for k in ("text", "actor", "kind")):
        return ["source is null or has text, actor and kind"]
    errors = []
    if source["actor"] is not None and not ACTOR_ID.match(str(source["actor"])):
        errors.append(f"source.actor {source['actor']!r} is not an actor id")
    if source["kind"] is not None and source["kind"] not in SOURCE_KINDS:
        errors.append(f"source.kind {source['kind']!r} is not one of {', '.join(SOURCE_KINDS)}")
    if source["actor"] is None and source["kind"] is None:
        errors.append("source names an actor or a kind (or the whole source is null)")
    return errors


def _place_record_problems(place: dict) -> list[tuple[str, str]]:
    """(level, message) pairs: a place with no known point is allowed but worth a look."""
    if not isinstance(place, dict):
        return [("error", "must be an object with name, country, lat, lon, kind")]
    problems = []
    if not place.get("name"):
        problems.append(("error", "name is missing"))
    country, kind = place.get("country"), place.get("kind")
    if kind not in PLACE_KINDS:
        problems.append(("error", f"kind {kind!r} is not one of {', '.join(PLACE_KINDS)}"))
    if country is None and kind not in ("area", "natural"):
        problems.append(("error", "only an area or a natural feature that spans countries has country null"))
    elif country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
        problems.append(("error", f"country {country!r} is not an ISO alpha-2 code"))
    lat, lon = place.get("lat"), place.get("lon")
    if (lat is None) != (lon is None):
        problems.append(("error", "lat and lon are both given or both null"))
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        problems.append(("error", f"({lat}, {lon}) is not a coordinate"))
    elif lat is None and kind not in ("area", "region", "country"):
        problems.append(("warning", f"{place.get('name')!r} has no coordinates: it is scored by name only"))
    return problems


def _span_errors(claim: dict, text: str | None) -> list[str]:
    span, sentence = claim["span"], claim["sentence"]
    if not _is_span(span) or not _is_span(sentence):
        return ["span and sentence are [start, end) pairs"]
    errors = []
    if not (sentence[0] <= span[0] and span[1] <= sentence[1]):
        errors.append(f"span {span} lies outside its sentence {sentence}")
    if text is not None:
        if text[span[0]:span[1]] != claim["quantity"]["text"]:
            errors.append(f"span {span} reads {text[span[0]:span[1]]!r}, not quantity.text "
                          f"{claim['quantity']['text']!r}")
        if sentence[1] > len(text):
            errors.append(f"sentence {sentence} runs past the text's end ({len(text)})")
    source = claim.get("source") or {}
    if text is not None and source.get("text") and source.get("span"):
        start, end = source["span"]
        if text[start:end] != source["text"]:
            errors.append(f"source.span reads {text[start:end]!r}, not source.text {source['text']!r}")
    return errors


def _check_place_mention(place: dict, where: str, text: str | None) -> list[Problem]:
    errors = []
    if not _is_span([place.get("start"), place.get("end")]):
        errors.append("start and end are offsets with start < end")
    elif text is not None and text[place["start"]:place["end"]] != place.get("text"):
        errors.append(f"[{place['start']}, {place['end']}) reads {text[place['start']:place['end']]!r}, "
                      f"not {place.get('text')!r}")
    return ([Problem("error", where, e) for e in errors]
            + [Problem(level, where, m) for level, m in _place_record_problems(place)])


def _check_actor(actor: dict, where: str, text: str | None, known: set[str]) -> list[Problem]:
    problems = []
    actor_id = actor.get("id")
    if not actor_id or not ACTOR_ID.match(str(actor_id)):
        problems.append(Problem("error", where, f"id {actor_id!r} is not an actor id (lower-case slug)"))
    elif known and actor_id not in known:
        problems.append(Problem("warning", where, f"{actor_id!r} is not in the actor lexicon"))
    if not actor.get("name"):
        problems.append(Problem("error", where, "name is missing"))
    mentions = actor.get("mentions")
    if not isinstance(mentions, list) or not mentions:
        problems.append(Problem("error", where, "an actor lists the [start, end) of each of its mentions"))
        return problems
    for mention in mentions:
        if not _is_span(mention) or (text is not None and mention[1] > len(text)):
            problems.append(Problem("error", where, f"mention {mention} is not a span of the text"))
        elif text is not None and (text[mention[0]].isspace() or text[mention[1] - 1].isspace()):
            problems.append(Problem("error", where, f"mention {mention} ({text[mention[0]:mention[1]]!r}) "
                                    "starts or ends on a space"))
    return problems


def _check_incidents(gold: GoldDoc, where: str) -> list[Problem]:
    problems = []
    used = {c.get("incident") for c in gold.claims if c.get("incident")}
    for n, incident in enumerate(gold.incidents):
        at = f"{where} incident {n}"
        key = incident.get("key")
        if not key or not INCIDENT_KEY.match(str(key)):
            problems.append(Problem("error", at, f"key {key!r} is not like 'ml-2024-09-17-bamako'"))
        elif key not in used:
            problems.append(Problem("warning", at, f"{key!r} is described but no claim names it"))
        date = incident.get("date")
        if date is not None and not re.fullmatch(r"\d{4}(-\d{2}){0,2}", str(date)):
            problems.append(Problem("error", at, f"date {date!r} is YYYY, YYYY-MM, YYYY-MM-DD or null"))
        if incident.get("type") not in INCIDENT_TYPES:
            problems.append(Problem("error", at, f"type {incident.get('type')!r} is not one of "
                                    f"{', '.join(INCIDENT_TYPES)}"))
        country = incident.get("country")
        if not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
            problems.append(Problem("error", at, f"country {country!r} is not an ISO alpha-2 code"))
        if not incident.get("summary"):
            problems.append(Problem("error", at, "a summary in the annotator's own words is needed"))
    return problems


def _is_span(span) -> bool:
    return (isinstance(span, (list, tuple)) and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span) and 0 <= span[0] < span[1])


def _is_iso_day(value) -> bool:
    try:
        dt.date.fromisoformat(str(value))
        return len(str(value)) == 10
    except ValueError:
        return False
