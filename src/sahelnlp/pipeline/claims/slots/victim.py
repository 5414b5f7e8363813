"""The victim slot: the group a number counts and the actor the victims belong to
(codebook section 1, `victim` and `victim_actor`), read from the counted noun and its
own modifiers, then from what the sentence says about the same people."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..context import DocContext
from ..lexicon import ClaimLexicon
from ..types import Finding

UNKNOWN = Finding(("unknown", None), "victim.none")
# nouns whose actor decides their group: "JNIM fighters", "Wagner men"
_MEMBER_NOUNS = ("fighter", "member", "man", "element", "combatant", "troop", "soldier")


class VictimReader:
    """Victim group and actor of a claim from its counted noun and its sentence."""

    def __init__(self, words: ClaimLexicon) -> None:
        self.words = words

    def read(self, ctx: DocContext, noun: Token | None, trigger: Token | None = None) -> Finding:
        """Finding((group, actor id), rule) for the people a claim counts.

        Nouns joined to the counted noun without a number of their own count in the same
        number ("over 100 soldiers and Wagner fighters"): different groups make `mixed`.
        """
        if noun is None:
            return self._without_noun(ctx, trigger)
        rule = "victim.counted_noun"
        if noun.lower_ in self.words.anaphoric_people or noun.lemma_.lower() == "other":
            antecedent = self._antecedent(noun)  # "eight of them", "two others were missing"
            if antecedent is not None:
                noun, rule = antecedent, "victim.antecedent"
        group, actor = self._group_of(ctx, noun)
        if noun.lemma_.lower() in ("man", "men") and trigger is not None and trigger.lemma_.lower() == "lose":
            group, rule = self._loser_group(ctx, trigger), "victim.loser"
        if group == "unknown" and noun.lemma_.lower() in self.words.anaphoric_men:
            group = self._group_of_listed_men(ctx, noun) or group
        joined = _joined_nouns(noun, self.words.singular_determiners)
        groups = {group} | {self._group_of(ctx, other)[0] for other in joined}
        groups.discard("unknown")
        if len(groups) > 1:
            return Finding(("mixed", None), "victim.joined_nouns")
        among = self._among(trigger) if trigger is not None and not groups else None
        if among is not None and among.i != noun.i:  # "two people were hurt among the passengers"
            return Finding(self.read(ctx, among).value, "victim.among")
        return Finding((group or "unknown", actor[0] if actor else None), rule)

    def _group_of_listed_men(self, ctx: DocContext, noun: Token) -> str | None:
        """ "83 men, 28 women and 45 children": men listed with women and children are
        civilians too."""
        groups = {self._group_of(ctx, other)[0] for other in noun.conjuncts}
        return "civilians" if groups == {"civilians"} else None

    def _without_noun(self, ctx: DocContext, trigger: Token | None) -> Finding:
        """A bare number or an outcome noun: the people of an "among" phrase, or those the
        sentence says were attacked."""
        if trigger is None:
            return UNKNOWN
        described = self._described_outcome(trigger)
        if described is not None:
            return described
        among = self._among(trigger)
        if among is not None:
            return Finding(self.read(ctx, among).value, "victim.among")
        attacked = self._attacked_people(trigger)
        if attacked is not None:
            return Finding(self.read(ctx, attacked).value, "victim.attacked_people")
        return UNKNOWN

    def _described_outcome(self, trigger: Token) -> Finding | None:
        """ "1,556 civilian deaths", "military casualties": an outcome noun whose
        modifier names the group."""
        for child in trigger.children:
            if child.dep_ in ("amod", "compound") and child.i < trigger.i:
                group = self.words.people_group(child)
                if group not in (None, "unknown"):
                    return Finding((group, None), "victim.described_outcome")
        return None

    def _loser_group(self, ctx: DocContext, trigger: Token) -> str:
        """ "the army lost nine men": the group of the one who lost them."""
        owner = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        owner_actor = ctx.actor_in(owner.left_edge.i, owner.right_edge.i + 1) if owner is not None else None
        if owner is not None and owner_actor is None and owner.pos_ == "PRON":
            before = ctx.speaker_before(owner.i)  # "the CSP-DPA said it had lost…"
            record = ctx.doc._.kb_records.get(before.kb_id_) if before is not None else None
            owner_actor = (record.id, record.type) if record is not None else None
        return self.words.victim_by_actor_type.get(owner_actor[1], "unknown") if owner_actor else "security_forces"

    def _among(self, trigger: Token) -> Token | None:
        """ "no casualties were reported among the troops": the people of an "among"
        phrase on the outcome or the verb that reports it."""
        for token in (trigger, trigger.head, *trigger.conjuncts):  # "eight deaths and several missing among the soldiers"
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "among":
                    people = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if people is not None and self.words.people_group(people) not in (None, "unknown"):
                        return people
        return None

    def _attacked_people(self, trigger: Token) -> Token | None:
        """ "The death toll from an attack on worshippers rose to 19": a toll that names
        no one counts the people its sentence says were attacked."""
        if trigger.lemma_.lower() not in self.words.toll_nouns | self.words.toll_verbs:
            return None
        for token in trigger.sent:
            if token.lemma_.lower() in self.words.attack_words and token.pos_ == "NOUN":
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ in self.words.attack_targets:
                        people = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if people is not None and self.words.people_group(people) not in (None, "unknown"):
                            return people
        return None

    def _antecedent(self, token: Token) -> Token | None:
        """The nearest noun before `token` in its sentence that names a victim group; a
        counted "people" ("killing a dozen people and wounding 20 others") is one too."""
        for candidate in reversed(token.doc[token.sent.start:token.i]):
            group = self.words.victim_nouns.get(candidate.lemma_.lower())
            if candidate.pos_ == "NOUN" and group and (group != "unknown" or _is_counted(candidate)):
                return candidate
        return None

    def _group_of(self, ctx: DocContext, noun: Token) -> tuple[str, tuple[str, str] | None]:
        """The group a noun names, with its actor's: "JNIM fighters" are militants of JNIM."""
        phrase = [t for t in noun.subtree if t.i <= noun.i] or [noun]
        actor = ctx.actor_in(phrase[0].i, noun.i + 1)
        group = self.words.people_group(noun)
        if actor is not None and (group in (None, "unknown", "militants") or noun.lemma_.lower() in _MEMBER_NOUNS):
            actor_group = self.words.victim_by_actor_type.get(actor[1])
            if actor_group and not (group == "security_forces" and actor_group == "militants"):
                group = actor_group
        if group == "unknown":
            group = self._listed_group(noun) or group
        return group or "unknown", actor

    def _listed_group(self, noun: Token) -> str | None:
        """The group of the people a noun's apposition or "including" list names
        ("people, mostly women and children"); several groups make `mixed` ("eight
        people, including soldiers, park rangers and French instructors")."""
        groups = []
        for child in noun.children:
            if child.dep_ in ("appos", "prep", "acl"):
                groups += [self.words.victim_nouns[t.lemma_.lower()] for t in child.subtree
                           if self.words.victim_nouns.get(t.lemma_.lower(), "unknown") != "unknown"]
        if not groups:
            return None
        return groups[0] if len(set(groups)) == 1 else "mixed"

    def attack_target(self, ctx: DocContext, sent: Span) -> Finding | None:
        """The group a sentence says was attacked: the target of an attack noun ("an
        attack on a village", "l'attaque contre le poste", "a mosque attack") or the
        object of an attack verb ("gunmen stormed the camp"); the first one wins."""
        for token in sent:
            if self._two_sided(ctx, token, sent):
                return Finding(("mixed", None), "victim.two_sides")
            target = self._noun_target(token, sent) or self._verb_target(token, sent)
            if target is not None:
                found = self._target_group(ctx, target)
                if found is not None:
                    return Finding(found, "victim.attack_target")
        return None

    def _two_sided(self, ctx: DocContext, token: Token, sent: Span) -> bool:
        """ "clashes between Dozo hunters and the Katiba Macina": a fight between two
        armed sides named after it, whose dead are of both."""
        if self.words.lookup(self.words.fight_nouns, token) is None:
            return False
        after = token.doc[token.i + 1:min(token.i + 3, sent.end)]
        between = next((t for t in after if t.lower_ in self.words.between_words), None)
        if between is None:
            return False
        rest = token.doc[between.i + 1:min(between.i + 14, sent.end)]
        sides = {record.id for _, record in ctx.actor_ents(rest) if record.type in self.words.armed_types}
        armed_nouns = [t for t in rest if self.words.people_group(t) in ("militants", "security_forces")]
        return len(sides) >= 2 or (len(sides) + len(armed_nouns) >= 2
                                   and any(t.lower_ in self.words.side_joiners for t in rest))

    def _noun_target(self, token: Token, sent: Span) -> Token | None:
        """The target an attack noun names: the noun right before it ("village attack")
        or the first target noun after it through prepositions and articles ("attack on
        the village", "attaque du poste"), unless a landmark word comes first ("an
        attack near the village")."""
        if token.pos_ in ("VERB", "AUX") or self.words.lookup(self.words.attack_nouns, token) is None:
            return None
        before = token.doc[token.i - 1] if token.i > sent.start else None
        if before is not None and before.pos_ in ("NOUN", "PROPN", "ADJ") and self._is_target(before):
            return before
        return self._first_target_after(token, sent, need_preposition=True)

    def _verb_target(self, token: Token, sent: Span) -> Token | None:
        """The object of an attack verb: its direct object, the subject of its passive,
        or, where the parse gives neither, the first target noun after it."""
        as_verb = token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.words.target_verbs
        if not as_verb and token.lower_ not in self.words.target_verbs:  # a form, whatever its tag
            return None
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass", "obj") and self._is_target(child):
                return child
        return self._first_target_after(token, sent, need_preposition=False)

    def _first_target_after(self, token: Token, sent: Span, need_preposition: bool) -> Token | None:
        seen_preposition = not need_preposition
        for after in token.doc[token.i + 1:min(token.i + 6, sent.end)]:
            if after.lower_ in self.words.landmark_words or after.is_punct or (after.like_num and after.pos_ != "DET"):
                return None  # French "un", "une" are articles here, not numbers
            if after.lower_ in self.words.attack_targets or after.dep_ == "prep":
                seen_preposition = True
                continue
            if after.pos_ in ("NOUN", "PROPN", "ADJ") and seen_preposition and self._is_target(after):
                return after
            if after.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _is_target(self, token: Token) -> bool:
        """A place or people that can be attacked; armed men are the attackers' side."""
        return (self.words.lookup(self.words.target_nouns, token) is not None
                or self.words.people_group(token) not in (None, "unknown", "militants"))

    def _target_group(self, ctx: DocContext, target: Token) -> tuple[str, str | None] | None:
        """The group of the people at a target: a modifier or an actor beside it wins
        ("refugee camp", "UN base", "camp of the FAMa"), then the noun's own group."""
        window = target.doc[max(target.i - 2, target.sent.start):min(target.i + 4, target.sent.end)]
        phrase = target.doc[target.left_edge.i:target.right_edge.i + 1] if target.dep_ != "ROOT" else window
        actor = ctx.actor_in(max(phrase.start, window.start), min(phrase.end, window.end))
        if actor is not None and actor[1] in self.words.armed_types | {"international"}:
            group = self.words.victim_by_actor_type.get(actor[1])
            if group:
                return group, actor[0] if group != "civilians" else None
        for word in window:
            group = self.words.lookup(self.words.target_modifiers, word) if word.i != target.i else None
            if group:
                return group, None
        group = self.words.people_group(target)
        if group in (None, "unknown"):
            group = self.words.lookup(self.words.target_nouns, target)
        return (group, None) if group else None

    def losing_side(self, ctx: DocContext, trigger: Token) -> Finding | None:
        """ "L’armée malienne perd 05 hommes": the victim group and actor of the subject
        of a French loss verb, read from the words before it."""
        if self.words.lookup(self.words.loss_verbs, trigger) is None:
            return None
        before = trigger.i - 1
        while before >= trigger.sent.start and trigger.doc[before]._.lookup_form in self.words.french_fillers:
            before -= 1
        owner = ctx.index.actor_ending_at(before)
        record = ctx.doc._.kb_records.get(owner.kb_id_) if owner is not None else None
        group = self.words.victim_by_actor_type.get(record.type) if record is not None else None
        return Finding((group, record.id), "victim.french_loser") if group else None


def _joined_nouns(noun: Token, singular: set[str]) -> list[Token]:
    """Nouns coordinated with `noun` that have no number of their own ("a civilian" has:
    `singular` are the determiners that count one)."""
    return [token for token in noun.conjuncts if token.pos_ in ("NOUN", "PROPN")
            and not any(c.like_num or c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in singular)
                        for c in token.children)]


def _is_counted(noun: Token) -> bool:
    return any(c.like_num or c.dep_ == "nummod" for c in noun.children)
