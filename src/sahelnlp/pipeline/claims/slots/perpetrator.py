"""The perpetrator slot: the actor the text holds responsible (codebook section 1,
`perpetrator`) — the agent or active subject of the killing verb or of the attack it hangs
on, or the armed actor the sentence blames ("an attack claimed by JNIM", "suspected
jihadists", "une attaque de terroristes présumés")."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from ..context import DocContext
from ..dependencies import AGENTS, PASSIVE_SUBJECTS, UD_AGENT
from ..lexicon import ClaimLexicon
from ..types import Finding, Source

GENERIC = "generic"  # the actor type of "gunmen", "jihadists" with no name (codebook section 2)
# dependencies along which a verb hands its subject down to the verb of the killing
_CLIMB = ("advcl", "xcomp", "conj", "relcl", "acl")


class PerpetratorReader:
    """The actor a sentence holds responsible for a claim's outcome."""

    def __init__(self, words: ClaimLexicon) -> None:
        self.words = words

    def read(self, ctx: DocContext, sent: Span, trigger: Token, anchor: Token, exclude: set[str],
             source: Source | None, french: bool) -> Finding | None:
        """Finding(actor id, rule), or None when the sentence blames no one.

        exclude: actors that cannot be the perpetrator (the victims' own).
        french: whether the claim is read by the French pipeline (then French blame words decide first).
        """
        if french:
            found = self._blamed_in_french_words(ctx, sent, exclude)
            if found:
                return Finding(found, "perpetrator.french_words")
        verb: Token | None = trigger
        came_from = trigger
        for _ in range(3):  # the trigger, then the verbs it hangs on (advcl, xcomp, conj)
            if verb is None:
                break
            lemma = verb.lemma_.lower()
            if lemma in self.words.reporting_verbs:
                if verb.i != trigger.i and self._speaker_did(came_from, source, exclude):
                    return Finding(source.actor, "perpetrator.speaker_did")
                break  # "the army reported five dead": the army tells, it does not kill
            if lemma in self.words.loss_verbs:
                break  # "the army said it had lost nine men": the loser, not the killer
            found = self._doer_of(ctx, verb, anchor, exclude, source)
            if found:
                return Finding(found, "perpetrator.doer")
            came_from = verb
            verb = verb.head if verb.dep_ in _CLIMB else None
        head = trigger.head
        if trigger.dep_ in ("obj", "dobj", "obl:arg") and head.lemma_.lower() in self.words.causing_verbs:
            found = self._doer_of(ctx, head, anchor, exclude, source)
            if found:  # "Boko Haram a fait 291 morts", "l'attaque du JNIM a causé 12 morts"
                return Finding(found, "perpetrator.caused")
        actors = list(ctx.actor_ents(sent))
        blamed = next((self._named_beside(actors, ent, record, exclude) for ent, record in actors
                       if record.id not in exclude and record.type in self.words.armed_types and self.blamed(ent)),
                      None)
        return Finding(blamed, "perpetrator.blamed_in_sentence") if blamed else None

    def _speaker_did(self, below: Token, source: Source | None, exclude: set[str]) -> bool:
        """ "les séparatistes affirment avoir tué des dizaines de soldats": an infinitive
        with no subject of its own under a reporting verb is done by the speaker."""
        return (below.dep_ == "xcomp" and source is not None and bool(source.actor)
                and source.actor not in exclude
                and not any(c.dep_ in ("nsubj", *PASSIVE_SUBJECTS) for c in below.children))

    def first_blamed(self, ctx: DocContext) -> str | None:
        """The first armed actor the article blames for an attack."""
        return next((record.id for ent, record in ctx.actor_ents()
                     if record.type in self.words.blamable_types and self.blamed(ent)), None)

    def main_force(self, ctx: DocContext) -> str | None:
        """The state or foreign force the article names most."""
        counts = Counter(record.id for _, record in ctx.actor_ents() if record.type == "state_forces")
        return max(counts, key=counts.get) if counts else None

    def _doer_of(self, ctx: DocContext, verb: Token, anchor: Token, exclude: set[str],
                 source: Source | None) -> str | None:
        """The actor a verb's agent or active subject names ("JNIM ambushed…", "killed by
        gunmen"); "it"/"they" of a party's own statement is the party."""
        for child in verb.children:
            if child.dep_ in AGENTS:  # "killed by gunmen", "tués par des hommes armés"
                actor = ctx.actor_in(child.i, child.right_edge.i + 1)
                if actor and actor[0] not in exclude:
                    return actor[0]
            if child.dep_ == "nsubj" and child.i != anchor.i and not (
                    child.left_edge.i <= anchor.i <= child.right_edge.i):
                actor = ctx.actor_in(child.left_edge.i, child.right_edge.i + 1)
                if actor and actor[0] not in exclude:
                    return actor[0]
                if child.pos_ == "PRON" and source is not None and source.actor and child.lower_ in ("it", "they", "we"):
                    return source.actor
        return None

    def _blamed_in_french_words(self, ctx: DocContext, sent: Span, exclude: set[str]) -> str | None:
        """The armed actor a French sentence blames: one named within four words after
        "par", "attaque", "embuscade"… or followed by "présumés"."""
        actors = list(ctx.actor_ents(sent))
        for ent, record in actors:
            if record.type in self.words.blamable_types and record.id not in exclude and self._french_blame(ent):
                return self._named_beside(actors, ent, record, exclude)
        return None

    def _named_beside(self, actors: list, ent: Span, record, exclude: set[str]) -> str:
        """ "le groupe terroriste Boko Haram", "the jihadist group JNIM": a generic actor
        right beside a named armed one stands for it."""
        if record.type != GENERIC:
            return record.id
        for other, other_record in actors:
            if (other_record.type != GENERIC and other_record.type in self.words.blamable_types
                    and other_record.id not in exclude and 0 <= other.start - ent.end <= 1):
                return other_record.id
        return record.id

    def _french_blame(self, ent: Span) -> bool:
        doc = ent.doc
        around = doc[max(ent.sent.start, ent.start - 4):min(ent.sent.end, ent.end + 1)]
        return any(t._.lookup_form in self.words.french_blame for t in around)

    def blamed(self, ent: Span) -> bool:
        """Whether an actor mention is the subject or author of an attack in its sentence."""
        suspect = self.words.suspect_words
        if any(t.lower_ in suspect for t in ent) or (ent.start and ent.doc[ent.start - 1].lower_ in suspect):
            return True
        if self.words.lang != "en" and self._french_blame(ent):
            return True
        token = ent.root
        for _ in range(4):  # climb out of "Fighters of the al-Qaeda-linked JNIM"
            head = token.head
            lemma = head.lemma_.lower()
            if token.dep_ == "nsubj" and self._blaming(lemma):
                return True  # "JNIM claimed the attack", "gunmen stormed…", "jihadists killed…"
            if token.dep_ == "pobj" and head.dep_ in ("agent", "prep") and self._blames_by_preposition(head):
                return True
            if token.dep_ == UD_AGENT and self._blaming(lemma):
                return True  # UD: "une attaque menée par des hommes armés", "revendiquée par le JNIM"
            if token.dep_ in ("compound", "amod", "nmod", "poss") and lemma in self.words.attack_words:
                return True
            if token.dep_ not in ("pobj", "prep", "compound", "appos", "amod") or head.i == token.i:
                return False
            token = head
        return False

    def _blaming(self, lemma: str) -> bool:
        """Whether a word's subject or agent is blamed: an attack, an outcome or a blame verb."""
        return lemma in self.words.attack_words or lemma in self.words.verb_outcome or lemma in self.words.blame_verbs

    def _blames_by_preposition(self, prep: Token) -> bool:
        """ "an attack by JNIM", "claimed by JNIM", "blamed on jihadists" — but an "ambush
        on an army convoy" names the target."""
        governor = prep.head.lemma_.lower()
        if prep.lower_ == "by" and governor in self.words.blame_verbs | self.words.attack_words:
            return True
        return prep.lower_ in ("on", "to") and governor in self.words.blame_verbs
