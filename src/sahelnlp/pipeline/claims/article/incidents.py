"""Resolvers that give a claim the date and place of the incident it belongs to."""

from __future__ import annotations

from ....codebook import COARSE_PLACE_KINDS
from ....extensions import place_record
from .base import Article, resolver



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
    # claims their own sentence dates apart from the incident ("In 2016, gunmen attacked a
    # hotel in X") or that tell another incident give it neither its site nor its opening
    known: dict[int, bool] = {}

    def apart(index: int) -> bool:  # asked at most once per claim, and only where needed
        if index not in known:
            known[index] = _dated_apart(ctx, dates, claims[index], dated)
        return known[index]

    # the site: the first specific place of a claim of the article's incident
    site = next((c.place for i, c in enumerate(claims) if c.place and not c.aggregate and not c.incident
                 and place_record(doc, c.place).kind not in COARSE_PLACE_KINDS and not apart(i)), None)
    site_rule = "article.incident_place"
    if site is None and claims:
        elsewhere = {c.sentence[0] for i, c in enumerate(claims) if c.incident or apart(i)}
        site, site_rule = _opening_site(article, elsewhere), "article.opening_place"
    site_record = place_record(doc, site)
    for claim in claims:
        if claim.aggregate or claim.superseded or claim.incident:
            continue  # a recalled incident keeps the date and place of its own sentence
        own_sentence = ctx.sentences[ctx.claim_sentence(claim)]
        if dated and claim.event_date is None and not dates.has_own_date(ctx, own_sentence):
            claim.set("event_date", dated, "article.incident_date")
        own = place_record(doc, claim.place)
        if site_record and (own is None or (own.kind in COARSE_PLACE_KINDS
                                            and own.country in (None, site_record.country))):
            claim.set("place", site, site_rule)


# the headline and the first sentences: where an article names its main incident's site
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
        if record is not None and record.kind not in COARSE_PLACE_KINDS:
            found.append(record.id)
    return found[0] if found else None


def _dated_apart(ctx, dates, claim, dated: str | None) -> bool:
    """Whether a claim's own sentence dates it in another year than the article's
    incident ("In 2016, gunmen attacked a hotel in X"): a year of its own, and no event
    date equal to the incident's."""
    if claim.event_date is not None and claim.event_date == dated:
        return False
    year = (dated or ctx.published or "")[:4]
    if not year:
        return False
    return any(t.is_digit and len(t) == 4 and t.text != year
               for ent in dates.event_dates(ctx, ctx.sentences[ctx.claim_sentence(claim)]) for t in ent)
