"""The parse proposer: a quantity's counted noun and the outcome that governs it, read
from the dependency parse ("17 soldiers were killed", "killing 12 villagers", "left 49
civilians dead", "the death toll rose to 70")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..context import DocContext
from ..dependencies import (
    PASSIVE_AUXILIARIES,
    PASSIVE_SUBJECTS,
    TENSE_AUXILIARIES,
    ud_preposition,
)
from ..lexicon import ClaimLexicon
from ..quantities import Quantity
from .base import Proposal


class ParseProposer:
    """Outcome and counted noun of a quantity from the parse; None when the parse ties the
    number to no outcome or counts no people."""

    name = "parse"

    def __init__(self, words: ClaimLexicon) -> None:
        self.words = words

    def propose(self, ctx: DocContext, quantity: Quantity) -> Proposal | None:
        """The claim a quantity states, if the parse ties it to an outcome and to people."""
        doc = ctx.doc
        noun, anchor = self.counted_noun(doc, quantity)
        if not self.counts_people(ctx, noun):
            return None
        found = self.outcome_of(anchor, doc[quantity.end - 1])
        if found is None:
            return None
        outcome, trigger = found
        if trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in self.words.attempt_verbs:
            return None  # "attempted to assassinate two men, who escaped": nothing happened to them
        if (noun is None or noun.i == trigger.i) and quantity.end < trigger.i:
            noun = self._people_before_outcome(doc, quantity, trigger) or noun
        return Proposal(outcome=outcome, trigger=trigger, noun=noun, anchor=anchor,
                        outcome_noun=trigger.pos_ == "NOUN", rule="parse")

    def _people_before_outcome(self, doc: Doc, quantity: Quantity, trigger: Token) -> Token | None:
        """ "38 civils morts": the people word between a number and the outcome word it
        counts (the French parse may hang it off the number)."""
        return next((t for t in doc[quantity.end:trigger.i] if t.head.i != trigger.i  # "civilian deaths": the victim reader's
                     and self.words.people_group(t) not in (None, "unknown")), None)

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
        if noun is not None and noun.head.i == head.i and ud_preposition(noun) is not None:
            return noun, head  # "une douzaine de volontaires ont été tués": the number is the subject
        return noun, noun if noun is not None else head

    def _counted(self, doc: Doc, quantity: Quantity, head: Token) -> Token | None:
        if quantity.end - quantity.start == 1 and head.pos_ == "NOUN" and head.lower_ not in (
                "dozens", "hundreds", "thousands", "scores", "others", "dozen"):
            if quantity.value == 1 and doc[quantity.start].lower_ in self.words.singular_determiners:
                return head.head if head.dep_ in ("det", "nummod") else head
        if head.dep_ in ("nummod", "quantmod", "det", "amod") and head.head.i != head.i:
            target = head.head
            # a people noun the tagger took for a verb ("eight ISGS militants") still counts
            if target.pos_ in ("NOUN", "PROPN", "ADJ", "PRON") or self.words.people_group(target) is not None:
                return target
        if head.dep_ == "compound":  # "Seventeen Nigerien soldiers" parsed as a compound
            target = head.head
            while target.dep_ == "compound" and target.head.i != target.i:
                target = target.head
            if target.pos_ == "NOUN":
                return target
        for child in head.children:  # "dozens of civilians", "two of them", "une dizaine de femmes"
            if child.dep_ == "prep" and child.lower_ in self.words.partitive_prepositions:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
            case = ud_preposition(child)
            if case is not None and case.lower_ in self.words.partitive_prepositions:
                return child
        if quantity.value == 1 and head.pos_ == "NOUN":
            return head
        return None

    def outcome_of(self, anchor: Token, quantity_end: Token | None = None) -> tuple[str, Token] | None:
        """The outcome that governs `anchor` (a counted noun or a bare number), and its trigger.

        quantity_end: the last token of the quantity; an outcome word right after it
        wins ("18 dead and 21 wounded", "left 9 dead and a dozen wounded").
        """
        nxt = quantity_end.nbor(1) if quantity_end is not None and quantity_end.i + 1 < len(quantity_end.doc) else None
        if nxt is not None and nxt.lower_ in self.words.adj_outcome and nxt.pos_ in ("ADJ", "VERB", "NOUN"):
            return self.words.adj_outcome[nxt.lower_], nxt
        own = self._own_outcome(anchor)
        if own:
            return own
        for child in anchor.children:
            # the French parse may hang "morts" in "38 civils morts" as a bare nmod
            bare_nmod = child.dep_ == "nmod" and child.i > anchor.i and ud_preposition(child) is None
            if child.dep_ in ("acl", "amod", "relcl", "appos") or bare_nmod:
                outcome = self._verb_or_adj_outcome(child)
                if outcome:
                    return outcome, child
        token = anchor
        while token.dep_ in ("conj", "appos") and token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
            token = token.head
        return (self._governing_outcome(token) or self._subjectless_passive_after(anchor)
                or self._part_of_counted_people(anchor) or self._included_part(token)
                or self._root_joined_to_verb(token))

    def _root_joined_to_verb(self, noun: Token) -> tuple[str, Token] | None:
        """ "20 militaires et un civil ont été tués", parsed with the soldiers as the root
        and the verb joined to them: a root noun shares the outcome of a verb conjoined
        to it (no root noun has a verb as its conjunct in a sound parse)."""
        if noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        for verb in noun.children:
            if verb.dep_ == "conj" and verb.pos_ == "VERB":
                outcome = self._verb_or_adj_outcome(verb)
                if outcome:
                    return outcome, verb
        return None

    def _included_part(self, noun: Token) -> tuple[str, Token] | None:
        """ "38 civils morts, dont 14 hommes, 14 femmes et 10 enfants": a part that an
        inclusion word opens (the French parse hangs it anywhere) shares the outcome of
        the nearest toll before it in the sentence."""
        if not any(c.lower_ in self.words.inclusion_words and c.i < noun.i for c in noun.children):
            return None
        for token in reversed(noun.doc[noun.sent.start:noun.left_edge.i]):
            own = self._own_outcome(token)
            if own:
                return own
            outcome = self._verb_or_adj_outcome(token)
            if outcome:
                return outcome, token
        return None

    def _part_of_counted_people(self, anchor: Token) -> tuple[str, Token] | None:
        """ "eight tourists, four of whom were Italian"; "the dead include three
        attackers": a part of people a toll counts shares its outcome."""
        head = anchor.head
        if anchor.dep_ in ("nsubj", "nsubjpass") and head.dep_ == "relcl" and any(
                c.dep_ == "prep" and any(o.lower_ in self.words.relative_people for o in c.children)
                for c in anchor.children):
            return self.outcome_of(head.head)
        if anchor.dep_ in ("dobj", "attr") and head.lemma_.lower() in self.words.inclusion_words:
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            return self._own_outcome(subject) if subject is not None else None
        return None

    def _subjectless_passive_after(self, anchor: Token) -> tuple[str, Token] | None:
        """ "…toward Hombori, four soldiers and a civilian were killed": a parse that hangs
        the people elsewhere leaves the passive verb right after them without a subject."""
        doc = anchor.doc
        after = max(anchor.right_edge.i, anchor.i) + 1
        while after < len(doc) and doc[after].dep_ in TENSE_AUXILIARIES:
            after += 1  # "ont été tués": the French perfect's "ont" comes before the passive's "été"
        if after + 1 >= len(doc) or doc[after].dep_ not in PASSIVE_AUXILIARIES:
            return None
        verb = doc[after].head
        if verb.i != after + 1 or any(c.dep_ in (*PASSIVE_SUBJECTS, "nsubj") for c in verb.children):
            return None
        outcome = self._verb_or_adj_outcome(verb)
        return (outcome, verb) if outcome else None

    def _own_outcome(self, anchor: Token) -> tuple[str, Token] | None:
        if anchor.pos_ in ("NOUN", "ADJ", "PROPN") and anchor.lemma_.lower() in self.words.noun_outcome:
            if anchor.lemma_.lower() in self.words.life_nouns:
                head = anchor.head
                verb = head.head if head.dep_ == "prep" else head
                if verb.lemma_.lower() not in self.words.life_verbs:
                    return None
            return self.words.noun_outcome[anchor.lemma_.lower()], anchor
        if anchor.pos_ == "ADJ" and anchor.lower_ in self.words.adj_outcome:
            return self.words.adj_outcome[anchor.lower_], anchor
        return None

    def _verb_or_adj_outcome(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD"):
            if lemma in self.words.verb_complements and self.words.verb_complements[lemma]:
                needs = self.words.verb_complements[lemma]
                if not any(c.lower_ in needs for c in token.children):
                    return None
            if lemma in self.words.verb_outcome:
                if self.words.verb_outcome[lemma] == "injured" and any(c.lower_ in self.words.fatal_adverbs for c in token.children):
                    return "killed"  # "mortally wounded"
                return self._with_conjoined(token, self.words.verb_outcome[lemma])
            if lemma == "take" and any(c.lemma_.lower() in ("hostage", "prisoner", "captive")
                                       for c in token.children):
                return "abducted"
        if token.lower_ in self.words.adj_outcome:
            return self._with_conjoined(token, self.words.adj_outcome[token.lower_])
        return None

    def _with_conjoined(self, trigger: Token, outcome: str) -> str:
        """ "killed or wounded over 100", "reported killed, injured, abducted or missing":
        several outcomes on one number make `casualties` when killed and injured are
        among them, `killed` when killed is ("abducted and executed five"), else the first
        named. A conjoined verb with a number of its own ("17 were killed and nine
        wounded"), or a passive of its own ("70 were killed and 200 were injured"), is a
        claim of its own and does not count."""
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
                    token.dep_ == "conj" and any(c.dep_ in ("nsubj", *PASSIVE_SUBJECTS, *PASSIVE_AUXILIARIES)
                                                 for c in token.children))):
                continue  # "several were killed and others wounded", "… and 200 were injured": two claims
            found = self.words.verb_outcome.get(token.lemma_.lower()) or self.words.adj_outcome.get(token.lower_)
            if found and found not in named:
                named.append(found)
        if len(named) < 2:
            return outcome
        if "killed" in named:  # "abducted and executed five": killed; "killed or wounded": casualties
            return "casualties" if "injured" in named else "killed"
        return named[0]

    def _governing_outcome(self, token: Token) -> tuple[str, Token] | None:
        head, dep = token.head, token.dep_
        if head.i == token.i:
            return None
        if dep == "quantmod" and head.like_num:  # "from 12 to 19" parsed as one number
            return self._governing_outcome(head)
        if dep in (*PASSIVE_SUBJECTS, "dobj", "obj", "oprd", "npadvmod"):
            outcome = self._verb_or_adj_outcome(head)
            if outcome:
                return outcome, head
            for verb in head.children:  # "were ambushed and killed", not "lost 9 and killed 46"
                if verb.dep_ == "conj" and verb.pos_ == "VERB" and not _has_own_number(verb):
                    outcome = self._verb_or_adj_outcome(verb)
                    if outcome:
                        return outcome, verb
            if dep in ("dobj", "obj") and head.lemma_.lower() == "lose" and self.words.victim_nouns.get(token.lemma_.lower()):
                return "killed", head  # "the army lost nine men"
            if dep in ("dobj", "obj") and head.lemma_.lower() in self.words.toll_verbs and any(
                    c.dep_ == "nsubj" and any(t.lemma_.lower() in self.words.toll_nouns for t in c.subtree)
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
            if head.lower_ in self.words.adj_outcome and head.tag_ in ("VBG", "JJ", "VBN"):
                return self.words.adj_outcome[head.lower_], head  # "nine soldiers are missing"
            if lemma in self.words.subject_verb_outcome:
                return self.words.subject_verb_outcome[lemma], head
            if lemma in self.words.life_verbs and any(c.lemma_.lower() in self.words.life_nouns for c in head.children):
                return "killed", head
            if lemma in ("be", "remain", "go", "lie", "were", "are"):
                for child in head.children:
                    if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in self.words.adj_outcome:
                        return self.words.adj_outcome[child.lower_], child
            has_object = any(c.dep_ in ("dobj", "obj") for c in head.children)
            if not has_object and head.tag_ in ("VBD", "VBN"):  # headline: "21 killed in Mali"
                outcome = self._verb_or_adj_outcome(head)
                if outcome:
                    return outcome, head
        if dep == "pobj" and head.dep_ in ("prep", "agent"):
            return self._prepositional_outcome(token, head)
        case = ud_preposition(token)
        if case is not None:  # UD: "la mort de 5 soldats", "un bilan de 38 morts"
            return self._prepositional_outcome(token, case, governor=head)
        if dep in ("attr", "nsubj") and head.lemma_ == "be":  # "Among the dead were 52 soldiers"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "among":
                    for obj in prep.children:
                        own = self._own_outcome(obj) if obj.dep_ == "pobj" else None
                        if own:
                            return own
        if dep in ("attr", "acomp") and head.lemma_ == "be":
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lemma_.lower() in self.words.toll_nouns:
                return "killed", subject
        return None

    def _prepositional_outcome(self, token: Token, prep: Token,
                               governor: Token | None = None) -> tuple[str, Token] | None:
        """The outcome a prepositional phrase ties a number to; `governor`: what the phrase
        hangs from (the preposition's head in English, the noun's in UD)."""
        governor = prep.head if governor is None else governor
        word = prep.lower_
        if word in self.words.inclusion_words and governor.pos_ in ("NOUN", "PROPN", "NUM", "PRON") \
                and governor.i != token.i:
            return self.outcome_of(governor)  # "21 civilians, including 11 children, were killed"
        if word == "to" and governor.dep_ == "prep" and governor.lower_ == "from":
            governor = governor.head  # "rose from 12 to 19": "to 19" hangs off "from"
        if word in self.words.partitive_prepositions:
            own = self._own_outcome(governor)
            if own:
                return own
            if governor.lemma_.lower() in self.words.toll_nouns:
                return "killed", governor
        if word in self.words.toll_prepositions:
            for subject in governor.children:
                if subject.dep_ in ("nsubj", *PASSIVE_SUBJECTS, "dobj", "obj") and governor.lemma_.lower() in self.words.toll_verbs \
                        and any(c.lemma_.lower() in self.words.toll_nouns for c in subject.subtree):
                    return "killed", subject
            if governor.lemma_.lower() in self.words.toll_nouns:
                return "killed", governor
        return None

    def counts_people(self, ctx: DocContext, noun: Token | None) -> bool:
        """Whether a counted noun can be people: not "five armored vehicles", "a large amount"."""
        if noun is None:
            return True
        lemma = noun.lemma_.lower()
        if lemma in self.words.victim_nouns or noun.lower_ in self.words.victim_nouns or lemma in self.words.noun_outcome:
            return True
        if noun.ent_type_ in ("NORP", "PERSON", "ORG", "GPE") or noun.pos_ in ("PROPN", "PRON"):
            return True
        return ctx.actor_in(noun.i, noun.i + 1) is not None


def _has_own_number(verb: Token) -> bool:
    """Whether a conjoined verb counts victims of its own ("nine wounded", "wounding
    others"): a number, an object or a passive subject of its own. An active subject
    ("the militants killed or wounded…") is the shared perpetrator and does not count."""
    return any(child.like_num or child.dep_ in (*PASSIVE_SUBJECTS, "dobj", "obj") for child in verb.children)

