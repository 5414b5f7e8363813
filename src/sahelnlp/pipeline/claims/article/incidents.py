"""Resolvers that give a claim the date and place of the incident it belongs to."""

from __future__ import annotations

from ....extensions import place_record
from .base import Article, resolver

COARSE_KINDS = ("country", "region", "area")


@resolver("incident_date_and_place")
def incident_date_and_place(article: Article) -> None:
    """Undated or unplaced claims of one incident take the article's incident date and
    site: the first date and the first specific place its claims give. A claim whose
    sentence dates or places something of its own, or that sums many events, keeps its own."""
    ctx, claims, dates = article.ctx, article.claims, article.readers.dates
    doc = ctx.doc
    dated = next((c.event_date for c in claims if c.event_date and not c.aggregate and not c.incident), None)
    if dated is None and claims:
        dated = dates.first_event_date(ctx)
    by_start = {s.start_char: s for s in ctx.sentences}
    # the site: the first specific place of a claim of the article's incident, not of a
    # claim its own sentence dates apart ("In 2016, gunmen attacked a hotel in X")
    site = next((c.place for c in claims if c.place and not c.aggregate and not c.incident
                 and place_record(doc, c.place).kind not in COARSE_KINDS
                 and not _dated_apart(ctx, dates, c, dated, by_start)), None)
    site_record = place_record(doc, site)
    for claim in claims:
        if claim.aggregate or claim.superseded or claim.incident:
            continue  # a recalled incident keeps the date and place of its own sentence
        sent = by_start.get(claim.sentence[0])
        if dated and claim.event_date is None and sent is not None and not dates.has_own_date(ctx, sent):
            claim.set("event_date", dated, "article.incident_date")
        own = place_record(doc, claim.place)
        if site_record and (own is None or (own.kind in COARSE_KINDS
                                            and own.country in (None, site_record.country))):
            claim.set("place", site, "article.incident_place")


def _dated_apart(ctx, dates, claim, dated: str | None, by_start: dict) -> bool:
    """Whether a claim's own sentence dates it in another year than the article's
    incident ("In 2016, gunmen attacked a hotel in X"): a year of its own, and no event
    date equal to the incident's."""
    if claim.event_date is not None and claim.event_date == dated:
        return False
    sent = by_start.get(claim.sentence[0])
    year = (dated or ctx.published or "")[:4]
    if sent is None or not year:
        return False
    return any(t.is_digit and len(t) == 4 and t.text != year
               for ent in dates.event_dates(ctx, sent) for t in ent)
