"""Incidents: the claims of many articles about one violent event (codebook section 4).

Grouping. Two claims belong to one incident when
- their times fit: a claim's time is its event date ("stated"); with none, the day most
  of its article's dated claims of the same incident at its place state ("article");
  with none, the days from `publication_lookback` days before its article's publication
  to that day ("publication"), unless its article recalls it as another incident; two times fit when they are at most `max_days` apart, so the days of
  one continuous fight chain together, but publication windows only as far as they
  overlap. A claim with none of these joins the undated claims of its own article, and
  then the one dated incident at its place that corroborates it: a shared toll of
  `corroborating_toll` or more, or two shared tolls, or a shared armed group (a toll
  only, for an incident its article recalls);
- their places fit: within `max_km`, in the same admin2 unit, or of one name within
  `namesake_km` (the linker may read one village's name as a namesake across a border); a
  claim placed only at region or area level fits the places of its first-level unit, one
  placed only in a country (or not placed) any place of that country;
- they are both arrests, or neither is;
- their sides fit (`sides.py`): every claim puts its perpetrator and its victims on
  opposite sides, and the claims together must leave no actor on both. The soldiers an
  army lost and the fighters it says it killed are one clash; two groups fighting the
  same army at the same place and time are one side of it. But fighters the state says
  it killed beside civilians others killed, with no soldier hit, are an operation
  after a massacre, not one clash with it;
- they are not two incidents of one article (its `article_incident` numbers differ).
Joining is single-linkage on time, nearest first, but two groups join only when all
their places fit and their sides can be told apart, so an unplaced claim cannot chain
two towns. Aggregate claims (period or area totals) never form or join incidents.

Each incident's figures (`fatalities.py`), type (`event_types.py`), place, dates and
precision are computed from its claims; `incidents_table` writes one row per incident.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import pairwise

from ..codebook import COARSE_PLACE_KINDS
from ..geo import distance_km
from .sides import (
    CIVILIANS,
    MILITANTS,
    STATE,
    ActorRef,
    Sides,
    relate_claim,
    victim_camp,
)


@dataclass(frozen=True)
class IncidentSettings:
    """How far apart two claims of one incident may be."""

    max_days: int = 2
    max_km: float = 30.0
    # one name read as two places (a namesake across a border) fits up to this far apart
    namesake_km: float = 300.0
    # two reports corroborate each other by one shared toll this large, or two shared tolls
    corroborating_toll: int = 10
    publication_lookback: int = 3


@dataclass
class Member:
    """One claim as the grouping sees it."""

    article_id: str
    index: int
    claim: dict
    sentence: str | None
    start: date | None  # first day the event may have happened
    end: date | None  # last day
    date_basis: str  # stated, article (its article's main day), publication or none
    place: dict | None
    perpetrator: ActorRef | None
    victim_actor: ActorRef | None
    source: str | None
    published: date | None = None
    lang: str | None = None
    # the article's own most-mentioned precise place, for an incident whose claims give none
    article_place: dict | None = None

    @property
    def ref(self) -> dict:
        return {"article_id": self.article_id, "claim_index": self.index, "sentence": self.sentence}

    @property
    def arrest(self) -> bool:
        """Arrests are events of their own (ACLED's strategic developments), never part of a fight."""
        return self.claim["outcome"] == "arrested"

    @cached_property
    def counts(self) -> bool:
        """Negated ("no soldiers were killed") and superseded figures tell no one's losses."""
        return not (self.claim.get("negated") or self.claim.get("superseded"))

    @cached_property
    def attacker_camp(self) -> str | None:
        return self.perpetrator.camp if self.perpetrator and self.counts else None

    @cached_property
    def target_camp(self) -> str | None:
        return victim_camp(self.victim_actor, self.claim["victim"]) if self.counts else None


@dataclass
class Incident:
    """Claims grouped as one event, with the sides they imply."""

    members: list[Member]
    sides: Sides = field(default_factory=Sides)

    @cached_property
    def incident_id(self) -> str:
        """Stable for the same input: a hash of its claims' articles and places in them."""
        keys = sorted(f"{m.article_id}#{m.index}" for m in self.members)
        return "inc-" + hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()[:12]

    @property
    def articles(self) -> list[str]:
        return sorted({m.article_id for m in self.members})

    @cached_property
    def places(self) -> dict[str, dict]:
        """Its claims' distinct places by id."""
        return {m.place["id"]: m.place for m in self.members if m.place}

    @cached_property
    def article_incidents(self) -> dict[str, frozenset[int]]:
        """Per article, which of its incidents (`article_incident`) the claims tell."""
        found: dict[str, set[int]] = {}
        for member in self.members:
            found.setdefault(member.article_id, set()).add(member.claim.get("article_incident") or 0)
        return {article: frozenset(numbers) for article, numbers in found.items()}

    @cached_property
    def tolls(self) -> frozenset[tuple]:
        """Its tolls as (outcome, victims, number), for telling whether two reports agree."""
        return frozenset(key for key in map(_figure_key, self.members) if key is not None)

    @cached_property
    def groups(self) -> frozenset[str]:
        """The armed groups it names (not the state, not unnamed fighters)."""
        camps = {m.attacker_camp for m in self.members} | {m.target_camp for m in self.members}
        return frozenset(camps - {None, STATE, MILITANTS, CIVILIANS})


def build_incidents(records: Iterable[dict], settings: IncidentSettings | None = None) -> list[Incident]:
    """Group the claims of output records into incidents, in date order."""
    settings = settings or IncidentSettings()
    members = [m for record in records for m in members_of(record, settings)]
    incidents = _group(members, settings)
    incidents.sort(key=lambda i: (min((m.start for m in i.members if m.start), default=date.max), i.incident_id))
    return incidents


def members_of(record: dict, settings: IncidentSettings) -> list[Member]:
    """The claims of one record that may form incidents (not aggregates)."""
    actors = {a["id"]: a for a in record.get("actors", [])}
    places = {p["id"]: p for p in record.get("places", [])}
    text = record.get("text")
    meta = record.get("meta") or {}
    published = _day(meta.get("published"))
    stated_claims = [c for c in record.get("claims", []) if not c.get("aggregate") and _day(c.get("event_date"))]
    article_place = _article_place(record.get("places", []))
    found = []
    for index, claim in enumerate(record.get("claims", [])):
        if claim.get("aggregate"):
            continue
        sentence = claim.get("sentence")
        stated = _day(claim.get("event_date"))
        if stated:
            start, end, basis = stated, stated, "stated"
        elif main_day := _main_day(claim, stated_claims, places, published, settings):
            start, end, basis = main_day, main_day, "article"
        elif published and not claim.get("article_incident"):  # a recalled incident is not news of the day
            start, end, basis = published - timedelta(days=settings.publication_lookback), published, "publication"
        else:
            start, end, basis = None, None, "none"
        found.append(Member(
            article_id=record["id"], index=index, claim=claim,
            sentence=text[sentence[0]:sentence[1]] if text is not None and sentence else None,
            start=start, end=end, date_basis=basis, place=places.get(claim.get("place") or ""),
            perpetrator=_actor(claim.get("perpetrator"), actors),
            victim_actor=_actor(claim.get("victim_actor"), actors),
            source=(claim.get("source") or {}).get("actor"), published=published, lang=meta.get("lang"),
            article_place=article_place))
    return found


def _article_place(places: list[dict]) -> dict | None:
    """The precise place an article mentions most (the first mentioned of equals)."""
    precise = [p for p in places if p.get("kind") not in COARSE_PLACE_KINDS and p.get("mentions")]
    return min(precise, key=lambda p: (-len(p["mentions"]), p["mentions"][0][0]), default=None)


def _main_day(claim: dict, stated: list[dict], places: dict[str, dict], published: date | None,
              settings: IncidentSettings) -> date | None:
    """An undated claim's day from its article: the day most of the article's dated
    claims of the same article incident at its place state (the earliest of equals; not after publication). A claim
    at a place none of them is at (an earlier massacre elsewhere) gets none."""
    place = places.get(claim.get("place") or "")
    days = Counter(d for d in (_day(c["event_date"]) for c in stated
                               if c.get("article_incident", 0) == claim.get("article_incident", 0)
                               and _places_fit(place, places.get(c.get("place") or ""), settings))
                   if published is None or d <= published)
    return min(days, key=lambda d: (-days[d], d)) if days else None


def _actor(actor_id: str | None, actors: dict[str, dict]) -> ActorRef | None:
    if not actor_id:
        return None
    actor = actors.get(actor_id) or {}
    return ActorRef(actor_id, actor.get("type"), tuple(actor.get("lineage") or ()))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# -- grouping ------------------------------------------------------------------
def _group(members: list[Member], settings: IncidentSettings) -> list[Incident]:
    incidents: dict[int, Incident] = {}
    owned: dict[int, list[int]] = {}  # incident key -> its members' indices
    incident_of: list[int] = []
    for i, member in enumerate(members):
        sides = Sides()
        if not relate_claim(sides, member.attacker_camp, member.target_camp):
            sides = Sides()  # a claim at odds with itself still stands alone
        incidents[i], owned[i] = Incident([member], sides), [i]
        incident_of.append(i)
    for i, j in _candidate_pairs(members, settings):
        a, b = incident_of[i], incident_of[j]
        if a == b or not _members_fit(members[i], members[j], settings):
            continue
        if _vague_link(members[i], members[j]) and not _corroborated(incidents[a], incidents[b], settings):
            continue
        joined = _join(incidents[a], incidents[b], settings)
        if joined is None:
            continue
        for member_index in owned[a]:
            incident_of[member_index] = b
        owned[b].extend(owned.pop(a))
        incidents[b] = joined
        del incidents[a]
    return _place_undated(list(incidents.values()), settings)


def _vague_link(x: Member, y: Member) -> bool:
    """Two articles' claims, one of them without a precise place: their time and sides
    may fit by chance."""
    return x.article_id != y.article_id and any(m.place is None or m.place["kind"] in COARSE_PLACE_KINDS
                                                for m in (x, y))


def _corroborated(a: Incident, b: Incident, settings: IncidentSettings) -> bool:
    """Whether two incidents report one toll or name one armed group."""
    return _share_a_figure(a, b, settings) or _share_a_group(a, b)


def _place_undated(incidents: list[Incident], settings: IncidentSettings) -> list[Incident]:
    """Claims with no date at all join the one dated incident at their place that
    corroborates them (`_corroborated`; a shared toll only, for an incident their article
    recalls), not after their article's publication; where several do, which one they
    tell is unknown, and they stay apart. Each round decides against the dated
    incidents as the round found them, so the order of the input does not matter; rounds
    repeat while some join (one undated report may corroborate another)."""
    dated = [i for i in incidents if any(m.start for m in i.members)]
    undated = sorted((i for i in incidents if not any(m.start for m in i.members)), key=lambda i: i.incident_id)
    while True:
        joining: dict[int, list[Incident]] = {}
        kept: list[Incident] = []
        for incident in undated:
            fitting = [n for n, other in enumerate(dated) if _tells(incident, other, settings)]
            if len(fitting) == 1:
                joining.setdefault(fitting[0], []).append(incident)
            else:
                kept.append(incident)
        for n, joiners in joining.items():
            for incident in joiners:  # the first joins as `_tells` found; later ones meet the grown incident
                joined = _join(incident, dated[n], settings)
                if joined is None:
                    kept.append(incident)
                else:
                    dated[n] = joined
        if len(kept) == len(undated):
            return dated + kept
        undated = kept


def _tells(undated: Incident, dated: Incident, settings: IncidentSettings) -> bool:
    """Whether an undated incident may tell a dated one (see `_place_undated`)."""
    published = [m.published for m in undated.members if m.published]
    if published and min(m.start for m in dated.members if m.start) > max(published):
        return False
    if not _same_site(undated, dated, settings):
        return False
    recalled = any(m.claim.get("article_incident") for m in undated.members)
    evidence = _share_a_figure(undated, dated, settings) if recalled else _corroborated(undated, dated, settings)
    return evidence and _join(undated, dated, settings) is not None


def _share_a_figure(a: Incident, b: Incident, settings: IncidentSettings) -> bool:
    """Whether both report one toll of `corroborating_toll` or more, or two tolls: the same
    outcome, victims and number (two articles that both say 'five soldiers' may tell two
    attacks)."""
    shared = a.tolls & b.tolls
    return len(shared) >= 2 or any(key[2] >= settings.corroborating_toll for key in shared)


def _share_a_group(a: Incident, b: Incident) -> bool:
    """Whether both name one armed group."""
    return bool(a.groups & b.groups)


def _figure_key(member: Member) -> tuple | None:
    claim = member.claim
    value = claim["quantity"].get("value")
    return (claim["outcome"], claim["victim"], value) if value is not None and member.counts else None


def _same_site(a: Incident, b: Incident, settings: IncidentSettings) -> bool:
    """Whether some precise place of one is a precise place of the other, or near it."""
    precise = [m.place for m in b.members if m.place and m.place["kind"] not in COARSE_PLACE_KINDS]
    return any(_places_fit(m.place, other, settings) for m in a.members
               if m.place and m.place["kind"] not in COARSE_PLACE_KINDS for other in precise)


def _candidate_pairs(members: list[Member], settings: IncidentSettings) -> list[tuple[int, int]]:
    """Pairs whose times fit and whose places may (`_Zones`), in `_pair_order`."""
    by_day: dict[date, _Zones] = {}
    undated: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        if member.start is None:
            undated.setdefault(member.article_id, []).append(i)
            continue
        day = member.start
        while day <= member.end:
            by_day.setdefault(day, _Zones(settings)).add(i, member)
            day += timedelta(days=1)
    pairs: set[tuple[int, int]] = set()
    for indices in undated.values():
        pairs.update((j, i) for n, i in enumerate(indices) for j in indices[:n])
    for day, zones in by_day.items():
        for gap in range(settings.max_days + 1):
            others = by_day.get(day + timedelta(days=gap))
            if others is not None:
                pairs.update((min(i, j), max(i, j)) for i, j in zones.pairs_with(others) if i != j)
    rank = _input_free_ranks(members)
    return sorted(pairs, key=lambda pair: _pair_order(members, rank, *pair))


class _Zones:
    """One day's claims by where they are, so that only claims whose places may fit are
    paired: precise places by grid cell (a cell as wide as `max_km`, neighbours paired),
    by name (namesakes) and by admin2; claims placed coarsely or not at all by country,
    paired with every claim of their country."""

    def __init__(self, settings: IncidentSettings):
        self.cell_degrees = max(settings.max_km, 1.0) / 55.0  # wider than max_km up to 60° of latitude
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.names: dict[str, list[int]] = {}
        self.admin2: dict[tuple, list[int]] = {}
        self.loose: dict[str | None, list[int]] = {}
        self.by_country: dict[str | None, list[int]] = {}

    def add(self, i: int, member: Member) -> None:
        place = member.place
        country = (place or {}).get("country")
        self.by_country.setdefault(country, []).append(i)
        if place is None or place["kind"] in COARSE_PLACE_KINDS or place.get("lat") is None:
            self.loose.setdefault(country, []).append(i)
            return
        cell = (int(place["lat"] // self.cell_degrees), int(place["lon"] // self.cell_degrees))
        self.cells.setdefault(cell, []).append(i)
        self.names.setdefault(place["name"], []).append(i)
        if place.get("admin2"):
            self.admin2.setdefault((country, place["admin2"]), []).append(i)

    def pairs_with(self, other: _Zones) -> Iterator[tuple[int, int]]:
        for (y, x), mine in self.cells.items():
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    yield from ((i, j) for i in mine for j in other.cells.get((y + dy, x + dx), ()))
        for index, other_index in ((self.names, other.names), (self.admin2, other.admin2)):
            for key, mine in index.items():
                yield from ((i, j) for i in mine for j in other_index.get(key, ()))
        yield from self._loose_pairs(self.loose, other.by_country)
        yield from ((i, j) for j, i in self._loose_pairs(other.loose, self.by_country))

    @staticmethod
    def _loose_pairs(loose: dict, by_country: dict) -> Iterator[tuple[int, int]]:
        """A coarse or unplaced claim fits any place of its country, and one of no known
        country fits any place."""
        for country, mine in loose.items():
            for other_country, theirs in by_country.items():
                if country is None or other_country is None or country == other_country:
                    yield from ((i, j) for i in mine for j in theirs)


def _input_free_ranks(members: list[Member]) -> list[int]:
    """Each claim's rank by article and position, once: an order the input's does not change."""
    order = sorted(range(len(members)), key=lambda i: (members[i].article_id, (members[i].claim.get("span") or [0])[0],
                                                       members[i].index))
    rank = [0] * len(members)
    for position, i in enumerate(order):
        rank[i] = position
    return rank


def _pair_order(members: list[Member], rank: list[int], i: int, j: int) -> tuple:
    """Nearest in time first, precise places before coarse ones, then by article and
    position, so that the grouping does not depend on the order of the input."""
    x, y = members[i], members[j]
    gap = _days_apart(x, y) + (x.date_basis != "stated") + (y.date_basis != "stated")
    coarse = sum(1 for m in (x, y) if m.place is None or m.place["kind"] in COARSE_PLACE_KINDS)
    return gap, coarse, min(rank[i], rank[j]), max(rank[i], rank[j])


def _days_apart(x: Member, y: Member) -> int:
    if x.start is None or y.start is None:
        return 0
    return max(0, (x.start - y.end).days, (y.start - x.end).days)


def _join(a: Incident, b: Incident, settings: IncidentSettings) -> Incident | None:
    """The two incidents as one, or None when their places or sides do not fit."""
    if a.members[0].arrest != b.members[0].arrest or _told_apart(a, b):
        return None
    if not all(_places_fit(x, y, settings) for x in a.places.values() for y in b.places.values()):
        return None
    members = sorted(b.members + a.members, key=lambda m: (m.article_id, m.index))  # order-free figures
    if _reprisal_beside_massacre(members) or not _continuous(members, settings.max_days):
        return None
    sides = b.sides.copy()
    for member in a.members:
        if not relate_claim(sides, member.attacker_camp, member.target_camp):
            return None
    return Incident(members, sides)


def _continuous(members: list[Member], max_days: int) -> bool:
    """Whether its days can be one event's: the days its articles give (stated, or their
    other claims') follow each other at most `max_days` apart, and every publication
    window lies within `max_days` of each other and of those days, so reports dated only
    by their publication cannot chain a month of attacks, nor bridge two a week apart."""
    days = sorted({m.start for m in members if m.date_basis in ("stated", "article")})
    if any((later - earlier).days > max_days for earlier, later in pairwise(days)):
        return False
    windows = {(m.start, m.end) for m in members if m.date_basis == "publication"}
    if days:
        windows.add((days[0], days[-1]))
    if not windows:
        return True
    latest_start, earliest_end = max(w[0] for w in windows), min(w[1] for w in windows)
    return (latest_start - earliest_end).days <= max_days


def _reprisal_beside_massacre(members: list[Member]) -> bool:
    """Fighters the state says it killed and civilians others killed, with no soldier
    hit: an operation after (or beside) a massacre, not one clash with it."""
    hits = {(m.attacker_camp, m.target_camp) for m in members if m.claim["outcome"] == "killed"}
    state_struck = any(attacker == STATE and target not in (None, CIVILIANS) for attacker, target in hits)
    # civilians killed by anyone but the state, named or not (measured on train and dev: an
    # unnamed killer of civilians beside an army's claim is more often another event)
    civilians_killed = any(target == CIVILIANS and attacker != STATE for attacker, target in hits)
    state_hit = any(target == STATE for _, target in hits)
    return state_struck and civilians_killed and not state_hit


def _told_apart(a: Incident, b: Incident) -> bool:
    """Whether an article tells them as two of its incidents (`article_incident`)."""
    return any(a.article_incidents[article] != b.article_incidents[article]
               for article in a.article_incidents.keys() & b.article_incidents.keys())


def _members_fit(x: Member, y: Member, settings: IncidentSettings) -> bool:
    """Whether two claims' places fit. Claims an article tells as two incidents (one it
    recalls beside its main one) are never one."""
    if x.article_id == y.article_id and x.claim.get("article_incident", 0) != y.claim.get("article_incident", 0):
        return False
    return _places_fit(x.place, y.place, settings)


def _places_fit(a: dict | None, b: dict | None, settings: IncidentSettings) -> bool:
    if a is None or b is None:
        return True
    if a["name"] == b["name"] and _km(a, b) <= settings.namesake_km:
        return True  # one name read as two places (the linker's choice may differ by article)
    if a["kind"] in COARSE_PLACE_KINDS or b["kind"] in COARSE_PLACE_KINDS:
        return _within(a, b) if a["kind"] in COARSE_PLACE_KINDS else _within(b, a)
    if a.get("admin2") and a.get("admin2") == b.get("admin2") and a["country"] == b["country"]:
        return True
    return _km(a, b) <= settings.max_km


def _within(coarse: dict, other: dict) -> bool:
    """Whether a place known only at region or country level may hold another: the same
    country, and the same first-level unit where both name one (the Kidal region does not
    hold Boni)."""
    if coarse["country"] and other["country"] and coarse["country"] != other["country"]:
        return False
    if coarse["kind"] == "country" or not coarse.get("admin1") or not other.get("admin1"):
        return True
    return coarse["admin1"] == other["admin1"]


def _km(a: dict, b: dict) -> float:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return float("inf")
    return distance_km(a["lat"], a["lon"], b["lat"], b["lon"])
