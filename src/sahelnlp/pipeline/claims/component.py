"""`sahel_claims`: casualty claims (codebook section 1) into `doc._.claims`.

Needs the parse, the NER, and the actor and place links set by `sahel_actors`
and `sahel_places` earlier in the pipeline.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..base import GuardedComponent
from ...extensions import ACTOR_PREFIX, actor_record, place_record, register_extensions
from .event_dates import resolve
from .model import Claim, Source
from .quantities import Quantity
from .rules import ClaimRules
from .surface import SurfacePatterns

LEXICON_FILE = "lexicon.yaml"
PATTERNS_FILE = "patterns.yaml"


@Language.factory(
    "sahel_claims",
    default_config={"min_score": 0.0, "look_back_sentences": 1, "article_perpetrator": True,
                    "article_incident": True, "civilian_party": "civilians"},
    assigns=["doc._.claims", "doc.ents"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
)
def make_claim_extractor(nlp: Language, name: str, *, min_score: float, look_back_sentences: int,
                         article_perpetrator: bool, article_incident: bool,
                         civilian_party: str | None) -> "ClaimExtractor":
    return ClaimExtractor(nlp, name, min_score=min_score, look_back_sentences=look_back_sentences,
                          article_perpetrator=article_perpetrator, article_incident=article_incident,
                          civilian_party=civilian_party)


def default_data_path(name: str) -> Path:
    """A packaged claims data file (lexicon.yaml, patterns.yaml)."""
    from importlib import resources

    return Path(str(resources.files("sahelnlp") / "data" / "claims" / name))


class ClaimExtractor(GuardedComponent):
    """Finds casualty claims and writes them, in text order, to `doc._.claims`.

    min_score (float): claims scoring below are dropped.
    look_back_sentences (int): how many sentences back a quoted claim looks for
        its speaker, and an undated claim for its date.
    article_perpetrator (bool): whether a claim whose sentence blames no one takes
        the attacker the article blames elsewhere.
    article_incident (bool): whether undated or unplaced claims take the date and
        site the article's other claims give.
    """

    def __init__(self, nlp: Language, name: str = "sahel_claims", *, min_score: float = 0.0,
                 look_back_sentences: int = 1, article_perpetrator: bool = True,
                 article_incident: bool = True, civilian_party: str | None = "civilians") -> None:
        """civilian_party: the actor id civilian victims name as a party where the text
        gives them no name of their own ("three men", "a farmer" killed in an attack); its
        record must be on the doc (the actor linker's `implicit_parties`). None: off."""
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.min_score = min_score
        self.look_back_sentences = look_back_sentences
        self.article_perpetrator = article_perpetrator
        self.article_incident = article_incident
        self.civilian_party = civilian_party
        self.lexicon: dict | None = None
        self.patterns: dict | None = None
        self.rules: ClaimRules | None = None
        self.surface: SurfacePatterns | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   lexicon: str | None = None, patterns: str | None = None) -> None:
        self._load(srsly.read_yaml(lexicon or default_data_path(LEXICON_FILE)),
                   srsly.read_yaml(patterns or default_data_path(PATTERNS_FILE)))

    def _load(self, lexicon: dict, patterns: dict) -> None:
        self.lexicon, self.patterns = lexicon, patterns
        self.rules = ClaimRules(lexicon)
        self.surface = SurfacePatterns(self.nlp.vocab, patterns, lexicon, self.rules.people_group)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_yaml(path / LEXICON_FILE, self.lexicon)
        srsly.write_yaml(path / PATTERNS_FILE, self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "ClaimExtractor":
        self._load(srsly.read_yaml(Path(path) / LEXICON_FILE), srsly.read_yaml(Path(path) / PATTERNS_FILE))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"lexicon": self.lexicon, "patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "ClaimExtractor":
        loaded = srsly.msgpack_loads(data)
        self._load(loaded["lexicon"], loaded["patterns"])
        return self

    def is_ready(self) -> bool:
        return self.rules is not None

    def process(self, doc: Doc) -> None:
        doc._.claims = [c for c in self.extract(doc) if c.score >= self.min_score]
        self._civilians_as_party(doc)

    def _civilians_as_party(self, doc: Doc) -> None:
        """Civilian victims are a party to the event (codebook section 2): when no mention
        names them yet, the counted noun of the first claim whose victims are civilians
        does ("three farmers were killed")."""
        kb_id = ACTOR_PREFIX + (self.civilian_party or "")
        if not self.civilian_party or kb_id not in doc._.kb_records or any(e.kb_id_ == kb_id for e in doc.ents):
            return
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        for claim in doc._.claims:
            if claim.victim != "civilians" or claim.victim_span is None:
                continue
            span = doc.char_span(*claim.victim_span)
            if span is not None and not taken.intersection(range(span.start, span.end)):
                doc.ents = [*doc.ents, Span(doc, span.start, span.end, label="NORP", kb_id=kb_id)]
                return

    def extract(self, doc: Doc) -> list[Claim]:
        try:
            return self._extract(doc)
        finally:
            self.rules.forget()  # never keep a doc past its memory zone

    def _extract(self, doc: Doc) -> list[Claim]:
        claims: list[Claim] = []
        last_source: Source | None = None
        sentences = list(doc.sents)
        for index, sent in enumerate(sentences):
            for quantity in self.rules.quantities_in(sent):
                claim = self._claim(doc, sentences, index, quantity, last_source)
                if claim is not None:
                    claims.append(claim)
                    last_source = claim.source or last_source
        _spread_list_modifiers(claims)
        _inherit_victims(claims)
        _captives_of_armed_groups(doc, claims, self.rules.non_state_types)  # on the sentence's own perpetrators
        attacker, army = self._article_actors(doc, claims)
        self._article_victims(doc, claims, attacker, army)
        if self.article_perpetrator:
            self._article_perpetrators(doc, claims, attacker, army)
        self._article_incident(doc, claims, sentences)
        return claims

    def _article_incident(self, doc: Doc, claims: list[Claim], sentences: list[Span]) -> None:
        """Undated or unplaced claims of one incident take the article's incident date and
        site: the first date and the first specific place its claims give. A claim whose
        sentence dates or places something of its own, or that sums many events, keeps its own."""
        if not self.article_incident:
            return
        dated = next((c.event_date for c in claims if c.event_date and not c.aggregate), None)
        if dated is None and claims:
            dated = self.rules.first_event_date(doc, resolve)
        site = next((c.place for c in claims if c.place and not c.aggregate
                     and place_record(doc, c.place).kind not in ("country", "region", "area")), None)
        site_record = place_record(doc, site)
        by_start = {s.start_char: s for s in sentences}
        for claim in claims:
            if claim.aggregate or claim.superseded:
                continue
            sent = by_start.get(claim.sentence[0])
            if dated and claim.event_date is None and sent is not None and not self.rules.has_own_date(sent):
                claim.event_date = dated
            own = place_record(doc, claim.place)
            if site_record and (own is None or (own.kind in ("country", "region", "area")
                                                and own.country in (None, site_record.country))):
                claim.place = site

    def _article_actors(self, doc: Doc, claims: list[Claim]) -> tuple[str | None, str | None]:
        """The article's attacker (the first actor a sentence blames for non-militant
        deaths) and its main state force."""
        attacker = next((c.perpetrator for c in claims if c.perpetrator and c.victim != "militants"), None)
        return attacker or self.rules.first_blamed(doc), self.rules.main_force(doc)

    def _article_victims(self, doc: Doc, claims: list[Claim], attacker: str | None,
                         army: str | None) -> None:
        """Victims the sentence leaves open, from who tells and who the article is about."""
        attacker_record = actor_record(doc, attacker)
        for claim in claims:
            speaker = actor_record(doc, claim.source.actor) if claim.source else None
            if not claim.counted_noun and not claim.outcome_noun and claim.victim == "unknown" \
                    and not claim.negated and claim.outcome not in ("arrested", "abducted") and (
                    (speaker is not None and speaker.type in self.rules.state_speaker_types)
                    or (claim.source is not None and claim.source.kind == "government")):
                claim.victim = "security_forces"  # "the army said it recorded two dead": its own
            if claim.victim_actor is None and claim.victim == "security_forces":
                claim.victim_actor = army  # "soldiers" in an article about one army
            elif claim.victim_actor is None and claim.victim == "militants" and attacker_record \
                    and attacker_record.type not in self.rules.state_types:
                claim.victim_actor = attacker  # "13 attackers were slain": the article's attackers

    def _article_perpetrators(self, doc: Doc, claims: list[Claim], attacker: str | None,
                              army: str | None) -> None:
        """Claims whose sentence blames no one take the article's attacker, or, for
        militants killed, the state force that speaks or acts."""
        for claim in claims:
            if claim.perpetrator or claim.aggregate or claim.negated:
                continue
            if claim.victim == "militants":
                speaker = claim.source.actor if claim.source else None
                record = actor_record(doc, speaker)
                claim.perpetrator = speaker if record and record.type in self.rules.state_types else army
            elif attacker and attacker != claim.victim_actor:
                claim.perpetrator = attacker

    def _claim(self, doc: Doc, sentences: list[Span], index: int, quantity: Quantity,
               last_source: Source | None) -> Claim | None:
        rules = self.rules
        sent = sentences[index]
        surface = self.surface.read(doc, quantity, sent)
        if surface is not None:  # French wording the English parse does not follow
            outcome, trigger, noun = surface.outcome, surface.trigger, surface.noun
            anchor = noun or doc[quantity.head]
        else:
            noun, anchor = rules.counted_noun(doc, quantity)
            if not rules.counts_people(doc, noun):
                return None
            found = rules.outcome_of(anchor, doc[quantity.end - 1])
            if found is None:
                return None
            outcome, trigger = found
        if noun is not None and noun.i == trigger.i:
            noun = None if rules.victim_nouns.get(noun.lemma_.lower()) == "unknown" else noun
        victim, victim_actor = rules.victim_of(doc, noun, trigger)
        if surface is not None and victim == "unknown":
            victim, victim_actor = rules.losing_side(trigger) or (victim, victim_actor)
        source = (rules.surface_source(sent, last_source) if surface is not None else None) \
            or rules.source_of(sent, trigger, last_source) \
            or self._quoted_source(sentences, index, last_source)
        exclude = {victim_actor} - {None}
        perpetrator = (rules.surface_blamed(sent, exclude) if surface is not None else None) \
            or rules.perpetrator_of(sent, trigger, anchor, exclude, source)
        aggregate = rules.is_aggregate(sent, quantity, trigger)
        tokens = [doc[quantity.start], doc[quantity.end - 1], trigger] + ([noun] if noun is not None else [])
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t) for t in tokens)
        return Claim(
            outcome=outcome,
            quantity=quantity,
            quantity_chars=(doc[quantity.start].idx + quantity.lead,
                            doc[quantity.end - 1].idx + len(doc[quantity.end - 1])),
            victim=victim,
            victim_actor=victim_actor,
            perpetrator=perpetrator,
            source=source,
            claimed=rules.is_party_claim(doc, source),
            aggregate=aggregate,
            superseded=rules.is_superseded(doc, quantity, sent),
            negated=quantity.value == 0,
            event_date=None if aggregate else self._event_date(doc, sentences, index, trigger),
            place=rules.place_of(doc, sent),
            span=(start, end),
            sentence=(sent.start_char, sent.start_char + len(sent.text.rstrip())),
            score=_score(noun, trigger, anchor),
            counted_noun=noun is not None,
            victim_span=(noun.idx, noun.idx + len(noun)) if noun is not None else None,
            trigger_span=(trigger.idx, trigger.idx + len(trigger)),
            outcome_noun=surface.outcome_noun if surface is not None else trigger.pos_ == "NOUN",
        )

    def _quoted_source(self, sentences: list[Span], index: int,
                       last_source: Source | None) -> Source | None:
        """A quotation's speaker named in a neighbouring sentence ("…," the army said.)."""
        sent = sentences[index]
        if not sent.text.lstrip()[:1] in "\"“«'‘":
            return None
        for offset in range(1, self.look_back_sentences + 1):
            for neighbour in (index + offset, index - offset):
                if 0 <= neighbour < len(sentences):
                    other = sentences[neighbour]
                    found = self.rules.surface_source(other, last_source)
                    if found is not None:
                        return found
                    verb = next((t for t in other if t.lemma_.lower() in self.rules.reporting_verbs
                                 and t.pos_ == "VERB"), None)
                    if verb is not None:
                        found = self.rules.source_of(other, verb, last_source)
                        if found is not None:
                            return found
        return None

    def _event_date(self, doc: Doc, sentences: list[Span], index: int, trigger: Token) -> str | None:
        published = doc._.published
        for back in range(0, self.look_back_sentences + 1):
            if index - back < 0:
                break
            sent = sentences[index - back]
            if back and "\n\n" in doc[sent.end - 1:sentences[index].start].text_with_ws:
                break  # do not borrow a date across a paragraph break
            dates = [e for e in self.rules.ents(sent) if e.label_ == "DATE"
                     and not self.rules.dates_a_report(e)]
            dates.sort(key=lambda e: abs(e.root.i - trigger.i))
            for ent in dates:
                resolved = resolve(ent.text, published)
                if resolved:
                    return resolved
        return None


