"""Quantities: the words that state how many, read into value / low / high.

Works on tokens, not the parse, since modifiers ("at least", "between … and …")
sit in front of the number whatever the parser made of them. Number words are
read with `text2num`; the modifier and vague-quantity tables come from the
claims lexicon (data/claims/lexicon/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from ...normalize import unelide

if TYPE_CHECKING:
    from .context import EntityIndex
    from .lexicon import ClaimLexicon

MEASURE_ENTS = {"TIME", "MONEY", "PERCENT", "ORDINAL"}  # NER labels that never count people

# no-break spaces between digit groups, which the tokenizer keeps as tokens of their own
_NARROW_SPACES = frozenset("\u00a0\u202f")
_DIGITS = re.compile(r"^\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+$|^\d+$")


@dataclass(frozen=True)
class Quantity:
    """A stated number of people (codebook section 1 `quantity`)."""

    text: str
    value: int | None
    low: int | None
    high: int | None
    approximate: bool
    start: int  # token offsets in the doc, end exclusive
    end: int
    head: int  # the token that carries the number (or the vague word)
    # characters of an elided French word glued to the first token ("d’" of "d’au moins
    # onze"): not part of the quantity's text
    lead: int = 0

    def as_dict(self) -> dict:
        return {"text": self.text, "value": self.value, "low": self.low,
                "high": self.high, "approximate": self.approximate}


class QuantityReader:
    """Finds and reads quantity expressions with the lexicon's tables."""

    def __init__(self, lexicon: dict, lang: str | None = None) -> None:
        """lexicon: the merged claims lexicon; lang: the language whose number words are
        read ("onze", "twenty-one"), None: English and French."""
        self.languages = (lang,) if lang else ("en", "fr")
        self.modifiers = _phrases(lexicon["quantity_modifiers"])
        self.vague = _phrases(lexicon["vague_quantities"])
        self.number_words = _phrases(lexicon["number_words"])
        self.approximate_numbers = _phrases(lexicon["approximate_numbers"])
        self.french_numbers = frozenset(lexicon["french_numbers"])
        self.singular_dets = set(lexicon["singular_determiners"])
        self.negators = _phrases({n: 0 for n in lexicon["negators"]})
        self.number_links = frozenset(lexicon["number_links"])
        self.linked_units = frozenset(lexicon["linked_units"])
        self._cache: dict[int, frozenset[str]] = {}
        self._max_len = max(len(k) for table in (self.modifiers, self.vague, self.number_words,
                                                       self.approximate_numbers) for k in table)
        # the words a phrase of each table can end on: most tokens end none
        self._last_words = {k[-1] for table in (self.vague, self.number_words, self.negators,
                                                        self.approximate_numbers) for k in table}

    def _table_last_words(self, table: dict) -> frozenset[str]:
        key = id(table)
        if key not in self._cache:
            self._cache[key] = _last_words_of(table)
        return self._cache[key]

    def may_start_here(self, token: Token) -> bool:
        """Cheap test: could a quantity end at this token?"""
        return token.like_num or token.lower_ in self._last_words or token.lower_ in self.french_numbers or (
            "-" in token.text and any(ch.isalpha() for ch in token.text))

    def number_value(self, token: Token) -> int | None:
        """The integer a single token states, or None."""
        text = token.text.replace("\u2019", "'")
        if _DIGITS.match(text):
            return int(re.sub(r"\D", "", text))
        if not token.like_num and "-" not in text and token.lower_ not in self.french_numbers:
            return None
        return self._words_value(text)

    def _words_value(self, text: str) -> int | None:
        for lang in self.languages:
            try:
                return int(text2num(text.lower(), lang))
            except (ValueError, TypeError):
                continue
        return None

    def read(self, doc: Doc | Span, i: int) -> Quantity | None:
        """The quantity whose number (or vague word) ends at token `i`, with its modifiers;
        a number written over several tokens from `i` on ("one hundred and twenty",
        "deux mille", "2 000") is read whole."""
        doc = doc.doc if isinstance(doc, Span) else doc
        run = self._run_from(doc, i)
        if run is not None:
            end, value = run
            return self._with_modifiers(doc, i, end + 1, value, head=end)
        token = doc[i]
        phrase = self._phrase_ending_at(doc, i, self.number_words)
        vague = self._phrase_ending_at(doc, i, self.vague)
        if phrase and vague and vague[0] < phrase[0]:  # "several dozen" over "dozen"
            phrase = None
        if phrase:
            start, value = phrase
            return self._with_modifiers(doc, start, i + 1, value, head=i)
        approximate = self._phrase_ending_at(doc, i, self.approximate_numbers)
        if approximate:  # "une vingtaine": about twenty
            start, value = approximate
            return _quantity(doc, start, i + 1, value, value, value, True, i)
        value = self.number_value(token)
        if value is not None:
            return self._number(doc, i, value)
        if vague:
            start, floor = vague
            return _quantity(doc, start, i + 1, None, floor, None, False, i)
        phrase = self._phrase_ending_at(doc, i, self.negators)
        if phrase:
            start, _ = phrase
            return _quantity(doc, start, i + 1, 0, 0, 0, False, i)
        return None

    def _run_from(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """(last token, value) of a number that starts at token i and runs over several
        tokens: number words joined by spaces, hyphens, "and" or "et" ("one hundred and
        twenty", "quatre-vingt-deux", "vingt et un"), or digit groups ("2 000", "12 500").
        The longest run `text2num` reads wins; None when the number is one token."""
        ends = self._run_ends(doc, i)
        for end in reversed(ends):
            text = doc[i:end + 1].text
            value = int(re.sub(r"\D", "", text)) if doc[i].is_digit else self._words_value(text)
            if value is not None:
                return end, value
        return None

    def _run_ends(self, doc: Doc, i: int) -> list[int]:
        """The tokens after i at which a multi-token number could end, in order."""
        if doc[i].is_digit:
            return _digit_group_ends(doc, i)
        return self._word_ends(doc, i) if self._number_word(doc[i]) else []

    def _word_ends(self, doc: Doc, i: int) -> list[int]:
        """Number words joined by spaces, hyphens or a link word ("and", "et un", "-un")."""
        ends: list[int] = []
        j = i
        while j + 1 < len(doc):
            nxt = doc[j + 1]
            after = doc[j + 2] if j + 2 < len(doc) else None
            if self._number_word(nxt) or nxt.lower_ in self.linked_units:  # "neuf cent un"
                j += 1
            elif after is not None and (self._number_word(after) or after.lower_ in self.linked_units) and (
                    nxt.lower_ in self.number_links
                    or (nxt.text == "-" and not doc[j].whitespace_ and not nxt.whitespace_)):
                j += 2
            else:
                break
            ends.append(j)
        return ends

    def _number_word(self, token: Token) -> bool:
        # "vingt-deux" is one token to the French tokenizer
        alpha = token.is_alpha or ("-" in token.text and token.text.replace("-", "").isalpha())
        return alpha and (token.like_num or unelide(token.lower_) in self.french_numbers
                          or all(part in self.french_numbers for part in token.lower_.split("-")))

    def singular(self, doc: Doc, noun: Token) -> Quantity | None:
        """"a gendarme", "one soldier": the determiner of a singular noun as a quantity of 1."""
        for child in noun.lefts:
            if child.lower_ in self.singular_dets and child.dep_ in ("det", "nummod") and _singular_noun(noun):
                return Quantity(child.text, 1, 1, 1, False, child.i, child.i + 1, child.i)
        return None

    def _number(self, doc: Doc, i: int, value: int) -> Quantity:
        start = i
        # number words the tokenizer split at a hyphen: "twenty - one"
        if i >= 2 and doc[i - 1].text == "-" and not doc[i].is_digit:
            joined = self._words_value(f"{doc[i - 2].text}-{doc[i].text}")
            if joined is not None:
                start, value = i - 2, joined
        # ranges: "between 10 and 15", "10 to 15", "10-15"
        left = doc[i - 1].lower_ if i > 0 else ""
        if i + 2 < len(doc) and doc[i + 1].lower_ in ("to", "and", "-", "or") and doc[i + 2].like_num \
                and left != "from":  # "rose from 12 to 19" is an old toll and a new one
            high = self.number_value(doc[i + 2])
            if high is not None and high > value and (doc[i + 1].lower_ != "and" or left == "between"):
                start = i - 1 if left == "between" else i
                return _quantity(doc, start, i + 3, None, value, high, False, i)
        return self._with_modifiers(doc, start, i + 1, value, head=i)

    def _with_modifiers(self, doc: Doc, start: int, end: int, value: int, *,
                        head: int) -> Quantity:
        low, high, approx = value, value, False
        found = self._phrase_ending_at(doc, start - 1, self.modifiers) if start > 0 else None
        if found:
            mod_start, kind = found
            start = mod_start
            if kind == "min":
                low, high = value, None
            elif kind == "above":
                low, high = value + 1, None
            elif kind == "max":
                low, high = None, value
            elif kind == "below":
                low, high = None, value - 1
            elif kind == "near":
                low, high, approx = None, value, True
            elif kind == "approx":
                approx = True
        return _quantity(doc, start, end, value, low, high, approx, head)

    def _phrase_ending_at(self, doc: Doc, i: int, table: dict[tuple[str, ...], object]):
        """The longest phrase of `table` that ends at token i: (start, value) or None."""
        if i < 0 or doc[i].lower_ not in self._table_last_words(table):
            return None
        for length in range(min(self._max_len, i + 1), 0, -1):
            words = tuple(unelide(t.lower_) for t in doc[i - length + 1:i + 1])
            if words in table:
                return i - length + 1, table[words]
        return None


def quantities_in(sent: Span, reader: QuantityReader, index: "EntityIndex",
                  words: "ClaimLexicon") -> list[Quantity]:
    """Every quantity expression in a sentence, left to right, not overlapping: numbers
    and vague words that are no date or measure, and identified persons ("a gendarme")."""
    doc = sent.doc
    found: list[Quantity] = []
    consumed = -1
    for token in sent:
        if token.i <= consumed:
            continue
        quantity = None
        after_month = token.i > 0 and doc[token.i - 1].lower_.rstrip(".") in words.date_words
        if reader.may_start_here(token) and not after_month and not _is_date_or_measure(
                token, index, words.units, words.date_words):
            quantity = reader.read(doc, token.i)
        if quantity is None and token.pos_ == "NOUN" and token.lemma_.lower() in words.victim_nouns:
            quantity = reader.singular(doc, token) or _identified_person(token, words)
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


def _identified_person(noun: Token, words: "ClaimLexicon") -> Quantity | None:
    """ "assassinated the village chief", "his wife was shot", "the pilot died": a person
    the text singles out by a definite or possessive determiner, as the object of an
    outcome verb or the subject of a verb of dying, is a claim of 1 (codebook section 1,
    identified persons)."""
    verb = noun.head.lemma_.lower()
    if noun.tag_ != "NN" or not ((noun.dep_ in ("dobj", "nsubjpass") and verb in words.verb_outcome)
                                 or (noun.dep_ == "nsubj" and verb in words.subject_verb_outcome)):
        return None
    determiner = next((c for c in noun.lefts if c.dep_ in ("det", "poss") and c.lower_ in words.person_determiners),
                      None)
    if determiner is None:
        return None
    return Quantity(determiner.text, 1, 1, 1, False, determiner.i, determiner.i + 1, determiner.i)


def _singular_noun(noun: Token) -> bool:
    """A noun in the singular: the English tags say it (NN, NNP), the French morphology too."""
    return noun.tag_ in ("NN", "NNP") or (noun.pos_ in ("NOUN", "PROPN") and noun.morph.get("Number") == ["Sing"])


def _is_date_or_measure(token: Token, index: "EntityIndex", units: set[str], date_words: set[str]) -> bool:
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


def _digit_group_ends(doc: Doc, i: int) -> list[int]:
    """Groups of three digits after a number of one to three, across a space or a
    no-break space: "2 000", "12 500 000"."""
    ends: list[int] = []
    if len(doc[i]) > 3:
        return ends
    j = i
    while j + 1 < len(doc):
        gap = j + 2 if doc[j + 1].text in _NARROW_SPACES and not doc[j].whitespace_ else j + 1
        if gap < len(doc) and doc[gap].is_digit and len(doc[gap]) == 3 and (
                gap == j + 2 or doc[j].whitespace_ == " "):
            j = gap
            ends.append(j)
        else:
            break
    return ends


def _quantity(doc: Doc, start: int, end: int, value: int | None, low: int | None,
              high: int | None, approximate: bool, head: int) -> Quantity:
    """A Quantity over doc[start:end], without an elided word glued to its first token."""
    first = doc[start].text
    lead = len(first) - len(unelide(first))
    text = doc[start:end].text[lead:]
    return Quantity(text, value, low, high, approximate, start, end, head, lead)


def _last_words_of(table: dict) -> frozenset[str]:
    return frozenset(k[-1] for k in table)


def _phrases(table: dict) -> dict[tuple[str, ...], object]:
    return {tuple(str(key).lower().split()): value for key, value in table.items()}
