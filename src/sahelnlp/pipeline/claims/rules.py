"""Casualty-claim rules over a parsed Doc: pure functions of the parse and the lexicon.

For each quantity the reader finds, the rules look for the counted noun, the
outcome that governs it (verb, participle, adjective or outcome noun), then the
victim group and actor, the source, the perpetrator, the flags, the date and the
place. Every word list comes from data/claims/lexicon.yaml.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from ...extensions import ACTOR_PREFIX, PLACE_PREFIX, actor_record
from ...normalize import french_base
from .context import EntityIndex
from .model import Source
from .quantities import Quantity, QuantityReader

SPECIFICITY = {"facility": 5, "village": 4, "town": 4, "city": 4, "natural": 3,
               "region": 2, "area": 1, "country": 0}
MEASURE_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL"}  # NER labels that never count people


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {word.lower(): key for key, words in table.items() for word in words}


def _phrase_set(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(str(w).lower().split()) for w in words}


class ClaimRules:
    """The claim extractor's rules, built once from the lexicon."""

    def __init__(self, lexicon: dict) -> None:
        self.quantities = QuantityReader(lexicon)
        self.verb_outcome = _invert(lexicon["outcome_verbs"])
        self.subject_verb_outcome = _invert(lexicon["subject_outcome_verbs"])
        self.verb_complements = {k: set(v) for k, v in lexicon["verb_complements"].items()}
        self.adj_outcome = _invert(lexicon["outcome_adjectives"])
        self.noun_outcome = _invert(lexicon["outcome_nouns"])
        self.toll_nouns = set(lexicon["toll_nouns"])
        self.toll_verbs = set(lexicon["toll_verbs"])
        self.life_verbs = set(lexicon["life_verbs"])
        self.victim_nouns = _with_french_forms(_invert(lexicon["victim_nouns"]))
        self.victim_by_actor_type = lexicon["victim_by_actor_type"]
        self.ignored_actor_types = frozenset(lexicon["actor_types_no_party"])
        self.reporting_verbs = set(lexicon["reporting_verbs"])
        self.source_kinds = _invert(lexicon["source_kinds"])
        self.anonymous = set(lexicon["anonymous_markers"])
        self.speaker_documents = set(lexicon["speaker_documents"])
        self.units = set(lexicon["units"])
        self.fatal_adverbs = set(lexicon["fatal_adverbs"])
        self.date_words = set(lexicon["date_words"])
        self.party_types = set(lexicon["party_types"])
        self.non_state_types = set(lexicon["actor_groups"]["non_state"])
        self.state_types = set(lexicon["actor_groups"]["state"])
        self.state_speaker_types = set(lexicon["actor_groups"]["state_speakers"])
        self.armed_types = self.non_state_types | self.state_types
        self.attack_words = set(lexicon["attack_words"])
        self.blame_verbs = set(lexicon["blame_verbs"])
        self.aggregate_cues = _phrase_set(lexicon["aggregate_cues"])
        self.aggregate_periods = set(lexicon["aggregate_periods"])
        self.aggregate_perfect_floor = int(lexicon["aggregate_perfect_floor"])
        self.superseded_cues = _phrase_set(lexicon["superseded_cues"])
        self.french_source_phrases = [tuple(french_base(w) for w in phrase.split())
                                      for phrase in lexicon["french_source_phrases"]]
        self.french_reporting = {french_base(w) for w in lexicon["french_reporting_words"]}
        self.french_pronouns = set(lexicon["french_speaker_pronouns"])
        self.french_fillers = {french_base(w) for w in lexicon["french_verb_fillers"]}
        self.french_loss_verbs = {french_base(w) for w in lexicon["french_loss_verbs"]}
        self.french_blame = {french_base(w) for w in lexicon["french_blame_words"]}
        self.french_articles = frozenset(lexicon["french_articles"])
        self.anaphoric_people = frozenset(lexicon["anaphoric_people"])
        self.attack_targets = frozenset(lexicon["attack_target_prepositions"])
        self._index: EntityIndex | None = None

    def index(self, doc: Doc) -> EntityIndex:
        """The doc's entity index, built once per doc."""
        if self._index is None or self._index.doc is not doc:
            self._index = EntityIndex(doc, self.ignored_actor_types)
        return self._index

    def ents(self, doc_or_span: Doc | Span) -> list[Span]:
        """The entities of a doc, or those that start in a sentence."""
        if isinstance(doc_or_span, Span):
            return self.index(doc_or_span.doc).within(doc_or_span.start, doc_or_span.end)
        return self.index(doc_or_span).ents

    def forget(self) -> None:
        """Drop the entity index (call when done with a doc)."""
        self._index = None

    # -- quantities ----------------------------------------------------------
    def quantities_in(self, sent: Span) -> list[Quantity]:
        """Every quantity expression in a sentence, left to right, not overlapping."""
        doc = sent.doc
        found: list[Quantity] = []
        consumed = -1
        for token in sent:
            if token.i <= consumed:
                continue
            quantity = None
            after_month = token.i > 0 and doc[token.i - 1].lower_.rstrip(".") in self.date_words
            if self.quantities.may_start_here(token) and not after_month and not _is_date_or_measure(
                    token, self.index(doc), self.units, self.date_words):
                quantity = self.quantities.read(doc, token.i)
            if quantity is None and token.pos_ == "NOUN" and token.lemma_.lower() in self.victim_nouns:
                quantity = self.quantities.singular(doc, token)
            if quantity is None:
                continue
            if quantity.value is None and found and found[-1].end == quantity.start:
                continue  # "some 20 others", "two more": the word is the counted noun
            if quantity.start <= consumed:  # "twenty - one" read again as one number
                if found and quantity.start <= found[-1].start:
                    found[-1] = quantity
                    consumed = quantity.end - 1
                continue
            found.append(quantity)
            consumed = quantity.end - 1
        return found

    # -- the counted noun and its outcome -------------------------------------
    def counted_noun(self, doc: Doc, quantity: Quantity) -> tuple[Token | None, Token]:
        """The noun a quantity counts ("17 soldiers", "dozens of civilians", "a gendarme"),
        and the token whose place in the parse ties it to an outcome: the noun, or the
        quantity itself where the noun hangs off it ("dozens of civilians were wounded")."""
        head = doc[quantity.head]
        noun = self._counted(doc, quantity, head)
        if noun is None and quantity.end - 1 != quantity.head:  # "10 to 15 people": the last number
            head = doc[quantity.end - 1]
            noun = self._counted(doc, quantity, head)
        if noun is not None and noun.head.dep_ == "prep" and noun.head.head.i == head.i:
            return noun, head
        return noun, noun if noun is not None else head

    def _counted(self, doc: Doc, quantity: Quantity, head: Token) -> Token | None:
        if quantity.end - quantity.start == 1 and head.pos_ == "NOUN" and head.lower_ not in (
                "dozens", "hundreds", "thousands", "scores", "others", "dozen"):
            if quantity.value == 1 and doc[quantity.start].lower_ in self.quantities.singular_dets:
                return head.head if head.dep_ in ("det", "nummod") else head
        if head.dep_ in ("nummod", "quantmod", "det", "amod") and head.head.i != head.i:
            target = head.head
            if target.pos_ in ("NOUN", "PROPN", "ADJ", "PRON"):
                return target
        if head.dep_ == "compound":  # "Seventeen Nigerien soldiers" parsed as a compound
            target = head.head
            while target.dep_ == "compound" and target.head.i != target.i:
                target = target.head
            if target.pos_ == "NOUN":
                return target
        for child in head.children:  # "dozens of civilians", "two of them"
            if child.dep_ == "prep" and child.lower_ in ("of", "de"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if quantity.value == 1 and head.pos_ == "NOUN":
            return head
        return None

    def outcome_of(self, anchor: Token, quantity_end: Token | None = None) -> tuple[str, Token] | None:
        """The outcome that governs `anchor` (a counted noun or a bare number), and its trigger.

        quantity_end: the last token of the quantity; an outcome word right after it
        wins ("18 dead and 21 wounded", "left 9 dead and a dozen wounded").
        """
        nxt = quantity_end.nbor(1) if quantity_end is not None and quantity_end.i + 1 < len(quantity_end.doc) else None
        if nxt is not None and nxt.lower_ in self.adj_outcome and nxt.pos_ in ("ADJ", "VERB", "NOUN"):
            return self.adj_outcome[nxt.lower_], nxt
        own = self._own_outcome(anchor)
        if own:
            return own
        for child in anchor.children:
            if child.dep_ in ("acl", "amod", "relcl", "appos"):
                outcome = self._verb_or_adj_outcome(child)
                if outcome:
                    return outcome, child
        token = anchor
        while token.dep_ in ("conj", "appos") and token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
            token = token.head
        return self._governing_outcome(token)

    def _own_outcome(self, anchor: Token) -> tuple[str, Token] | None:
        if anchor.pos_ in ("NOUN", "ADJ", "PROPN") and anchor.lemma_.lower() in self.noun_outcome:
            if anchor.lemma_.lower() == "life":
                head = anchor.head
                verb = head.head if head.dep_ == "prep" else head
                if verb.lemma_.lower() not in self.life_verbs:
                    return None
            return self.noun_outcome[anchor.lemma_.lower()], anchor
        if anchor.pos_ == "ADJ" and anchor.lower_ in self.adj_outcome:
            return self.adj_outcome[anchor.lower_], anchor
        return None

    def _verb_or_adj_outcome(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD"):
            if lemma in self.verb_complements and self.verb_complements[lemma]:
                needs = self.verb_complements[lemma]
                if not any(c.lower_ in needs for c in token.children):
                    return None
            if lemma in self.verb_outcome:
                if self.verb_outcome[lemma] == "injured" and any(c.lower_ in self.fatal_adverbs for c in token.children):
                    return "killed"  # "mortally wounded"
                return self._with_conjoined(token, self.verb_outcome[lemma])
            if lemma == "take" and any(c.lemma_.lower() in ("hostage", "prisoner", "captive")
                                       for c in token.children):
                return "abducted"
        if token.lower_ in self.adj_outcome:
            return self._with_conjoined(token, self.adj_outcome[token.lower_])
        return None

    def _with_conjoined(self, trigger: Token, outcome: str) -> str:
        """ "killed or wounded over 100", "reported killed, injured, abducted or missing":
        several outcomes on one number make `casualties` when one is killed, else the
        first named. A conjoined verb with a number of its own ("17 were killed and nine
        wounded") is a claim of its own and does not count."""
        first = trigger
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        chain, frontier = [first], [first]
        while frontier:
            frontier = [c for t in frontier for c in t.children if c.dep_ == "conj"]
            chain.extend(frontier)
        named = []
        for token in chain:
            if token.i != trigger.i and (_has_own_number(token) or (
                    token.dep_ == "conj" and any(c.dep_ == "nsubj" for c in token.children))):
                continue  # "several were killed and others wounded": two claims
            found = self.verb_outcome.get(token.lemma_.lower()) or self.adj_outcome.get(token.lower_)
            if found and found not in named:
                named.append(found)
        if len(named) < 2:
            return outcome
        return "casualties" if "killed" in named else named[0]

    def _governing_outcome(self, token: Token) -> tuple[str, Token] | None:
        head, dep = token.head, token.dep_
        if head.i == token.i:
            return None
        if dep == "quantmod" and head.like_num:  # "from 12 to 19" parsed as one number
            return self._governing_outcome(head)
        if dep in ("nsubjpass", "dobj", "obj", "oprd", "npadvmod"):
            outcome = self._verb_or_adj_outcome(head)
            if outcome:
                return outcome, head
            for verb in head.children:  # "were ambushed and killed", not "lost 9 and killed 46"
                if verb.dep_ == "conj" and verb.pos_ == "VERB" and not _has_own_number(verb):
                    outcome = self._verb_or_adj_outcome(verb)
                    if outcome:
                        return outcome, verb
            if dep in ("dobj", "obj") and head.lemma_.lower() == "lose" and self.victim_nouns.get(token.lemma_.lower()):
                return "killed", head  # "the army lost nine men"
            if dep in ("dobj", "obj") and head.lemma_.lower() in self.toll_verbs and any(
                    c.dep_ == "nsubj" and any(t.lemma_.lower() in self.toll_nouns for t in c.subtree)
                    for c in head.children):
                return "killed", head  # "the death toll reached 30"
            for child in head.children:  # "left 49 civilians dead", "found 12 bodies"
                if child.dep_ in ("oprd", "xcomp", "acomp", "ccomp") and child.i > token.i:
                    outcome = self._verb_or_adj_outcome(child)
                    if outcome:
                        return outcome, child
        if dep == "nsubj":
            if head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
                head = head.head  # a parse that hangs the subject on "are" in "are missing"
            lemma = head.lemma_.lower()
            if head.lower_ in self.adj_outcome and head.tag_ in ("VBG", "JJ", "VBN"):
                return self.adj_outcome[head.lower_], head  # "nine soldiers are missing"
            if lemma in self.subject_verb_outcome:
                return self.subject_verb_outcome[lemma], head
            if lemma in self.life_verbs and any(c.lemma_.lower() == "life" for c in head.children):
                return "killed", head
            if lemma in ("be", "remain", "go", "lie", "were", "are"):
                for child in head.children:
                    if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in self.adj_outcome:
                        return self.adj_outcome[child.lower_], child
            has_object = any(c.dep_ in ("dobj", "obj") for c in head.children)
            if not has_object and head.tag_ in ("VBD", "VBN"):  # headline: "21 killed in Mali"
                outcome = self._verb_or_adj_outcome(head)
                if outcome:
                    return outcome, head
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            return self._prepositional_outcome(token, head)
        if dep in ("attr", "nsubj") and head.lemma_ == "be":  # "Among the dead were 52 soldiers"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "among":
                    for obj in prep.children:
                        own = self._own_outcome(obj) if obj.dep_ == "pobj" else None
                        if own:
                            return own
        if dep in ("attr", "acomp") and head.lemma_ == "be":
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lemma_.lower() in self.toll_nouns:
                return "killed", subject
        return None

    def _prepositional_outcome(self, token: Token, prep: Token) -> tuple[str, Token] | None:
        governor = prep.head
        word = prep.lower_
        if word == "to" and governor.dep_ == "prep" and governor.lower_ == "from":
            governor = governor.head  # "rose from 12 to 19": "to 19" hangs off "from"
        if word in ("of", "de"):
            own = self._own_outcome(governor)
            if own:
                return own
            if governor.lemma_.lower() in self.toll_nouns:
                return "killed", governor
        if word in ("to", "at", "from"):
            for subject in governor.children:
                if subject.dep_ in ("nsubj", "nsubjpass", "dobj") and governor.lemma_.lower() in self.toll_verbs \
                        and any(c.lemma_.lower() in self.toll_nouns for c in subject.subtree):
                    return "killed", subject
            if governor.lemma_.lower() in self.toll_nouns:
                return "killed", governor
        return None

    # -- who ---------------------------------------------------------------
    def counts_people(self, doc: Doc, noun: Token | None) -> bool:
        """Whether a counted noun can be people: not "five armored vehicles", "a large amount"."""
        if noun is None:
            return True
        lemma = noun.lemma_.lower()
        if lemma in self.victim_nouns or noun.lower_ in self.victim_nouns or lemma in self.noun_outcome:
            return True
        if noun.ent_type_ in ("NORP", "PERSON", "ORG", "GPE") or noun.pos_ in ("PROPN", "PRON"):
            return True
        return self._actor_in(doc, noun.i, noun.i + 1) is not None

    def victim_of(self, doc: Doc, noun: Token | None, trigger: Token | None = None) -> tuple[str, str | None]:
        """Victim group and victim actor id from the counted noun and its own modifiers.

        Nouns joined to it without a number of their own count in the same number
        ("over 100 soldiers and Wagner fighters"): different groups make `mixed`.
        """
        if noun is None:
            people = (self._among(trigger) or self._attacked_people(trigger)) if trigger is not None else None
            return self.victim_of(doc, people) if people is not None else ("unknown", None)
        if noun.lower_ in self.anaphoric_people or noun.lemma_.lower() == "other":
            noun = self._antecedent(noun) or noun  # "eight of them", "two others were missing"
        group, actor = self._group_of(doc, noun)
        if noun.lemma_.lower() in ("man", "men") and trigger is not None and trigger.lemma_.lower() == "lose":
            owner = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
            owner_actor = self._actor_in(doc, owner.left_edge.i, owner.right_edge.i + 1) if owner is not None else None
            if owner is not None and owner_actor is None and owner.pos_ == "PRON":
                before = self._last_actor_before(doc, owner.i)  # "the CSP-DPA said it had lost…"
                record = doc._.kb_records.get(before.kb_id_) if before is not None else None
                owner_actor = (record.id, record.type) if record is not None else None
            group = self.victim_by_actor_type.get(owner_actor[1], "unknown") if owner_actor else "security_forces"
        groups = {group}
        for other in _joined_nouns(noun):
            other_group, _ = self._group_of(doc, other)
            groups.add(other_group)
        groups.discard("unknown")
        if len(groups) > 1:
            return "mixed", None
        among = self._among(trigger) if trigger is not None and not groups else None
        if among is not None and among.i != noun.i:  # "two people were hurt among the passengers"
            return self.victim_of(doc, among)
        return group or "unknown", actor[0] if actor else None

    def _among(self, trigger: Token) -> Token | None:
        """ "no casualties were reported among the troops": the people of an "among"
        phrase on the outcome or the verb that reports it."""
        for token in (trigger, trigger.head, *trigger.conjuncts):  # "eight deaths and several missing among the soldiers"
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "among":
                    people = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if people is not None and self.people_group(people) not in (None, "unknown"):
                        return people
        return None

    def _attacked_people(self, trigger: Token) -> Token | None:
        """ "The death toll from an attack on worshippers rose to 19": a toll that names
        no one counts the people its sentence says were attacked."""
        if trigger.lemma_.lower() not in self.toll_nouns | self.toll_verbs:
            return None
        for token in trigger.sent:
            if token.lemma_.lower() in self.attack_words and token.pos_ == "NOUN":
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ in self.attack_targets:
                        people = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if people is not None and self.people_group(people) not in (None, "unknown"):
                            return people
        return None

    def _antecedent(self, token: Token) -> Token | None:
        """The nearest noun before `token` in its sentence that names a victim group; a
        counted "people" ("killing a dozen people and wounding 20 others") is one too."""
        for candidate in reversed(token.doc[token.sent.start:token.i]):
            group = self.victim_nouns.get(candidate.lemma_.lower())
            if candidate.pos_ == "NOUN" and group and (group != "unknown" or _is_counted(candidate)):
                return candidate
        return None

    def people_group(self, token: Token) -> str | None:
        """The victim group a word names ("soldiers", "d’assaillants"), or None."""
        return (self.victim_nouns.get(token.lemma_.lower()) or self.victim_nouns.get(token.lower_)
                or self.victim_nouns.get(french_base(token.lower_)))

    def _group_of(self, doc: Doc, noun: Token) -> tuple[str, tuple[str, str] | None]:
        phrase = [t for t in noun.subtree if t.i <= noun.i] or [noun]
        actor = self._actor_in(doc, phrase[0].i, noun.i + 1)
        group = self.people_group(noun)
        if actor is not None and (group in (None, "unknown", "militants") or noun.lemma_.lower() in (
                "fighter", "member", "man", "element", "combatant", "troop", "soldier")):
            actor_group = self.victim_by_actor_type.get(actor[1])
            if actor_group and not (group == "security_forces" and actor_group == "militants"):
                group = actor_group
        if group == "unknown":
            for child in noun.children:  # "people, mostly women and children"
                if child.dep_ in ("appos", "prep", "acl"):
                    for token in child.subtree:
                        found = self.victim_nouns.get(token.lemma_.lower())
                        if found and found != "unknown":
                            group = found
                            break
        return group or "unknown", actor

    def actor_ents(self, doc_or_span: Doc | Span) -> list[tuple[Span, object]]:
        """(entity, ActorRecord) for each linked actor mention of a doc or sentence."""
        if isinstance(doc_or_span, Span):
            return self.index(doc_or_span.doc).actors_within(doc_or_span.start, doc_or_span.end)
        return self.index(doc_or_span).actors

    def _actor_in(self, doc: Doc, start: int, end: int) -> tuple[str, str] | None:
        """(id, type) of the last linked actor entity inside tokens start..end."""
        found = self.index(doc).last_actor_overlapping(start, end)
        return (found[1].id, found[1].type) if found is not None else None

    def source_of(self, sent: Span, trigger: Token, previous: Source | None) -> Source | None:
        """The speaker of a reporting verb or "according to" phrase governing the claim."""
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < len(sent.doc) and sent.doc[token.i + 1].lower_ == "to":
                objects = [c for c in sent.doc[token.i + 1].children if c.dep_ == "pobj"]
                if objects:
                    return self._source_from(objects[0], previous)
        verbs = [a for a in [trigger, *trigger.ancestors] if a.lemma_.lower() in self.reporting_verbs
                 and not any(c.lemma_.lower() == "life" for c in a.children)]
        if not verbs:
            verbs = [t for t in sent if t.lemma_.lower() in self.reporting_verbs and t.pos_ == "VERB"
                     and not any(c.lemma_.lower() == "life" for c in t.children)]
        subjects = []
        for verb in verbs:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
            if subject is None:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subject is not None and not (trigger.i in range(subject.left_edge.i, subject.right_edge.i + 1)):
                subjects.append(subject)
        # "MINUSMA said it had confirmed the deaths…": the outer speaker names the inner "it"
        named = [s for s in subjects if s.pos_ != "PRON"]
        if subjects and subjects[0].pos_ == "PRON" and named:
            return self._source_from(named[0], previous)
        return self._source_from(subjects[0], previous) if subjects else None

    def surface_source(self, sent: Span, previous: Source | None) -> Source | None:
        """The source of a French sentence, read from its words: "selon l’État-major",
        "l’État-major déplore…", "a annoncé ce mardi le ministère…", "Il fait état…"."""
        doc = sent.doc
        forms = [t._.lookup_form for t in sent]
        for i in range(len(forms)):
            for phrase in self.french_source_phrases:
                if tuple(forms[i:i + len(phrase)]) == phrase:
                    return self._surface_speaker(doc, sent.start + i + len(phrase), previous)
        for i, form in enumerate(forms):
            if form not in self.french_reporting:
                continue
            verb = sent.start + i
            before = verb - 1
            while before >= sent.start and doc[before]._.lookup_form in self.french_fillers:
                before -= 1
            if before >= sent.start and doc[before].lower_ in self.french_pronouns:
                return previous or self._named_before(doc, before)
            subject = self._actor_ending_at(doc, before)
            if subject is not None:
                return Source.of(self._without_article(subject), actor=subject.kb_id_[len(ACTOR_PREFIX):])
            after = next((e for e, _ in self.index(doc).actors_within(verb + 1, verb + 7)
                          if e.end <= sent.end), None)
            if after is not None:
                return Source.of(self._without_article(after), actor=after.kb_id_[len(ACTOR_PREFIX):])
        return None

    def losing_side(self, trigger: Token) -> tuple[str, str] | None:
        """"L’armée malienne perd 05 hommes": the victim group and actor of the subject
        of a French loss verb, read from the words before it."""
        if trigger._.lookup_form not in self.french_loss_verbs:
            return None
        before = trigger.i - 1
        while before >= trigger.sent.start and trigger.doc[before]._.lookup_form in self.french_fillers:
            before -= 1
        owner = self._actor_ending_at(trigger.doc, before)
        record = trigger.doc._.kb_records.get(owner.kb_id_) if owner is not None else None
        group = self.victim_by_actor_type.get(record.type) if record is not None else None
        return (group, record.id) if group else None

    def _surface_speaker(self, doc: Doc, start: int, previous: Source | None) -> Source | None:
        end = start
        while end < len(doc) and end - start < 8 and not (doc[end].is_punct and not doc[end].is_quote
                                                          and doc[end].text not in "-–"):
            end += 1
        if end == start:
            return None
        span = self._without_article(doc[start:end])
        actor = self._actor_in(doc, span.start, span.end)
        if actor is not None:
            return Source.of(span, actor=actor[0])
        return Source.of(span, kind=self._source_kind(span))

    def _without_article(self, span: Span) -> Span:
        """The span without a leading French article or elided "l’" ("le ministère" → "ministère")."""
        start = span.start
        while start < span.end - 1 and span.doc[start]._.lookup_form in self.french_articles:
            start += 1
        return span.doc[start:span.end]

    def _actor_ending_at(self, doc: Doc, i: int) -> Span | None:
        return self.index(doc).actor_ending_at(i)

    def _named_before(self, doc: Doc, i: int) -> Source | None:
        antecedent = self._last_actor_before(doc, i)
        if antecedent is None:
            return None
        return Source.of(antecedent, actor=antecedent.kb_id_[len(ACTOR_PREFIX):])

    def _source_from(self, head: Token, previous: Source | None) -> Source:
        doc = head.doc
        stands_for_speaker = head.lemma_.lower() in self.speaker_documents and not any(
            self._actor_in(doc, t.i, t.i + 1) for t in head.subtree)
        if stands_for_speaker or head.pos_ == "PRON" and head.lower_ in ("it", "he", "she", "they", "we", "il", "elle"):
            if previous is not None:
                return previous
            antecedent = self._last_actor_before(doc, head.i)
            if antecedent is not None:
                return Source.of(antecedent, actor=antecedent.kb_id_[len(ACTOR_PREFIX):])
        span = _speaker_span(head)
        actor = self._actor_in(doc, span.start, span.end)
        words = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
        if actor is not None and not words & self.anonymous:  # "military sources" speak for no one
            return Source.of(span, actor=actor[0])
        return Source.of(span, kind=self._source_kind(span))

    def _last_actor_before(self, doc: Doc, i: int) -> Span | None:
        """The nearest actor named before token i that can speak for a party ("It said…")."""
        speakers = self.party_types | {"international"}
        return next((ent for ent, record in self.index(doc).actors_before(i) if record.type in speakers), None)

    def _source_kind(self, span: Span) -> str:
        head = span.root
        # the head's own modifiers speak first: "a security official", "local authorities"
        modifiers = [t for t in head.children if t.dep_ in ("amod", "compound") and t.i < head.i]
        candidates = modifiers + [head] + [t for t in span if t.i != head.i and t not in modifiers]
        for token in candidates:
            kind = self.source_kinds.get(token.lemma_.lower()) or self.source_kinds.get(token.lower_)
            if kind:
                return kind
        return "other"

    def is_party_claim(self, doc: Doc, source: Source | None) -> bool:
        """Codebook `claimed`: an armed party (or its government) speaking on the record."""
        if source is None:
            return False
        if source.actor:
            record = actor_record(doc, source.actor)
            return bool(record and record.type in self.party_types)
        return source.kind == "government"

    def perpetrator_of(self, sent: Span, trigger: Token, anchor: Token, exclude: set[str],
                       source: Source | None) -> str | None:
        """The actor held responsible: the agent or active subject of the killing verb or of
        the attack it hangs on ("JNIM ambushed a convoy, killing 17 soldiers"), or the actor
        the sentence blames ("an attack claimed by JNIM", "suspected jihadists")."""
        doc = sent.doc
        verb: Token | None = trigger
        for _ in range(3):  # the trigger, then the verbs it hangs on (advcl, xcomp, conj)
            if verb is None or verb.lemma_.lower() in self.reporting_verbs:
                break  # "the army reported five dead": the army tells, it does not kill
            if verb.lemma_.lower() == "lose" or verb._.lookup_form in self.french_loss_verbs:
                break  # "the army said it had lost nine men": the loser, not the killer
            found = self._doer_of(doc, verb, anchor, exclude, source)
            if found:
                return found
            verb = verb.head if verb.dep_ in ("advcl", "xcomp", "conj", "relcl", "acl") else None
        return next((record.id for ent, record in self.actor_ents(sent)
                     if record.id not in exclude and record.type in self.armed_types and self._blamed(ent)),
                    None)

    def first_blamed(self, doc: Doc) -> str | None:
        """The first armed actor the article blames for an attack."""
        blamable = self.armed_types - {"state_forces"}
        return next((record.id for ent, record in self.actor_ents(doc)
                     if record.type in blamable and self._blamed(ent)), None)

    def main_force(self, doc: Doc) -> str | None:
        """The state or foreign force the article names most."""
        counts = Counter(record.id for _, record in self.actor_ents(doc) if record.type == "state_forces")
        return max(counts, key=counts.get) if counts else None

    def _doer_of(self, doc: Doc, verb: Token, anchor: Token, exclude: set[str],
                 source: Source | None) -> str | None:
        for child in verb.children:
            if child.dep_ == "agent":
                actor = self._actor_in(doc, child.i, child.right_edge.i + 1)
                if actor and actor[0] not in exclude:
                    return actor[0]
            if child.dep_ == "nsubj" and child.i != anchor.i and not (
                    child.left_edge.i <= anchor.i <= child.right_edge.i):
                actor = self._actor_in(doc, child.left_edge.i, child.right_edge.i + 1)
                if actor and actor[0] not in exclude:
                    return actor[0]
                if child.pos_ == "PRON" and source is not None and source.actor and child.lower_ in ("it", "they", "we"):
                    return source.actor
        return None

    def surface_blamed(self, sent: Span, exclude: set[str]) -> str | None:
        """The armed actor a French sentence blames: one named within four words after
        "par", "attaque", "embuscade"… or followed by "présumés"."""
        blamable = self.armed_types - {"state_forces"}
        for ent, record in self.actor_ents(sent):
            if record.type in blamable and record.id not in exclude and self._blamed_in_french(ent):
                return record.id
        return None

    def _blamed_in_french(self, ent: Span) -> bool:
        doc = ent.doc
        around = doc[max(ent.sent.start, ent.start - 4):min(ent.sent.end, ent.end + 1)]
        return any(t._.lookup_form in self.french_blame for t in around)

    def _blamed(self, ent: Span) -> bool:
        """Whether an actor mention is the subject or author of an attack in its sentence."""
        if any(t.lower_ == "suspected" for t in ent) or (ent.start and ent.doc[ent.start - 1].lower_ == "suspected"):
            return True
        if self._blamed_in_french(ent):
            return True
        token = ent.root
        for _ in range(4):  # climb out of "Fighters of the al-Qaeda-linked JNIM"
            head = token.head
            lemma = head.lemma_.lower()
            if token.dep_ == "nsubj" and (lemma in self.attack_words or lemma in self.verb_outcome
                                          or lemma in self.blame_verbs):
                return True  # "JNIM claimed the attack", "gunmen stormed…", "jihadists killed…"
            if token.dep_ == "pobj" and head.dep_ in ("agent", "prep"):
                governor = head.head.lemma_.lower()
                # "an attack by JNIM", "claimed by JNIM", "blamed on jihadists" — but an
                # "ambush on an army convoy" names the target
                if head.lower_ == "by" and governor in self.blame_verbs | self.attack_words:
                    return True
                if head.lower_ in ("on", "to") and governor in self.blame_verbs:
                    return True
            if token.dep_ in ("compound", "amod", "nmod", "poss") and lemma in self.attack_words:
                return True
            if token.dep_ not in ("pobj", "prep", "compound", "appos", "amod") or head.i == token.i:
                return False
            token = head
        return False

    # -- flags, date, place ---------------------------------------------------
    def is_aggregate(self, sent: Span, quantity: Quantity, trigger: Token) -> bool:
        """A period or area total: a period cue, a bare year or plural period dating the
        claim ("killed in 2023", "over three months"), or a large number told in the
        present perfect ("more than 10,000 have died")."""
        if _phrases_in([t.lower_ for t in sent], self.aggregate_cues):
            return True
        for ent in self.ents(sent):
            if ent.label_ != "DATE" or self.dates_a_report(ent):
                continue
            if any(t.lower_ in self.aggregate_periods for t in ent):
                return True
            if all(t.is_digit and len(t) == 4 or t.lower_ in ("in", "of", "for", "during") for t in ent):
                return True  # "in 2023": a whole year
        floor = quantity.low if quantity.low is not None else 0
        perfect = any(c.lower_ in ("have", "has") and c.dep_ in ("aux", "auxpass") for c in trigger.children)
        return perfect and floor >= self.aggregate_perfect_floor

    def is_superseded(self, doc: Doc, quantity: Quantity, sent: Span) -> bool:
        window = doc[max(sent.start, quantity.start - 8):quantity.start]
        if _phrases_in([t.lower_ for t in window], self.superseded_cues - {("from",)}):
            return True
        # "rose from 8 to 51": the number after "from" is the old one
        before = doc[quantity.start - 1] if quantity.start > 0 else None
        after = doc[quantity.end:quantity.end + 3]
        return bool(before is not None and before.lower_ == "from"
                    and any(t.lower_ == "to" for t in after))

    def place_of(self, doc: Doc, sent: Span) -> str | None:
        """The most specific place where the sentence's event happened, when only one is
        that specific. Places reached by "to", "from" or "with" ("evacuated to Niamey",
        "the border with Mali") are where people went or what was bordered: left out."""
        places = []
        for ent in self.ents(sent):
            if ent.kb_id_.startswith(PLACE_PREFIX) and not _elsewhere(ent):
                record = doc._.kb_records.get(ent.kb_id_)
                if record is not None:
                    places.append(record)
        if not places:
            return None
        best = max(SPECIFICITY.get(p.kind, 0) for p in places)
        ids = {p.id for p in places if SPECIFICITY.get(p.kind, 0) == best}
        return ids.pop() if len(ids) == 1 else None

    def dates_a_report(self, date: Span) -> bool:
        """ "the army said on Wednesday", "in a statement on Tuesday", "the toll rose to 19
        on Thursday": a date of the telling or of a toll's update, not of the event."""
        token = date.root
        for _ in range(3):
            head = token.head
            if head.i == token.i:
                return False
            lemma = head.lemma_.lower()
            if lemma in self.speaker_documents:
                return True
            if head.pos_ in ("VERB", "AUX"):
                return lemma in self.reporting_verbs or (
                    lemma in self.toll_verbs and any(
                        c.dep_ in ("nsubj", "nsubjpass") and any(t.lemma_.lower() in self.toll_nouns for t in c.subtree)
                        for c in head.children))
            token = head
        return False

    def first_event_date(self, doc: Doc, resolve) -> str | None:
        """The first day the article dates that is no report's date."""
        for ent in self.ents(doc):
            if ent.label_ == "DATE" and not self.dates_a_report(ent):
                found = resolve(ent.text, doc._.published)
                if found:
                    return found
        return None

    def has_own_date(self, sent: Span) -> bool:
        """Whether the sentence dates something itself ("In June 2022", "last year")."""
        return any(e.label_ == "DATE" and not self.dates_a_report(e) for e in self.ents(sent))


def _with_french_forms(table: dict[str, str]) -> dict[str, str]:
    """The table with each word's French lookup form added ("soldat" also as typed)."""
    return {**{french_base(word): value for word, value in table.items()}, **table}


def _phrases_in(words: list[str], phrases: set[tuple[str, ...]]) -> bool:
    """Whether any phrase (a tuple of lower-case words) occurs in `words`."""
    longest = max((len(p) for p in phrases), default=0)
    return any(tuple(words[i:i + n]) in phrases
               for n in range(1, longest + 1) for i in range(len(words) - n + 1))


def _joined_nouns(noun: Token) -> list[Token]:
    """Nouns coordinated with `noun` that have no number of their own."""
    joined = []
    for token in noun.conjuncts:
        if token.pos_ in ("NOUN", "PROPN") and not any(c.like_num or c.dep_ == "nummod" for c in token.children):
            joined.append(token)
    return joined


def _is_counted(noun: Token) -> bool:
    return any(c.like_num or c.dep_ == "nummod" for c in noun.children)


def _has_own_number(verb: Token) -> bool:
    """Whether a conjoined verb counts victims of its own ("nine wounded", "wounding
    others"): a number, an object or a passive subject of its own. An active subject
    ("the militants killed or wounded…") is the shared perpetrator and does not count."""
    return any(child.like_num or child.dep_ in ("nsubjpass", "dobj", "obj") for child in verb.children)


def _elsewhere(ent: Span) -> bool:
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in ("to", "from", "with", "toward", "towards")


def _is_date_or_measure(token: Token, index: EntityIndex, units: set[str], date_words: set[str]) -> bool:
    """Numbers of dates, times, money and percentages are never casualty counts.

    The NER sometimes calls "between 10 and 15" a DATE and "roughly 40 assailants" a
    QUANTITY, so those count only with a date word or year, or a unit of measure.
    """
    if token.ent_type_ in MEASURE_ENTS:
        return True
    if token.ent_type_ not in ("QUANTITY", "DATE"):
        return False
    if token.ent_type_ == "DATE" and token.is_digit and len(token.text) == 4:
        return True
    ent = index.covering(token.i)
    if ent is None:
        return False
    if token.ent_type_ == "QUANTITY":
        return any(t.lower_ in units for t in ent)
    return any(t.lower_ in date_words or (t.is_digit and len(t) == 4) for t in ent)


def _speaker_span(head: Token) -> Span:
    """The words naming a speaker: the subject phrase up to its first comma, without
    the dates and relative clauses that hang off it ("JNIM, known to inflate its claims")."""
    doc = head.doc
    start, end = head.left_edge.i, head.i + 1
    for token in doc[head.i + 1:head.right_edge.i + 1]:
        if token.is_punct or token.dep_ in ("relcl", "acl", "appos", "cc") or token.ent_type_ == "DATE":
            break
        if token.dep_ == "prep" and any(c.ent_type_ == "DATE" for c in token.children):
            break
        end = token.i + 1
    while start < head.i and (doc[start].is_punct or doc[start].is_quote):
        start += 1
    return doc[start:end]
