"""Entity patterns for base models whose NER lacks labels the rules read: the French
models' NER has no DATE, PERCENT, MONEY, QUANTITY or TIME, so dates ("dans la nuit de
samedi à dimanche", "le 12 courant") and measures ("17 %", "15 kilomètres", which are no
tolls) come from patterns.

`data/entity_patterns/<lang>.jsonl` holds token patterns for spaCy's `entity_ruler`, one
per line with its id and source. The config's `[initialize.components.sahel_entity_patterns]`
reads them through the `sahelnlp.entity_patterns.v1` reader, so the patterns are data and
the ruler is spaCy's own.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import srsly
from spacy.util import registry

from ..errors import Errors, SahelNLPError


def entity_patterns_path(lang: str) -> Path:
    """The packaged entity patterns of a language."""
    return Path(str(resources.files("sahelnlp") / "data" / "entity_patterns" / f"{lang}.jsonl"))


@registry.readers("sahelnlp.entity_patterns.v1")
def read_entity_patterns(lang: str, path: str | None = None) -> list[dict]:
    """lang (str): the language of the packaged patterns; path (str | None): a JSONL file
    to read instead. RETURNS (list[dict]): entity ruler patterns (label, pattern, id)."""
    file = Path(path) if path else entity_patterns_path(lang)
    if not file.exists():
        raise SahelNLPError(Errors.E082.format(path=file))
    return [{key: row[key] for key in ("label", "pattern", "id") if key in row}
            for row in srsly.read_jsonl(file)]
