"""The two sides of an incident, read from who did what to whom in its claims.

Each claim says its perpetrator and its victims are on opposite sides. The sides are the
two colours of that relation: a parity union-find over *camps*, where a camp is
- "state" for every state, government, foreign and international force (the pro-state
  camp of the Sahel's wars: FAMa, Wagner, MINUSMA and Barkhane fought on one side),
  and for victims counted only as soldiers, peacekeepers or foreign troops;
- the top of an armed group's lineage ("katiba-macina" stands under "jnim");
- "militants" for fighters counted without a named group; "civilians" for civilians.
A generic or unknown perpetrator says nothing about sides. Fighters without a group are
never in the state camp. A set of claims whose relation cannot be two-coloured (an
actor on both sides) is not one incident.

`ResolvedSides` names the two sides of a grouped incident: side a is the state's where
there is one, else the most frequent attacker's (of equals, the first by name); a side
known only as soldiers is its country's army; a generic perpetrator stands on the side
opposite its victims when no named actor does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..pipeline.actors.kb import packaged_kb

if TYPE_CHECKING:
    from .incidents import Incident

STATE = "state"
CIVILIANS = "civilians"
MILITANTS = "militants"
STATE_TYPES = frozenset({"state_forces", "government", "foreign_forces", "international"})
# victim groups counted without a named actor, and the camp they stand in
GROUP_CAMPS = {"security_forces": STATE, "foreign_forces": STATE, "peacekeepers": STATE,
               "militants": MILITANTS, "civilians": CIVILIANS}


@dataclass(frozen=True)
class ActorRef:
    """What the grouping knows of an actor: its id, type and lineage (parents, nearest first)."""

    id: str
    type: str | None
    lineage: tuple[str, ...] = ()

    @property
    def camp(self) -> str | None:
        if self.type in STATE_TYPES:
            return STATE
        if self.type in (None, "generic", "person"):
            return None
        if self.type == "civilians":
            return CIVILIANS
        return self.lineage[-1] if self.lineage else self.id


def victim_camp(victim: ActorRef | None, group: str) -> str | None:
    """The camp of a claim's victims: their actor's, else their group's."""
    camp = victim.camp if victim is not None else None
    return camp or GROUP_CAMPS.get(group)


@dataclass
class Sides:
    """Camps joined by parity: two camps in one tree have the same side when their parities
    to the root are equal."""

    parent: dict[str, str] = field(default_factory=dict)
    parity: dict[str, int] = field(default_factory=dict)

    def find(self, camp: str) -> tuple[str, int]:
        self.parent.setdefault(camp, camp)
        self.parity.setdefault(camp, 0)
        root, odd = camp, 0
        while self.parent[root] != root:
            odd ^= self.parity[root]
            root = self.parent[root]
        return root, odd

    def relate(self, a: str, b: str, opposite: bool) -> bool:
        """Put a and b on opposite (or the same) sides; False when that contradicts."""
        (ra, pa), (rb, pb) = self.find(a), self.find(b)
        want = 1 if opposite else 0
        if ra == rb:
            return (pa ^ pb) == want
        self.parent[ra] = rb
        self.parity[ra] = pa ^ pb ^ want
        return True

    def copy(self) -> Sides:
        return Sides(dict(self.parent), dict(self.parity))


def relate_claim(sides: Sides, attacker: str | None, target: str | None) -> bool:
    """Add one claim's relation; False when it contradicts what is there. A claim whose
    perpetrator and victims share a camp (fratricide, a purge) says nothing of sides."""
    ok = True
    for camp in (attacker, target):
        if camp:
            sides.find(camp)  # known to the incident even when nothing relates it yet
    if attacker and target and attacker != target:
        ok = sides.relate(attacker, target, opposite=True)
    present = {camp for camp in (attacker, target) if camp}
    if ok and present & {MILITANTS, STATE} and {MILITANTS, STATE} <= (set(sides.parent) | present):
        ok = sides.relate(MILITANTS, STATE, opposite=True)
    return ok


class ResolvedSides:
    """Which side each camp of an incident is on, and the actors of each side."""

    def __init__(self, incident: Incident, country: str | None) -> None:
        self.incident = incident
        sides = incident.sides
        attackers = Counter(m.attacker_camp for m in incident.members
                            if m.attacker_camp and m.attacker_camp != CIVILIANS)
        if STATE in sides.parent:
            self.anchor = sides.find(STATE)
        elif attackers:  # the most frequent attacker (of equals, the first by name)
            self.anchor = sides.find(min(attackers, key=lambda camp: (-attackers[camp], camp)))
        else:
            armed = sorted({m.target_camp for m in incident.members
                            if m.target_camp not in (None, CIVILIANS) and m.target_camp in sides.parent})
            root, parity = sides.find(armed[0]) if armed else (None, 0)
            self.anchor = (root, parity ^ 1) if root else None
        self.actors = {"a": set(), "b": set()}
        self.generic = {"a": set(), "b": set()}
        self._collect(country)
        attacking = Counter(side for side in map(self.side_of_camp, attackers.elements()) if side)
        self.initiator = min(attacking, key=lambda side: (-attacking[side], side)) if attacking else None

    def side_of_camp(self, camp: str | None) -> str | None:
        if camp is None or camp == CIVILIANS or self.anchor is None or camp not in self.incident.sides.parent:
            return None
        root, parity = self.incident.sides.find(camp)
        if root != self.anchor[0]:
            return None
        return "a" if parity == self.anchor[1] else "b"

    def category_of(self, member) -> str:
        if member.target_camp == CIVILIANS:
            return "civilians"
        return self.side_of_camp(member.target_camp) or "unknown"

    def _collect(self, country: str | None) -> None:
        for member in (m for m in self.incident.members if m.counts):
            for actor, opposite_of in ((member.perpetrator, member.target_camp), (member.victim_actor, None)):
                if actor is None or actor.type == "civilians":
                    continue
                side = self.side_of_camp(actor.camp)
                if side is None and actor.camp is None and opposite_of:
                    target = self.side_of_camp(opposite_of)
                    side = {"a": "b", "b": "a"}.get(target or "") or (
                        "a" if opposite_of == CIVILIANS and self.anchor else None)
                if side:
                    (self.actors if actor.camp else self.generic)[side].add(actor.id)
        for side in ("a", "b"):
            if self.side_of_camp(STATE) == side and not self.actors[side] and country:
                army = packaged_kb().country_actors.get((country, "army"))
                if army:
                    self.actors[side].add(army)

    @property
    def one_sided(self) -> bool:
        targets = {m.target_camp for m in self.incident.members if m.claim["outcome"] != "arrested"}
        return targets - {None} == {CIVILIANS}

    def side_ids(self, side: str) -> list[str]:
        """A side's actors, the one its claims name most first (of equals, by id)."""
        named = Counter(actor.id for m in self.incident.members if m.counts
                        for actor in (m.perpetrator, m.victim_actor) if actor is not None)
        return sorted(self.actors[side] or self.generic[side], key=lambda actor_id: (-named[actor_id], actor_id))

    def as_columns(self) -> dict:
        a, b = self.side_ids("a"), self.side_ids("b")
        state = STATE in self.incident.sides.parent
        if self.one_sided:
            kind, b = 3, ["civilians"]
        elif state:
            kind = 1
        else:
            kind = 2 if a and b else None
        return {"side_a": ";".join(a), "side_b": ";".join(b), "type_of_violence": kind,
                "initiator": self.initiator}
