"""`sahel_actor_linker`: the actor mentions exact patterns cannot find.

Runs after the NER and the place linker, because it reads both:
- bare role phrases ("the army", "the junta", "security forces") become the
  actor of the article's main country for that role;
- a country name that does what states do ("France confirmed…") is that
  country's government, an actor and not a place (codebook section 3);
- NER organisations and people whose names are close to a lexicon alias
  (transliterations, diacritics, typos) are linked by fuzzy matching;
- named people with a leader's or spokesman's title become person actors,
  with the codebook's slug of their name as id when the lexicon lacks them.
"""

from __future__ import annotations

from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...extensions import ACTOR_PREFIX, PLACE_PREFIX, register_extensions
from ...normalize import fold, is_possessive, slug
from ..base import GuardedComponent
from ..places.linker import country_focus
from .component import modifies_a_thing
from .kb import ActorKB, ActorRecord, UsesActorKB

LINKABLE_LABELS = ["ORG", "PERSON", "NORP", "GPE", "FAC"]


@Language.factory(
    "sahel_actor_linker",
    default_config={"fuzzy_cutoff": 90.0, "fuzzy_min_length": 8, "focus_min_share": 0.4,
                    "title_window": 3, "group_label": "ORG", "person_label": "PERSON",
                    "implicit_parties": ["civilians"], "linkable_labels": LINKABLE_LABELS},
    assigns=["doc.ents", "doc._.kb_records"],
    requires=["doc.ents", "token.dep"],
)
def make_actor_linker(nlp: Language, name: str, *, fuzzy_cutoff: float, fuzzy_min_length: int,
                      focus_min_share: float, title_window: int, group_label: str,
                      person_label: str, implicit_parties: list[str],
                      linkable_labels: list[str]) -> "ActorLinker":
    return ActorLinker(nlp, name, fuzzy_cutoff=fuzzy_cutoff, fuzzy_min_length=fuzzy_min_length,
                       focus_min_share=focus_min_share, title_window=title_window,
                       group_label=group_label, person_label=person_label,
                       implicit_parties=implicit_parties, linkable_labels=linkable_labels)


