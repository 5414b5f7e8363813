"""Resolvers that read the parties from the whole article: who holds captives, whose
losses a speaker tells, and who attacked when a claim's sentence blames no one."""

from __future__ import annotations

from ....extensions import actor_record
from .base import Article, resolver

_FORCES = ("security_forces", "foreign_forces", "peacekeepers")
# outcomes an attacker causes (an arrest is a force's act, not an attack)
_ATTACK_OUTCOMES = ("killed", "injured", "abducted", "missing", "casualties")


@resolver("captives")
def captives_of_armed_groups(article: Article) -> None:
    """Codebook: taken prisoner by a non-state group is `abducted`, by a state force
    `arrested`. Soldiers "captured" are an armed group's captives."""
    doc, non_state = article.ctx.doc, article.readers.words.non_state_types
    for claim in article.claims:
        if claim.outcome != "arrested":
            continue
        record = actor_record(doc, claim.perpetrator)
        if claim.victim in _FORCES or (record is not None and record.type in non_state):
            claim.set("outcome", "abducted", "article.captives")


@resolver("speaker_victims")
def victims_from_speaker_and_article(article: Article) -> None:
    """Victims the sentence leaves open, from who tells and who the article is about: "the
    army said it recorded two dead" counts its own, and so does "the alliance said they
    had lost nine men"; "soldiers" are the article's army;
    "13 attackers were slain" are the article's attackers."""
    doc, words = article.ctx.doc, article.readers.words
    attacker_record = actor_record(doc, article.attacker)
    for claim in article.claims:
        speaker = actor_record(doc, claim.source.actor) if claim.source else None
        if speaker is not None and claim.evidence.get("victim") == "victim.loser" and _lost_by_pronoun(article, claim):
            group = words.victim_by_actor_type.get(speaker.type)
            if group:  # "the alliance said they had lost nine men": the speaker's own
                claim.set("victim", group, "article.speaker_lost")
                claim.set("victim_actor", speaker.id, "article.speaker_lost")
        if claim.victim == "unknown" and speaker is not None and _in_own_ranks(article, claim):
            group = words.victim_by_actor_type.get(speaker.type)
            if group:  # "les rebelles ont évoqué sept morts dans leurs rangs": the speaker's own
                claim.set("victim", group, "article.speaker_own_ranks")
                claim.set("victim_actor", speaker.id, "article.speaker_own_ranks")
        if not claim.counted_noun and not claim.outcome_noun and claim.victim == "unknown" \
                and not claim.negated and claim.outcome not in ("arrested", "abducted") and (
                (speaker is not None and speaker.type in words.state_speaker_types)
                or (claim.source is not None and claim.source.kind == "government")):
            claim.set("victim", "security_forces", "article.speaker_own_losses")
        if claim.victim_actor is None and claim.victim == "security_forces" and article.army:
            claim.set("victim_actor", article.army, "article.main_force")
        elif claim.victim_actor is None and claim.victim == "militants" and attacker_record \
                and attacker_record.type not in words.state_types:
            claim.set("victim_actor", article.attacker, "article.attacker")


def _lost_by_pronoun(article: Article, claim) -> bool:
    """Whether the one who lost them is a pronoun in what the speaker says ("the alliance
    said they had lost": the loss verb is the clause of a reporting verb), who is then the
    speaker rather than whichever actor was named last; not "JNIM attacked, but they lost
    30 men", nor a quotation the speaker reports about its enemy."""
    if claim.trigger_span is None:
        return False
    trigger = article.ctx.doc.char_span(*claim.trigger_span, alignment_mode="expand")
    if trigger is None:
        return False
    verb = trigger.root
    # indirect speech after its verb ("said they had lost"); a quotation before it may
    # speak of the enemy ('"They lost thirty men," the army said')
    said = verb.head.lemma_.lower() in article.readers.words.reporting_verbs and verb.dep_ in ("ccomp", "xcomp") \
        and verb.head.i < verb.i
    return said and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children)


def _in_own_ranks(article: Article, claim) -> bool:
    """Whether the claim's sentence puts its dead in the speaker's own ranks ("in its
    ranks", "dans leurs rangs")."""
    sent = article.ctx.sentences[article.ctx.claim_sentence(claim)]
    return any(t.lemma_.lower() in article.readers.words.own_ranks_words for t in sent)


@resolver("article_perpetrators")
def perpetrators_from_article(article: Article) -> None:
    """Claims whose sentence blames no one take the article's attacker, or, for
    militants killed, the state force that speaks or acts."""
    doc, words = article.ctx.doc, article.readers.words
    for claim in article.claims:
        if claim.perpetrator or claim.aggregate or claim.negated or claim.incident:
            continue  # a recalled incident has only what its own sentence says
        if claim.victim == "militants":
            speaker = claim.source.actor if claim.source else None
            record = actor_record(doc, speaker)
            if record and record.type in words.state_types:
                claim.set("perpetrator", speaker, "article.speaking_force")
            elif article.army:
                claim.set("perpetrator", article.army, "article.main_force")
        elif (means := _means_of(article, claim)) == "no_author":
            continue  # a mine or an accident that the sentence blames on no one
        elif means == "air" and article.army and claim.victim != "security_forces":
            claim.set("perpetrator", article.army, "article.air_strikes")
        elif article.attacker and article.attacker != claim.victim_actor:
            claim.set("perpetrator", article.attacker, "article.attacker")
        elif article.attacker is None and article.unnamed_attacker and claim.outcome in _ATTACK_OUTCOMES:
            claim.set("perpetrator", article.unnamed_attacker, "article.unnamed_attacker")


def _means_of(article: Article, claim) -> str | None:
    """How the claim's sentence says the harm was done, when that decides who did it:
    "air" (air and drone strikes: the state's), "no_author" (a mine, an accident)."""
    words = article.readers.words
    sentence = article.ctx.sentences[article.ctx.claim_sentence(claim)]
    found = {words.lookup(words.harm_means, token) for token in sentence}
    text = f" {' '.join(t.lower_ for t in sentence)} "
    found |= {means for phrase, means in words.harm_phrases.items() if f" {phrase} " in text}
    return next((means for means in ("no_author", "air") if means in found), None)
