"""An incident's deaths by side, after UCDP GED (codebook section 4).

Each claim's dead fall in one category: side a (the state's side where there is one, else
the perpetrators'), side b, civilians, or unknown (victims without a group, or mixed).
Only `killed` claims count, never superseded or negated ones.

Per article: per victim group its largest figure (a headline and a body repeating a toll
count once), summed within each category; the article's total is that sum or its largest
group-less total ("52 soldiers and 18 civilians" and "the toll rose to 70" are one toll of
70), whichever is larger. Party claims (an armed side speaking on the record, codebook
`claimed`) are kept apart from independent ones.

Per incident, from independent reports only (party claims inform `high` alone):
- by category, the largest figure (tolls are revised upward); `best` is their sum, or
  the largest article total when that is larger, the difference being `deaths_unknown`;
- `low`: per category the smallest figure that states its number ("a number of
  soldiers" does not), at the lower bound its words allow, summed, or the smallest
  article total that states its numbers, whichever is lower; never above best;
- `high`: the highest of all, party claims included, at the upper bound its words
  allow: the largest total, or per category the largest figure summed.
Party claims are kept apart as `party_deaths` by category (each side's largest claim).
With party claims only, best and low are unknown (None) and high is theirs.
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

    def describe(self) -> dict:
        return {"article_id": self.article_id, "total": self.total.point,
                **{f"deaths_{c}": f.point for c, f in self.by_category.items()},
                "claims": self.total.refs(), **({"claimed_by": self.claimants} if self.claimants else {})}


@dataclass
class Fatalities:
    """An incident's deaths: by category from independent reports, party claims by category
    apart, low / best / high, and where each comes from."""

    deaths: dict[str, int | None]
    party_deaths: dict[str, int | None]
    low: int | None
    best: int | None
    high: int | None
    basis: str  # independent, party claims only, none
    best_from: list[dict]
    low_from: list[dict]
    high_from: list[dict]
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
    party_deaths = _largest_by_category(party)
    high_figure = _high(independent + party)
    if not independent:
        return Fatalities({c: None for c in CATEGORIES}, party_deaths, None, None,
                          high_figure.high if party else None, "party claims only" if party else "none",
                          [], [], high_figure.refs(), [], party)
    chosen = {c: max(f, key=lambda x: x.point) for c, f in _figures(independent).items()}
    named = sum(chosen.values(), Figure())
    largest = max(independent, key=lambda t: t.total.point).total  # tolls are revised upward
    best_figure = named if named.point >= largest.point else largest
    deaths = {c: (chosen[c].point if c in chosen else 0) for c in NAMED}
    deaths["unknown"] = best_figure.point - named.point
    low_figure = _low(independent, best_figure)
    high_figure = max(high_figure, best_figure, key=lambda f: f.high)
    return Fatalities(deaths, party_deaths, low_figure.low, best_figure.point, max(high_figure.high, best_figure.point),
                      "independent", best_figure.refs(), low_figure.refs(), high_figure.refs(), independent, party)


def _figures(tolls: list[ArticleToll]) -> dict[str, list[Figure]]:
    """Each named category's figures, one per article that reports it."""
    found: dict[str, list[Figure]] = {}
    for toll in tolls:
        for category, figure in toll.by_category.items():
            found.setdefault(category, []).append(figure)
    return found


def _largest_by_category(tolls: list[ArticleToll]) -> dict[str, int | None]:
    """Deaths per category, the largest any article gives; unknown is what the largest
    total holds beyond them."""
    if not tolls:
        return {c: None for c in CATEGORIES}
    chosen = {c: max(f.point for f in figures) for c, figures in _figures(tolls).items()}
    named = sum(chosen.values())
    return {**{c: chosen.get(c, 0) for c in NAMED},
            "unknown": max(0, max(t.total.point for t in tolls) - named)}


def _low(independent: list[ArticleToll], best: Figure) -> Figure:
    """The lowest reliable total: per category the smallest figure that states its number,
    summed, or the smallest article total that states its numbers, whichever is lower
    ("at least 10 people" beside "15 soldiers and 5 civilians" is 10); never above best."""
    figures = {c: [f for f in fs if _numbered(f)] or fs for c, fs in _figures(independent).items()}
    totals = [t.total for t in independent if _numbered(t.total)] or [t.total for t in independent]
    candidates = [min(totals, key=lambda f: f.low)]
    if figures:
        candidates.append(sum((min(fs, key=lambda f: f.low) for fs in figures.values()), Figure()))
    low = min(candidates, key=lambda f: f.low)
    return low if low.low <= best.point else Figure(best.point, best.point, best.point, best.members)


def _high(tolls: list[ArticleToll]) -> Figure:
    """The highest total of all, or the sum per category of the highest figures, whichever
    is higher (each side's largest claim)."""
    if not tolls:
        return Figure()
    by_total = max((t.total for t in tolls), key=lambda f: f.high)
    by_category = sum((max(fs, key=lambda f: f.high) for fs in _figures(tolls).values()), Figure())
    return by_category if by_category.high > by_total.high else by_total


def _numbered(figure: Figure) -> bool:
    """Whether every claim of a figure states a number (not "some", "a number of")."""
    return all(m.claim["quantity"].get("value") is not None for m in figure.members)


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
