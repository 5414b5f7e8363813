"""French elisions split off by the tokenizer: "l’armée" → "l’" + "armée".

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
from spacy.util import compile_prefix_regex, registry

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