def _score(noun: Token | None, trigger: Token, anchor: Token) -> float:
    """A rough confidence: a counted noun and a trigger that governs it directly score higher."""
    score = 0.5
    if noun is not None:
        score += 0.2
    if trigger.i == anchor.head.i or anchor.head.i == trigger.i or trigger.head.i == anchor.i:
        score += 0.2
    return round(min(score, 0.95), 2)


def _captives_of_armed_groups(doc: Doc, claims: list[Claim], non_state: set[str]) -> None:
    """Codebook: taken prisoner by a non-state group is `abducted`, by a state force
    `arrested`. Soldiers "captured" are an armed group's captives."""
    for claim in claims:
        if claim.outcome != "arrested":
            continue
        record = actor_record(doc, claim.perpetrator)
        if claim.victim in ("security_forces", "foreign_forces", "peacekeepers") or (
                record is not None and record.type in non_state):
            claim.outcome = "abducted"


def _inherit_victims(claims: list[Claim]) -> None:
    """A bare number that continues a toll in its sentence ("four troops were killed, two
    in the east and two in the centre"; "killing 71, injuring 122") counts the same group
    as the claim before it; a headline's bare toll counts the group of the same toll
    told with its noun just after ("At least 21 killed…" / "At least 21 civilians…")."""
    for previous, claim in zip(claims, claims[1:]):
        if not claim.counted_noun and claim.victim == "unknown" and previous.victim != "unknown" \
                and (claim.sentence == previous.sentence or _opens_next_sentence(previous, claim)):
            claim.victim = previous.victim
            claim.victim_actor = claim.victim_actor or previous.victim_actor
    for index, claim in enumerate(claims):
        if claim.counted_noun or claim.victim != "unknown":
            continue
        following = _same_toll_just_after(claims, index)
        if following is not None and following.victim != "unknown":
            claim.victim = following.victim
            claim.victim_actor = claim.victim_actor or following.victim_actor


