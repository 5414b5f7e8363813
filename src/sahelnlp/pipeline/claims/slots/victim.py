"""The victim slot: the group a number counts and the actor the victims belong to
(codebook section 1, `victim` and `victim_actor`), read from the counted noun and its
own modifiers, then from what the sentence says about the same people."""

from __future__ import annotations

from spacy.tokens import Token

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
        groups = {group} | {self._group_of(ctx, other)[0] for other in _joined_nouns(noun)}
        groups.discard("unknown")
        if len(groups) > 1:
            return Finding(("mixed", None), "victim.joined_nouns")
        among = self._among(trigger) if trigger is not None and not groups else None
        if among is not None and among.i != noun.i:  # "two people were hurt among the passengers"
            return Finding(self.read(ctx, among).value, "victim.among")
        return Finding((group or "unknown", actor[0] if actor else None), rule)

    def _without_noun(self, ctx: DocContext, trigger: Token | None) -> Finding:
        """A bare number or an outcome noun: the people of an "among" phrase, or those the
        sentence says were attacked."""
        if trigger is None:
            return UNKNOWN
        among = self._among(trigger)
        if among is not None:
            return Finding(self.read(ctx, among).value, "victim.among")
        attacked = self._attacked_people(trigger)
        if attacked is not None:
            return Finding(self.read(ctx, attacked).value, "victim.attacked_people")
        return UNKNOWN

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
            for child in noun.children:  # "people, mostly women and children"
                if child.dep_ in ("appos", "prep", "acl"):
                    found = next((self.words.victim_nouns[t.lemma_.lower()] for t in child.subtree
                                  if self.words.victim_nouns.get(t.lemma_.lower(), "unknown") != "unknown"), None)
                    group = found or group
        return group or "unknown", actor

    def losing_side(self, ctx: DocContext, trigger: Token) -> Finding | None:
        """ "L’armée malienne perd 05 hommes": the victim group and actor of the subject
        of a French loss verb, read from the words before it."""
        if trigger._.lookup_form not in self.words.french_loss_verbs:
            return None
        before = trigger.i - 1
        while before >= trigger.sent.start and trigger.doc[before]._.lookup_form in self.words.french_fillers:
            before -= 1
        owner = ctx.index.actor_ending_at(before)
        record = ctx.doc._.kb_records.get(owner.kb_id_) if owner is not None else None
        group = self.words.victim_by_actor_type.get(record.type) if record is not None else None
        return Finding((group, record.id), "victim.french_loser") if group else None


def _joined_nouns(noun: Token) -> list[Token]:
    """Nouns coordinated with `noun` that have no number of their own."""
    return [token for token in noun.conjuncts if token.pos_ in ("NOUN", "PROPN")
            and not any(c.like_num or c.dep_ == "nummod" for c in token.children)]


def _is_counted(noun: Token) -> bool:
    return any(c.like_num or c.dep_ == "nummod" for c in noun.children)
