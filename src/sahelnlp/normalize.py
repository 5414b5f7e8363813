"""Name normalization shared by the actor and place knowledge bases.

Two spellings that a reader would call the same name fold to the same key:
case, diacritics, apostrophe and hyphen variants, and spacing are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘ʼʻ`´′"
_DASHES = "-‐‑‒–—―"
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Fold a name to its matching key: "Jamâ’ah Nusrah" → "jamaah nusrah".

    text (str): a name as written.
    RETURNS (str): lower-case ASCII-ish key, apostrophes dropped, hyphens and
        other punctuation turned into single spaces.
    """
    stripped = strip_diacritics(text)
    for ch in _APOSTROPHES:
        stripped = stripped.replace(ch, "")
    for ch in _DASHES:
        stripped = stripped.replace(ch, " ")
    stripped = _NON_WORD.sub(" ", stripped.lower())
    return _SPACES.sub(" ", stripped).strip()


_SURROGATES = re.compile("[\ud800-\udfff]")


def strip_diacritics(text: str) -> str:
    """"Ménaka" → "Menaka": letters without their combining marks."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def scrub_surrogates(text: str) -> str:
    """Unpaired surrogates (half an emoji from a broken JSON escape) become U+FFFD.

    One character for one, so offsets into the text still hold.
    """
    return _SURROGATES.sub("\ufffd", text) if text else text


def squash(text: str) -> str:
    """The folded key without spaces: "Tin Zaouatine" and "Tinzaouatine" meet here."""
    return fold(text).replace(" ", "")


def slug(name: str) -> str:
    """Codebook id slug of a canonical name: "IS Sahel" → "is-sahel"."""
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(name).lower()).strip("-")


def is_possessive(token) -> bool:
    """The "'s" token of "Mali's", with either apostrophe."""
    return token.text in ("'s", "’s")


def is_latin(text: str) -> bool:
    """True when every letter of `text` is Latin script (drops Cyrillic, Arabic… names)."""
    for ch in text:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


_ELISION = re.compile(r"^(?:d|l|qu|j|n|s|c|m|t|jusqu|lorsqu|puisqu)['’](?=\w)", re.IGNORECASE)


_ELIDED = {"d": "de", "l": "le", "qu": "que", "j": "je", "s": "se", "c": "ce", "n": "ne",
           "m": "me", "t": "te", "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque"}


def unelide(word: str) -> str:
    """French elided article or preposition dropped: "d’assaillants" → "assaillants".

    The English tokenizer keeps "d’au" and "l’armée" whole, so word lookups strip it.
    """
    return _ELISION.sub("", word)


@lru_cache(maxsize=200_000)
def french_base(word: str) -> str:
    """A French word's lookup form: lower case, no elision, no plural ending, no
    feminine ending of a participle ("tuées" → "tué", "d’assaillants" → "assaillant").

    Lexicon entries go through the same function, so irregular words ("décès",
    "corps") still meet their own inflections.
    """
    word = word.lower()
    if word[-1:] in _APOSTROPHES and word[:-1] in _ELIDED:  # the tokenizer's "d’", "l’"
        return _ELIDED[word[:-1]]
    base = unelide(word)
    if len(base) > 3 and base[-1] in "sx":
        base = base[:-1]
    if base.endswith("ée"):
        base = base[:-1]
    return base


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop word list of a language, read from its own file: importing the
    language package would build its tokenizer exceptions too (two seconds for French)."""
    import importlib.util
    from pathlib import Path

    import spacy

    path = Path(spacy.__file__).parent / "lang" / lang / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"sahelnlp._stop_words_{lang}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)
