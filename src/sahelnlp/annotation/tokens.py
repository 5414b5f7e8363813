"""The tokenizer of sahelnlp's pipeline, without the model: for token-based formats."""

from __future__ import annotations

from typing import Callable

import spacy
from spacy.tokens import Doc


def tokenizer() -> Callable[[str], Doc]:
    """English tokenization with the French elision rule the default config adds."""
    from ..assemble import default_config_path
    from ..pipeline.elisions import make_french_elisions

    config = spacy.util.load_config(default_config_path(), interpolate=False)
    keep = config["nlp"].get("after_creation", {}).get("keep_whole", [])
    nlp = make_french_elisions(keep_whole=list(keep))(spacy.blank("en"))
    return nlp.make_doc