def _same_toll_just_after(claims: list[Claim], index: int) -> Claim | None:
    """The first claim of the next sentence (at most 3 characters on) with the same
    outcome and value; claims are in text order, so the search stops past that sentence."""
    claim = claims[index]
    for other in claims[index + 1:]:
        gap = other.sentence[0] - claim.sentence[1]
        if gap > 3:
            return None
        if gap > 0 and (other.outcome, other.quantity.value) == (claim.outcome, claim.quantity.value):
            return other
    return None


def _opens_next_sentence(previous: Claim, claim: Claim) -> bool:
    """ "Five soldiers were killed. Ten were wounded.": a bare number that opens the
    sentence right after a toll goes on counting the same group."""
    return claim.quantity_chars[0] == claim.sentence[0] and 0 <= claim.sentence[0] - previous.sentence[1] <= 2


def _spread_list_modifiers(claims: list[Claim]) -> None:
    """ "at least 84 Wagner fighters and 47 Malian soldiers": the modifier covers the list."""
    for first, second in zip(claims, claims[1:]):
        q1, q2 = first.quantity, second.quantity
        if first.sentence != second.sentence or q2.value is None or q1.value is None:
            continue
        if (q2.low, q2.high) != (q2.value, q2.value):
            continue  # it has a modifier of its own
        gap_is_list = second.quantity_chars[0] - first.span[1] < 40
        if q1.high is None and q1.low == q1.value and q1.text != str(q1.value) and gap_is_list:
            second.quantity = replace(q2, low=q2.value, high=None)
