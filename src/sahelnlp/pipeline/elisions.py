"""Tokenizer rules the base models lack, added by `nlp.after_creation` callbacks.

- `sahelnlp.french_elisions.v1` (English pipeline): French elisions split off, "l’armée"
  → "l’" + "armée".
- `sahelnlp.french_compounds.v1` (French pipeline): hyphenated names kept whole.

The English tokenizer keeps "l’armée", "d’assaillants" and "d’au" whole, so French
quotes and articles hide their nouns, actors and places inside those tokens. This
`nlp.after_creation` callback adds one tokenizer prefix; names that begin with an
elision-like piece ("Côte d'Ivoire") are kept whole as special cases listed in the
config, and a capital "D’" splits only before a lower-case letter ("D’après", not
"D'Souza").
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, registry

ELISION_PREFIX = (r"(?:[dlLjJsScC]|D(?=['’][a-zà-ÿ])|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)"
                  r"['’](?=[^\W\d_])")


@registry.callbacks("sahelnlp.french_elisions.v1")
def make_french_elisions(keep_whole: list[str]) -> Callable[[Language], Language]:
    """keep_whole (list[str]): tokens never split ("d'Ivoire")."""

    def split_elisions(nlp: Language) -> Language:
        prefixes = list(nlp.Defaults.prefixes or [])
        if ELISION_PREFIX not in prefixes:
            nlp.tokenizer.prefix_search = compile_prefix_regex([ELISION_PREFIX, *prefixes]).search
        for text in keep_whole:
            nlp.tokenizer.add_special_case(text, [{"ORTH": text}])
        return nlp

    return split_elisions


@registry.callbacks("sahelnlp.french_compounds.v1")
def make_french_compounds() -> Callable[[Language], Language]:
    """The French tokenizer splits a hyphen between letters ("État-major" → "État", "-",
    "major"; "Wagner-Famas"; "Al-Qaïda"), which breaks names, actor aliases and the
    sentence ("-major déplore…" starts one). This callback drops that infix rule, so a
    hyphenated word stays whole as in the English tokenizer; the suffix rules still split
    inverted pronouns ("précise-t-il" → "précise", "-t", "-il")."""

    def keep_compounds(nlp: Language) -> Language:
        infixes = [p for p in (nlp.Defaults.infixes or []) if not _splits_letter_hyphens(p)]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        return nlp

    return keep_compounds


def _splits_letter_hyphens(pattern: str) -> bool:
    """Whether an infix pattern is spaCy's hyphen-between-letters rule."""
    return "(?:-|–|—" in pattern and pattern.startswith("(?<=[")
