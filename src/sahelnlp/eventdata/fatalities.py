"""An incident's deaths by side, after UCDP GED (codebook section 4).

Each claim's dead fall in one category: side a (the state's side where there is one, else
the perpetrators'), side b, civilians, or unknown (victims without a group, or mixed).
Only `killed` claims count, never superseded or negated ones.

Per article: per victim group its largest figure (a headline and a body repeating a toll
count once), summed within each category; the article's total is that sum or its largest
group-less total ("52 soldiers and 18 civilians" and "the toll rose to 70" are one toll of
70), whichever is larger. Party claims (an armed side speaking on the record, codebook
`claimed`) are kept apart from independent ones.

Per incident, per category: the largest independent figure (tolls are revised upward);
with none, the smallest party figure. `best` is the sum over the categories, or the
largest independent article total when that is larger, the difference being
`deaths_unknown` (with party claims only: the smallest party total). `low` is the lowest
reliable total: the smallest independent article total that states its numbers, at the
lower bound its words allow, never above best. `high` is the highest of all, party
claims included, at the upper bound its words allow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

CATEGORIES = ("a", "b", "civilians", "unknown")
NAMED = ("a", "b", "civilians")


@dataclass
class Figure:
    """A number of deaths with its bounds and the claims it comes from."""

    low: int = 0
    point: int = 0
    high: int = 0
    members: list = field(default_factory=list)

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.low + other.low, self.point + other.point, self.high + other.high,
                      self.members + other.members)

    def refs(self) -> list[dict]:
        return [m.ref for m in self.members]


@dataclass
class ArticleToll:
    """One article's independent or party deaths by category, and its total."""

    article_id: str
    by_category: dict[str, Figure]
    total: Figure
    claimants: list[str] = field(default_factory=list)

    @property
    def numbered(self) -> bool:
        """Whether every claim of its total states a number (not "some", "a number of")."""
        return all(m.claim["quantity"].get("value") is not None for m in self.total.members)

    def describe(self) -> dict:
        return {"article_id": self.article_id, "total": self.total.point,
                **{f"deaths_{c}": f.point for c, f in self.by_category.items()},
                "claims": self.total.refs(), **({"claimed_by": self.claimants} if self.claimants else {})}


@dataclass
class Fatalities:
    """An incident's deaths: by category, with low / best / high and where each comes from."""

    deaths: dict[str, int | None]
    low: int | None
    best: int | None
    high: int | None
    basis: str  # independent, party claims only, mixed (some sides from party claims), none
    best_from: list[dict]
    independent: list[ArticleToll]
    party: list[ArticleToll]


def claim_figure(member) -> Figure:
    """A killed claim's number, with the bounds its words allow ("at least 17": 17 to 17)."""
    quantity = member.claim["quantity"]
    point = quantity["value"] if quantity["value"] is not None else (quantity["low"] or 0)
    low = quantity["low"] if quantity["low"] is not None else point
    high = quantity["high"] if quantity["high"] is not None else point
    return Figure(min(low, point), point, max(high, point), [member])


def fatalities(members: list, category_of: Callable[[object], str]) -> Fatalities:
    """The deaths of one incident's claims; `category_of` names a claim's category."""
    counted = [m for m in members if m.claim["outcome"] == "killed"
               and not (m.claim.get("superseded") or m.claim.get("negated"))]
    independent = _tolls([m for m in counted if not m.claim.get("claimed")], category_of)
    party = _tolls([m for m in counted if m.claim.get("claimed")], category_of)
    if not independent and not party:
        return Fatalities({c: None for c in CATEGORIES}, None, None, None, "none", [], [], [])
    chosen: dict[str, Figure] = {}
    from_party = set()
    for category in NAMED:
        figures = [t.by_category[category] for t in independent if category in t.by_category]
        if figures:
            chosen[category] = max(figures, key=lambda f: f.point)
            continue
        figures = [t.by_category[category] for t in party if category in t.by_category]
        if figures:
            chosen[category] = min(figures, key=lambda f: f.point)
            from_party.add(category)
    named = sum((chosen[c] for c in chosen), Figure())
    totals = independent or party
    # independent tolls are revised upward: the largest; party claims: the smallest
    largest = (max if independent else min)(totals, key=lambda t: t.total.point).total
    best_figure = named if named.point >= largest.point else largest
    unknown = best_figure.point - named.point
    deaths = {c: (chosen[c].point if c in chosen else 0) for c in NAMED}
    deaths["unknown"] = unknown
    numbered = [t for t in totals if t.numbered] or totals  # "a number of soldiers" gives no low
    low = min(min(t.total.low for t in numbered), best_figure.point)
    everything = independent + party
    high = max([best_figure.point, *(t.total.high for t in everything),
                sum(max((t.by_category[c].high for t in everything if c in t.by_category), default=0)
                    for c in NAMED)])
    basis = ("party claims only" if not independent else "mixed" if from_party else "independent")
    return Fatalities(deaths, low, best_figure.point, high, basis, best_figure.refs(), independent, party)


def _tolls(members: list, category_of: Callable[[object], str]) -> list[ArticleToll]:
    by_article: dict[str, list] = {}
    for member in members:
        by_article.setdefault(member.article_id, []).append(member)
    return [_article_toll(article_id, found, category_of) for article_id, found in by_article.items()]


def _article_toll(article_id: str, members: list, category_of: Callable[[object], str]) -> ArticleToll:
    largest: dict[tuple[str, str], Figure] = {}
    for member in members:
        figure = claim_figure(member)
        key = (category_of(member), member.claim["victim"])
        if key not in largest or figure.point > largest[key].point:
            largest[key] = figure
    by_category: dict[str, Figure] = {}
    for (category, _), figure in largest.items():
        if category != "unknown":
            by_category[category] = by_category.get(category, Figure()) + figure
    named = sum(by_category.values(), Figure())
    overall = max((f for (c, _), f in largest.items() if c == "unknown"), key=lambda f: f.point, default=None)
    total = overall if overall is not None and (not by_category or overall.point >= named.point) else named
    claimants = sorted({m.source for m in members if m.claim.get("claimed") and m.source})
    return ArticleToll(article_id, by_category, total, claimants)