class ActorLinker(UsesActorKB, GuardedComponent):
    """Links role phrases, states acting, fuzzy names and titled people to actors.

    fuzzy_cutoff (float): rapidfuzz score (0-100) an NER name needs to take an alias's actor.
    fuzzy_min_length (int): shorter names are never fuzzy-matched (acronyms must be exact).
    focus_min_share (float): share of the article's place links its main country needs
        before bare role phrases are resolved to that country's actors.
    title_window (int): how many words before a name are searched for a title.
    implicit_parties (list[str]): actors that later components may find without a name of
        their own (civilians, named by the claims their victims are counted in): their
        records are made available on every doc.
    linkable_labels (list[str]): NER labels whose spans may name an actor (the French NER
        calls "l’État-Major" a LOC).
    """

    def __init__(self, nlp: Language, name: str = "sahel_actor_linker", *, fuzzy_cutoff: float = 90.0,
                 fuzzy_min_length: int = 8, focus_min_share: float = 0.4, title_window: int = 3,
                 group_label: str = "ORG", person_label: str = "PERSON",
                 implicit_parties: list[str] = (), linkable_labels: list[str] | None = None) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.fuzzy_cutoff = fuzzy_cutoff
        self.fuzzy_min_length = fuzzy_min_length
        self.focus_min_share = focus_min_share
        self.title_window = title_window
        self.group_label = group_label
        self.person_label = person_label
        self.implicit_parties = list(implicit_parties)
        self.linkable_labels = frozenset(LINKABLE_LABELS if linkable_labels is None else linkable_labels)
        self.kb: ActorKB | None = None

    # -- data -----------------------------------------------------------------
    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   lexicon: str | None = None) -> None:
        self._load(ActorKB.from_dir(Path(lexicon) if lexicon else None))

    def _load(self, kb: ActorKB) -> None:
        self.kb = kb
        self._roles = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._role_of = {fold(p): role for role, phrases in kb.role_phrases.items() for p in phrases}
        for role, phrases in kb.role_phrases.items():
            self._roles.add(role, list(self.nlp.tokenizer.pipe(phrases)))
        self._aliases: dict[str, str] = {}
        for alias in kb.aliases:
            key = fold(alias.text)
            if len(key) >= self.fuzzy_min_length and not alias.case_sensitive:
                self._aliases.setdefault(key, alias.actor_id)
        self._alias_keys = list(self._aliases)
        self._titles = {fold(t) for t in kb.person_titles}
        self._noun_class = {(fold(noun), lang): noun_class for noun, noun_class, lang in kb.force_nouns}
        self._force_of = {(fold(demonym), noun_class, lang): actor_id
                          for demonym, noun_class, actor_id, lang in kb.force_phrases}
        self._person_ids = {fold(r.name): r.id for r in kb.records.values() if r.type == "person"}

    # -- processing ---------------------------------------------------------------
    def is_ready(self) -> bool:
        return self.kb is not None

    def process(self, doc: Doc) -> None:
        for actor_id in self.implicit_parties:
            if actor_id in self.kb.records:
                doc._.kb_records.setdefault(ACTOR_PREFIX + actor_id, self.kb.records[actor_id])
        country = self.main_country(doc)
        replaced: dict[tuple[int, int], Span] = {}
        for ent in doc.ents:
            span = self._relink(ent, country)
            if span is not None:
                replaced[(ent.start, ent.end)] = span
        new = self._role_mentions(doc, country) + self._titled_people(doc, replaced) \
            + self._coordinated_forces(doc)
        self._write(doc, replaced, new)
        if country is not None:
            self._place_generic_actors(doc, country)

    def main_country(self, doc: Doc) -> str | None:
        """The country most of the article's place links are in, if it has a clear lead."""
        records = [doc._.kb_records[e.kb_id_] for e in doc.ents if e.kb_id_.startswith(PLACE_PREFIX)
                   and e.kb_id_ in doc._.kb_records]
        focus = country_focus(records)
        if not focus:
            return None
        country, share = focus.most_common(1)[0]
        return country if share >= self.focus_min_share else None

    def _relink(self, ent: Span, country: str | None) -> Span | None:
        if ent.kb_id_.startswith(ACTOR_PREFIX) or ent.label_ not in self.linkable_labels:
            return None
        if ent.kb_id_.startswith(PLACE_PREFIX):
            return self._state_acting(ent)
        role = self._role_of.get(fold(ent.text).removeprefix("the "))
        actor_id = self.kb.country_actors.get((country, role)) if role and country else None
        start, end = ent.start, ent.end
        if actor_id is None:
            start, end = _name_extent(ent)
            actor_id = self._fuzzy(ent.doc[start:end].text)
        if actor_id is None and ent.label_ == "PERSON":
            actor_id = self._person_ids.get(fold(ent.text))
        if actor_id is None:
            return None
        record = self.kb.records[actor_id]
        if record.type == "generic" and end - start == 1 and modifies_a_thing(ent.doc[start]):
            return None
        return self._span(ent.doc, start, end, record)

    def _state_acting(self, ent: Span) -> Span | None:
        """ "France confirmed…": a country name as the subject of what states do."""
        record = ent.doc._.kb_records.get(ent.kb_id_)
        if record is None or record.kind != "country" or not self._acts_as_state(ent):
            return None
        actor_id = self.kb.country_actors.get((record.country, "government"))
        if actor_id is None or actor_id not in self.kb.records:
            return None
        return self._span(ent.doc, ent.start, ent.end, self.kb.records[actor_id])

    def _acts_as_state(self, ent: Span) -> bool:
        """Subject of what states do, object of what states do to each other, or owner of a
        state noun ("Mali's ambassador", "Burkina Faso authorities")."""
        doc = ent.doc
        following = doc[ent.end:min(len(doc), ent.end + 4)]
        if ent.end < len(doc) and is_possessive(doc[ent.end]) or ent.root.dep_ in ("poss", "compound"):
            return any(t.lower_ in self.kb.state_nouns for t in following)
        token = ent.root
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head  # "Mali, Burkina Faso and Niger have battled…"
        head, dep = token.head, token.dep_
        if dep == "nsubj":  # "France confirmed…"; but "Mali is fighting an insurgency" is the country
            return head.lemma_.lower() in self.kb.state_verbs and head.pos_ in ("VERB", "AUX")
        if dep == "nsubjpass":
            return head.lemma_.lower() in self.kb.state_verbs
        if dep == "dobj":
            return head.lemma_.lower() in self.kb.state_object_verbs
        if dep in ("appos", "npadvmod") or (dep == "pobj" and head.dep_ == "prep"):
            governors = [head, head.head] if dep == "pobj" else [head]
            if dep == "pobj" and head.lower_ == "from" and head.head.lower_ in self.kb.state_nouns:
                return True  # "troops from Niger"
            return any(g.lemma_.lower() in self.kb.state_relations for g in governors)
        return False

    def _fuzzy(self, text: str) -> str | None:
        key = fold(text)
        if len(key) < self.fuzzy_min_length:
            return None
        if key in self._aliases:
            return self._aliases[key]
        best = process.extractOne(key, self._alias_keys, scorer=fuzz.ratio,
                                  score_cutoff=self.fuzzy_cutoff)
        return self._aliases[best[0]] if best else None

    def _role_mentions(self, doc: Doc, country: str | None) -> list[Span]:
        if country is None:
            return []
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        spans = []
        for match_id, start, end in self._roles(doc):
            role = self.nlp.vocab.strings[match_id]
            actor_id = self.kb.country_actors.get((country, role))
            if actor_id is None or actor_id not in self.kb.records:
                continue
            if taken.intersection(range(start, end)) or self._someone_elses(doc, start):
                continue
            spans.append(self._span(doc, start, end, self.kb.records[actor_id]))
        return filter_spans(spans)

    def _place_generic_actors(self, doc: Doc, country: str) -> None:
        """Generic actors ("suspected jihadists") keep the article's country (codebook §2)."""
        for kb_id, record in list(doc._.kb_records.items()):
            if kb_id.startswith(ACTOR_PREFIX) and record.type == "generic" and not record.country:
                doc._.kb_records[kb_id] = record._replace(country=(country,))

    def _someone_elses(self, doc: Doc, start: int) -> bool:
        """ "local authorities", "the French presidency", "Italy's foreign ministry"."""
        if start == 0:
            return False
        before = doc[start - 1]
        return (before.lower_ in self.kb.role_blockers or before.ent_type_ in ("NORP", "GPE")
                or (before.is_title and before.pos_ in ("ADJ", "PROPN")))

    def _titled_people(self, doc: Doc, replaced: dict[tuple[int, int], Span]) -> list[Span]:
        spans = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.kb_id_ or len(ent) < 2 or (ent.start, ent.end) in replaced:
                continue
            if self._has_title(ent) and _looks_like_a_name(ent):
                record = self.kb.records.get(slug(ent.text)) or ActorRecord(
                    id=slug(ent.text), name=ent.text, type="person", parent=None, country=())
                spans.append(self._span(doc, ent.start, ent.end, record))
        return spans

    def _has_title(self, ent: Span) -> bool:
        doc = ent.doc
        before = doc[max(0, ent.start - self.title_window):ent.start]
        words = [fold(t.text) for t in before]
        if any(w in self._titles for w in words) or " ".join(words[-2:]) in self._titles:
            return True
        after = doc[ent.end:min(len(doc), ent.end + 5)]
        if after and after[0].text == ",":
            return any(fold(t.text) in self._titles for t in after[1:])
        return False

    def _coordinated_forces(self, doc: Doc) -> list[Span]:
        """ "French and Malian forces", "Malian and Russian troops", "forces maliennes et
        françaises": the demonym joined to a force phrase names a force of its own."""
        spans = []
        taken = {i for ent in doc.ents if ent.kb_id_ for i in range(ent.start, ent.end)}
        for ent in doc.ents:
            if not ent.kb_id_.startswith(ACTOR_PREFIX) or len(ent) != 2:
                continue
            first, last = fold(ent[0].text), fold(ent[1].text)
            for lang, noun, glue_at, other_at in (("en", last, ent.start - 1, ent.start - 2),
                                                  ("fr", first, ent.end, ent.end + 1)):
                noun_class = self._noun_class.get((noun, lang))
                if noun_class is None or not 0 <= other_at < len(doc) or not 0 <= glue_at < len(doc):
                    continue
                if doc[glue_at].lower_ not in self.kb.coordination_words or other_at in taken:
                    continue
                actor_id = self._force_of.get((fold(doc[other_at].text), noun_class, lang))
                if actor_id and actor_id in self.kb.records:
                    spans.append(self._span(doc, other_at, other_at + 1, self.kb.records[actor_id]))
                    taken.add(other_at)
        return spans

    def _span(self, doc: Doc, start: int, end: int, record: ActorRecord) -> Span:
        label = self.person_label if record.type == "person" else self.group_label
        span = Span(doc, start, end, label=label, kb_id=ACTOR_PREFIX + record.id)
        doc._.kb_records[span.kb_id_] = record
        return span

    def _write(self, doc: Doc, replaced: dict[tuple[int, int], Span], new: list[Span]) -> None:
        if not replaced and not new:
            return
        ents = [replaced.get((e.start, e.end), e) for e in doc.ents]
        replaced_keys = {(s.start, s.end) for s in new}
        ents = [e for e in ents if (e.start, e.end) not in replaced_keys] + new
        doc.ents = sorted(filter_spans(ents), key=lambda e: e.start)


def _name_extent(ent: Span) -> tuple[int, int]:
    """The whole name an NER span is part of: "Nasr al-Islam" inside
    "Jama'at Nasr al-Islam wal-Muslimeen" (adjacent proper nouns and their hyphens)."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start > 0 and _name_part(doc[start - 1]) and not doc[start - 1].ent_type_:
        start -= 1
    while end < len(doc) and _name_part(doc[end]) and not doc[end].ent_type_:
        end += 1
    while start < ent.start and doc[start].is_punct:
        start += 1
    while end > ent.end and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _name_part(token) -> bool:
    return token.pos_ == "PROPN" or (token.text in ("-", "'", "’") and not token.whitespace_)


def _looks_like_a_name(ent: Span) -> bool:
    """A person's name: it begins and ends with a capital and holds no number ("la mort
    de 5" is no one). A name in another script has no slug and is left out too."""
    return bool(slug(ent.text)) and ent[0].text[:1].isupper() and ent[-1].text[:1].isupper() \
        and not any(t.like_num for t in ent)
