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
    site_rule = "article.incident_place"
    if site is None and claims:
        apart = {c.sentence[0] for c in claims if c.incident or _dated_apart(ctx, dates, c, dated, by_start)}
        site, site_rule = _opening_site(article, apart), "article.opening_place"
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
            claim.set("place", site, site_rule)


# the headline and the lead: where an article names its main incident's site
OPENING_SENTENCES = 5


def _opening_site(article: Article, apart: set[int]) -> str | None:
    """The first specific place the headline and the first sentences tie an event to
    (a village, a town, a site; `apart`: starts of sentences that tell another incident,
    skipped), when no claim places the incident: the article's main
    site (5 sentences and the first place measured best on train/dev: 0.630/0.451 claim
    place, against 0.608/0.461 when only one place may stand there)."""
    ctx = article.ctx
    sources = {c.sentence[0]: c.source.span for c in article.claims if c.source and c.source.span}
    found = []
    for sent in ctx.sentences[:OPENING_SENTENCES]:
        if sent.start_char in apart:
            continue  # the sentence tells another incident
        finding = article.readers.places.read(ctx, sent, sources.get(sent.start_char))
        record = place_record(ctx.doc, finding.value) if finding is not None else None
        if record is not None and record.kind not in COARSE_KINDS:
            found.append(record.id)
    return found[0] if found else None


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
