"""The source slot: who states a number (codebook section 1, `source`) — the speaker of a
reporting verb or an "according to" phrase, a document that speaks for its issuer, the
speaker of a quotation named in the next sentence; in French, read from the words."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span, Token

from ....extensions import ACTOR_PREFIX, actor_record
from ..context import DocContext
from ..dependencies import UD_AGENT
from ..lexicon import ClaimLexicon
from ..types import Finding, Source

_QUOTES = "\"“«'‘"


class SourceReader:
    """The source of a claim from its sentence, its neighbours and the speaker before."""

    def __init__(self, words: ClaimLexicon, look_back_sentences: int = 1) -> None:
        self.words = words
        self.look_back_sentences = look_back_sentences
        self._looking_back = False

    def read(self, ctx: DocContext, number: int, trigger: Token, previous: Source | None,
             french: bool) -> Finding | None:
        """Finding(Source, rule) for a claim in sentence `number` told by `trigger`.

        previous: the source of the claim before, which a pronoun or a document refers to.
        french: whether the claim is read by the French pipeline (then French words decide first).
        """
        sent = ctx.sentences[number]
        if french:  # the words ("selon X", the speaker by a reporting word) first, then the parse
            found = self.french(ctx, sent, previous) or self.parsed(ctx, sent, trigger, previous)
        else:
            found = self.parsed(ctx, sent, trigger, previous)
        return (found
                or self._quoted(ctx, number, previous)
                or self._continued(ctx, number, previous)
                or self._headline_tag(ctx, number))

    def parsed(self, ctx: DocContext, sent: Span, trigger: Token, previous: Source | None) -> Finding | None:
        """The speaker of a reporting verb or "according to" phrase governing the claim.
        A relay ("…, according to Reuters", "according to a translation by SITE") gives
        way to the speaker it relays; bare "according to reports" names no one."""
        according = self._according_to(sent)
        if according is not None and self._quoting(according, trigger):
            according = None  # 'X said that "according to sources, …"': X speaks
        relayed = according is not None and self._relay(according)
        if according is not None and not relayed and not self._issuerless(according):
            return Finding(self._speaker(ctx, according, previous), "source.according_to")
        subjects = self._reporting_subjects(sent, trigger, relayed)
        if not relayed and any(self._relay(s) for s in subjects):  # "X claimed …, SITE said"
            relayed = True
            subjects = self._reporting_subjects(sent, trigger, relayed)
        if relayed and any(not self._relay(s) for s in subjects):
            subjects = [s for s in subjects if not self._relay(s)]
        if not subjects:
            return Finding(self._speaker(ctx, according, previous), "source.according_to") if relayed else None
        # "MINUSMA said it had confirmed the deaths…": the outer speaker names the inner "it"
        named = [s for s in subjects if s.pos_ != "PRON"]
        speaker = named[0] if subjects[0].pos_ == "PRON" and named else subjects[0]
        return Finding(self._speaker(ctx, speaker, previous), "source.relayed" if relayed else "source.reporting_verb")

    @staticmethod
    def _according_to(sent: Span) -> Token | None:
        """The object of the sentence's first "according to"."""
        doc = sent.doc
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                return next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
        return None

    def _quoting(self, according: Token, trigger: Token) -> bool:
        """Whether an "according to" phrase stands inside the clause a named speaker says
        (not a phrase on the reporting verb itself: "X claimed …, according to sources")."""
        below = according
        for verb in according.ancestors:
            if below.dep_ in ("ccomp", "xcomp") and self._reports(verb) and self._subject(verb, trigger) is not None:
                return True
            below = verb
        return False

    def _relay(self, head: Token) -> bool:
        """A news agency or translator that passes on someone else's words."""
        return any(t.lower_ in self.words.relay_words for t in speaker_span(head))

    def _issuerless(self, head: Token) -> bool:
        """"According to reports": a report with no issuer (codebook: hearsay, null)."""
        return head.lower_ in self.words.issuerless_reports and not any(
            c.dep_ in ("det", "amod", "compound", "poss", "prep") for c in head.children)

    def _reporting_subjects(self, sent: Span, trigger: Token, relayed: bool = False) -> list[Token]:
        """Subjects (or agents) of the reporting verbs over the trigger, else of the
        sentence's, that do not hold the trigger itself."""
        verbs = [a for a in [trigger, *trigger.ancestors] if self._reports(a) and self._tells(a, trigger, relayed)]
        if not verbs:
            verbs = [t for t in sent if t.pos_ == "VERB" and self._reports(t) and self._tells(t, trigger, relayed)]
        subjects = []
        for verb in verbs:
            subject = self._subject(verb, trigger)
            if subject is not None:
                subjects.append(subject)
        return subjects

    def _tells(self, verb: Token, trigger: Token, relayed: bool) -> bool:
        """Whether a reporting verb tells the claim's figure: not when negated ("never
        claimed"), nor a claim of responsibility for an attack whose toll stands in a
        relative clause ("claimed an attack that killed 40": the writer's toll), unless a
        relay passes the whole claim on."""
        if any(c.dep_ == "neg" for c in verb.children):
            return False
        if relayed or not any(c.lemma_.lower() in self.words.responsibility_words for c in verb.subtree):
            return True
        path = [trigger, *[a for a in trigger.ancestors if a.i != verb.i and verb in a.ancestors]]
        return not any(t.dep_ == "relcl" for t in path)

    def _subject(self, verb: Token, trigger: Token) -> Token | None:
        """The speaker of a reporting verb that does not hold the trigger: a subject, the
        agent of a passive, or a speaker the parser hung as an apposition just before a
        clause-final verb ("…, including 11 children, a spokesman for the group said.")."""
        outside = [c for c in verb.children if not c.left_edge.i <= trigger.i <= c.right_edge.i]
        subject = next((c for c in outside if c.dep_ == "nsubj"), None)
        if subject is None:
            agent = next((c for c in outside if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subject is None:  # a French passive's agent: "… a été annoncé par l’armée" (UD obl:agent)
            subject = next((c for c in outside if c.dep_ == UD_AGENT), None)
        if subject is not None and subject.lower_ in self.words.relative_pronouns and verb.dep_ == "relcl":
            subject = verb.head  # "Colonel X, who said …": the speaker is who the clause is about
        return subject if subject is not None else _apposed_speaker(verb)
    def _reports(self, verb: Token) -> bool:
        """A reporting verb, not "claimed the lives of"."""
        return verb.lemma_.lower() in self.words.reporting_verbs and not any(
            c.lemma_.lower() in self.words.life_nouns for c in verb.children)

    def french(self, ctx: DocContext, sent: Span, previous: Source | None) -> Finding | None:
        """The source of a French sentence, read from its words: "selon l’État-major",
        "l’État-major déplore…", "a annoncé ce mardi le ministère…", "Il fait état…".
        None in the English pipeline, whose lexicon has no French words."""
        if self.words.lang == "en":
            return None
        forms = [t._.lookup_form for t in sent]
        return self.french_phrase(ctx, sent, previous, forms) or self.french_verbs(ctx, sent, previous, forms)

    def french_phrase(self, ctx: DocContext, sent: Span, previous: Source | None,
                      forms: list[str]) -> Finding | None:
        """The speaker after "selon", "d’après", "de source…" (`forms`: the sentence's lookup forms)."""
        for i in range(len(forms)):
            for phrase in self.words.french_source_phrases:
                if tuple(forms[i:i + len(phrase)]) == phrase:
                    found = self._selon(ctx, sent.start + i + len(phrase), previous)
                    return Finding(found, "source.french_phrase") if found else None
        return None

    def french_verbs(self, ctx: DocContext, sent: Span, previous: Source | None,
                     forms: list[str]) -> Finding | None:
        """The speaker next to a French reporting word, read from the words around it."""
        verbs = [sent.start + i for i, form in enumerate(forms) if form in self.words.french_reporting]
        # a named speaker of any reporting word first, then a speaker named by a role
        found = next((f for f in (self._french_reporter(ctx, sent, v, previous) for v in verbs) if f), None)
        return found or next((f for f in (self._french_roles(ctx, sent, v) for v in verbs) if f), None)

    def _french_reporter(self, ctx: DocContext, sent: Span, verb: int, previous: Source | None) -> Finding | None:
        """The speaker of a French reporting word: a pronoun's antecedent, the actor just
        before it, or the actor just after it ("a annoncé le ministère")."""
        doc = ctx.doc
        if doc[verb]._.lookup_form in self.words.french_relays:
            return self._french_relayed(ctx, sent, verb)
        before = verb - 1
        while before >= sent.start and doc[before]._.lookup_form in self.words.french_fillers:
            before -= 1
        if (before >= sent.start and doc[before].lower_ in self.words.french_pronouns
                or self._inverted_pronoun(doc, verb)):
            found = previous or _named(ctx.speaker_before(before))
            return Finding(found, "source.french_pronoun") if found else None
        subject = ctx.index.actor_ending_at(before)
        if subject is not None:
            return Finding(self._party_named(ctx, subject, self._without_article(subject)), "source.french_verb")
        after = next((e for e, _ in ctx.index.actors_within(verb + 1, verb + 7) if e.end <= sent.end), None)
        if after is not None:
            return Finding(self._party_named(ctx, after, self._without_article(after)), "source.french_verb")
        return None

    def _inverted_pronoun(self, doc: Doc, verb: int) -> bool:
        """An inverted pronoun after the verb ("poursuit-on", "précise-t-il")."""
        after = [w for w in (t.lower_.lstrip("-") for t in doc[verb + 1:verb + 5]) if w and w != "t"]
        # "précise-t-il": "-", "t", "-", "il" (English tokenizer) or "-t", "-il" (French)
        return doc[verb + 1:verb + 2].text.startswith("-") and bool(after) and after[0] in self.words.french_inverted

    def _french_roles(self, ctx: DocContext, sent: Span, verb: int) -> Finding | None:
        """An anonymous speaker of a French reporting word, named before it or after it."""
        before = verb - 1
        while before >= sent.start and ctx.doc[before]._.lookup_form in self.words.french_fillers:
            before -= 1
        found = self._french_role(ctx, sent, before) or self._french_role(ctx, sent, verb + 1, forward=True)
        return Finding(found, "source.french_role") if found else None

    def _french_relayed(self, ctx: DocContext, sent: Span, verb: int) -> Finding | None:
        """The speaker a relay learnt from: the words after "de" ("a appris l’AFP de
        sources sécuritaires", "a appris Anadolu des autorités locales")."""
        start = next((t.i + 1 for t in ctx.doc[verb + 1:sent.end]
                      if t._.lookup_form in self.words.french_relay_from), None)
        found = self._words_after(ctx, start) if start is not None and start < sent.end else None
        return Finding(found, "source.french_relay") if found else None

    def _french_role(self, ctx: DocContext, sent: Span, edge: int, forward: bool = False) -> Source | None:
        """An anonymous speaker named by its role next to a French reporting word: the
        words before it back to a clause break ("une source sécuritaire a confirmé"), or
        after it to a punctuation ("ont rapporté mardi les médias locaux")."""
        doc = ctx.doc
        step, limit = (1, sent.end) if forward else (-1, sent.start - 1)
        while edge != limit and forward and doc[edge]._.lookup_form in self.words.french_fillers:
            edge += 1
        end = edge
        while (end != limit and abs(end - edge) < 8 and not doc[end].is_punct
               and doc[end]._.lookup_form not in self.words.french_breaks):
            end += step
        words = doc[edge:end] if forward else doc[end + 1:edge + 1]
        if not len(words):
            return None
        span = self._without_article(words)
        party = self._described_party(ctx, span[0], span)
        if party is not None:  # "les séparatistes affirment" → the rebel group named before
            return Source.of(span, actor=party)
        kind = self.kind_of(span)
        if kind == "other" and not any(t._.lookup_form in self.words.french_anonymous for t in span):
            return None
        return Source.of(span, kind=kind)

    def _selon(self, ctx: DocContext, start: int, previous: Source | None) -> Source | None:
        """The speaker after "selon": "cette source" is the one who spoke before; "un bilan
        fourni par X" is X (a document, not "les sources citées par l’AFP")."""
        doc = ctx.doc
        if start < len(doc) and doc[start]._.lookup_form in self.words.french_demonstratives and previous:
            return previous
        words = self._without_article(doc[start:min(start + 8, len(doc))])
        if not len(words) or words[0]._.lookup_form not in self.words.french_documents:
            return self._words_after(ctx, start)
        by = next((t.i for t in words if t.is_punct and not t.is_quote
                   or t._.lookup_form in self.words.french_by), None)
        if by is not None and doc[by]._.lookup_form in self.words.french_by and by + 1 < len(doc):
            return self._words_after(ctx, by + 1)
        return self._words_after(ctx, start)

    def _words_after(self, ctx: DocContext, start: int) -> Source | None:
        """The speaker named by the words after "selon": up to eight words, to a punctuation."""
        doc = ctx.doc
        end = start
        while end < len(doc) and end - start < 8 and not (doc[end].is_punct and not doc[end].is_quote
                                                          and doc[end].text not in "-–"):
            end += 1
        if end == start:
            return None
        span = self._without_article(doc[start:end])
        actor = ctx.actor_in(span.start, span.end)
        if actor is not None and not self._local_government(span, actor[1]):
            return Source.of(span, actor=self.party_of(ctx, span, actor[0]))
        return Source.of(span, kind=self.kind_of(span))

    def _without_article(self, span: Span) -> Span:
        """The span without a leading French article or elided "l’" ("le ministère" → "ministère")."""
        start = span.start
        while start < span.end - 1 and span.doc[start]._.lookup_form in self.words.french_articles:
            start += 1
        return span.doc[start:span.end]

    def _speaker(self, ctx: DocContext, head: Token, previous: Source | None) -> Source:
        """The source a speaker's head word names: an actor, a role, or, for a pronoun or a
        document ("It said", "the statement said"), the one who spoke before."""
        # "the statement", "its report", "a ministry statement"; not bare "local reports"
        stands_for_speaker = (head.lemma_.lower() in self.words.speaker_documents
                              and any(c.dep_ in ("det", "poss") for c in head.children)
                              and not any(ctx.actor_in(t.i, t.i + 1) for t in head.subtree))
        pronoun = head.lower_.lstrip("-")  # French inverted "-on", "-il"
        if stands_for_speaker or head.pos_ == "PRON" and pronoun in self.words.speaker_pronouns:
            found = self._antecedent(ctx, head, previous)
            if found is not None:
                return found
        span = speaker_span(head)
        actor = ctx.actor_in(span.start, span.end)
        words = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
        if (actor is not None and not words & self.words.anonymous  # "military sources" speak for no one
                and not self._local_government(span, actor[1])):
            return Source.of(span, actor=self.party_of(ctx, span, actor[0]))
        if actor is None and not words & self.words.anonymous:
            antecedent = self._described_party(ctx, head)
            if antecedent is not None:
                return Source.of(span, actor=antecedent)
        return Source.of(span, kind=self.kind_of(span))

    def _described_party(self, ctx: DocContext, head: Token, french: Span | None = None) -> str | None:
        """The party a definite description stands for: "the separatists", "the rebel
        alliance", "the mission", "the spokesman", "les séparatistes" → the last actor
        named before of a type the head word fits (gold: dp:82229, e142, e019, e023,
        dp:81740, fr052). French words: the first noun of `french`, after its article."""
        if french is not None:
            types = self.words.described_parties.get(head._.lookup_form)
            definite = head.i > french.doc[0].i and french.doc[head.i - 1]._.lookup_form in self.words.french_definite
        else:
            types = self.words.described_parties.get(head.lemma_.lower()) or self.words.described_parties.get(head.lower_)
            determiners = [c for c in head.children if c.dep_ in ("det", "poss")]
            definite = (any(c.lower_ in self.words.definite_determiners for c in determiners)
                        or not determiners and head.tag_ in ("NNS", "NNPS"))  # "Tuareg rebels said"
        if not types or not (definite or head.lemma_.lower() in self.words.titles_of_parties):
            return None
        before = next((record.id for _, record in ctx.index.actors_before(head.i) if record.type in types), None)
        return before or next((record.id for mention, record in ctx.index.actors
                               if mention.start > head.i and record.type in types), None)

    def _antecedent(self, ctx: DocContext, head: Token, previous: Source | None) -> Source | None:
        """Who a pronoun or a document stands for: a person ("he said") is the last speaker
        named; a document or "it" the last party that spoke."""
        if head.lower_ in self.words.person_pronouns:
            return (self._told_before(ctx, ctx.sentence_number(head.i)) or previous
                    or _named(ctx.speaker_before(head.i)))
        # "it" is no person: a person speaking before gives way to the last party named
        person = previous is not None and head.lower_ == "it" and previous.kind in self.words.person_kinds
        return ((None if person else previous) or _named(ctx.speaker_before(head.i)) or previous
                or self._told_before(ctx, ctx.sentence_number(head.i)))

    def _told_before(self, ctx: DocContext, number: int) -> Source | None:
        """The speaker the sentence before names ("…, a regional official said. He added…"),
        looked for once, not through a chain of pronouns."""
        if self._looking_back:
            return None
        self._looking_back = True
        try:
            found = self._told_in(ctx, number - 1, None) or self._told_in(ctx, number - 2, None)
        finally:
            self._looking_back = False
        return found.value if found is not None else None

    def _local_government(self, span: Span, actor_type: str) -> bool:
        """"Local authorities" linked to the government are local officials (gold convention)."""
        return actor_type == "government" and any(t.lower_ in self.words.place_kind_modifiers for t in span)

    def _party_named(self, ctx: DocContext, mention: Span, words: Span) -> Source:
        """The source an actor mention names, written as `words`, as the party it speaks for."""
        return Source.of(words, actor=self.party_of(ctx, words, mention.kb_id_[len(ACTOR_PREFIX):]))

    def party_of(self, ctx: DocContext, words: Span, actor: str) -> str:
        """The party a speaker's actor speaks for: a named person's party ("government
        spokesman X" → the government), a defence ministry's army (codebook gold
        convention: "the defence ministry said" → the country's army)."""
        record = _record(ctx.doc, actor)
        if record is not None and record.type == "person" and record.parent:
            actor = record.parent
        if actor in self.words.defence_forces and self._defence_speaker(ctx.doc, words):
            return self.words.defence_forces[actor]
        return actor

    def _defence_speaker(self, doc: Doc, words: Span) -> bool:
        """Whether the speaker's words are a defence ministry or minister: they say so, or
        they are a bare "the ministry" and the last ministry named before was the defence one."""
        lowers = {t.lower_ for t in words}
        if lowers & self.words.defence_words:
            return True
        if not lowers & self.words.ministry_words:
            return False
        before = next((t.i for t in reversed(doc[:words.start]) if t.lower_ in self.words.ministry_words), None)
        return before is not None and any(
            t.lower_ in self.words.defence_words for t in doc[max(0, before - 4):before + 5])

    def kind_of(self, span: Span) -> str:
        """The codebook role of an anonymous speaker, from its head noun and modifiers."""
        head = span.root
        # the head's own modifiers speak first: "a security official", "local authorities"
        modifiers = [t for t in head.children if t.dep_ in ("amod", "compound") and t.i < head.i]
        candidates = modifiers + [head] + [t for t in span if t.i != head.i and t not in modifiers]
        if self.words.lookup(self.words.place_kind_heads, head):  # "local sources": "local" names no role
            candidates = [t for t in candidates if t.lower_ not in self.words.place_kind_modifiers]
        for token in candidates:
            kind = self.words.lookup(self.words.source_kinds, token)
            if kind:
                return kind
        return "other"

    def _quoted(self, ctx: DocContext, number: int, previous: Source | None) -> Finding | None:
        """A quotation's speaker named in a neighbouring sentence ("…," the army said.)."""
        sentences = ctx.sentences
        if not sentences[number].text.lstrip()[:1] in _QUOTES:
            return None
        for offset in range(1, self.look_back_sentences + 1):
            for neighbour in (number + offset, number - offset):
                found = self._told_in(ctx, neighbour, previous)
                if found is not None:
                    return Finding(found.value, "source.quote_neighbour")
        return None

    def _headline_tag(self, ctx: DocContext, number: int) -> Finding | None:
        """A headline's closing tag names its source: "…: Local Sources", "… (security)"
        (gold c002#0, e141#0, e115#0). Only a short tag of a known role or actor counts."""
        if ctx.paragraphs[number] != 0:
            return None
        sent = ctx.sentences[number]
        tokens = [t for t in sent if not t.is_space]
        if len(tokens) > 2 and tokens[-1].text == ")":
            opening = next((t.i for t in reversed(tokens[:-1]) if t.text == "("), None)
            tag = ctx.doc[opening + 1:tokens[-1].i] if opening is not None else None
        else:
            colon = next((t.i for t in reversed(tokens) if t.text == ":"), None)
            tag = ctx.doc[colon + 1:tokens[-1].i + 1] if colon is not None else None
        if tag is None or not 0 < len(tag) <= self.words.headline_tag_words:
            return None
        actor = ctx.actor_in(tag.start, tag.end)
        found = Source.of(tag, actor=actor[0]) if actor else Source.of(tag, kind=self.kind_of(tag))
        return Finding(found, "source.headline_tag") if found.actor or found.kind != "other" or any(
            t.lower_ in self.words.anonymous for t in tag) else None

    def _continued(self, ctx: DocContext, number: int, previous: Source | None) -> Finding | None:
        """A sentence with no marker that continues the account the sentence before
        attributes keeps its speaker (gold convention: lists after a communiqué,
        quotations running over several sentences)."""
        if number == 0 or not self._continues(ctx, number):
            return None
        found = self._told_in(ctx, number - 1, previous)
        return Finding(found.value, "source.continued") if found is not None else None

    @staticmethod
    def _continues(ctx: DocContext, number: int) -> bool:
        """Whether a sentence goes on with the one before: a list after a colon, or a
        quotation the sentence before opened and this one closes or carries on."""
        before, sent = ctx.sentences[number - 1].text.rstrip(), ctx.sentences[number].text.strip()
        if before.endswith(":"):
            return True
        opened = sum(before.count(q) for q in "“«") > sum(before.count(q) for q in "”»") or before.count('"') % 2 == 1
        return opened and sent[:1] not in _QUOTES

    def _told_in(self, ctx: DocContext, number: int, previous: Source | None) -> Finding | None:
        """The speaker a sentence's own reporting words name, if any."""
        if not 0 <= number < len(ctx.sentences):
            return None
        other = ctx.sentences[number]
        found = self.french(ctx, other, previous)
        if found is None:
            verb = next((t for t in other if t.lemma_.lower() in self.words.reporting_verbs
                         and t.pos_ == "VERB"), None)
            found = self.parsed(ctx, other, verb, previous) if verb is not None else None
        return found

    def is_party_claim(self, ctx: DocContext, source: Source | None) -> bool:
        """Codebook `claimed`: an armed party (or its government) speaking on the record."""
        if source is None:
            return False
        if source.actor:
            record = _record(ctx.doc, source.actor)
            return bool(record and record.type in self.words.party_types)
        return source.kind == "government"


def _named(mention: Span | None, words: Span | None = None) -> Source | None:
    """The source an actor mention names, written as `words` (the mention itself by default)."""
    if mention is None:
        return None
    return Source.of(words if words is not None else mention, actor=mention.kb_id_[len(ACTOR_PREFIX):])


def _record(doc: Doc, actor: str):
    """The actor's record on the doc, else in the packaged actor KB (a party a named
    person speaks for need not be named in the article)."""
    return actor_record(doc, actor) or _packaged_actors().get(actor)


@cache
def _packaged_actors():
    from ...actors.kb import ActorKB

    return ActorKB.from_dir()


def _apposed_speaker(verb: Token) -> Token | None:
    """The apposition that ends right before a subjectless clause-final verb."""
    doc = verb.doc
    if verb.i == 0 or verb.i + 1 < len(doc) and not doc[verb.i + 1].is_punct:
        return None
    token = doc[verb.i - 1]
    while token.dep_ in ("pobj", "prep", "compound", "amod") and token.head.i < token.i:
        token = token.head
    return token if token.dep_ == "appos" and token.pos_ in ("NOUN", "PROPN") else None


def speaker_span(head: Token) -> Span:
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
