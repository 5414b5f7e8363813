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
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def side_of(self, camp: str) -> tuple[str, int] | None:
        return self.find(camp) if camp in self.parent else None

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
