"""One run, several languages: each article goes to its language's pipeline.

A `LanguageRouter` holds, per language, a pipeline or the `PipelineSpec` to build it,
and builds each on first use: a run of English articles never loads the French model.
A router made from one pipeline (`LanguageRouter.single`) hands that pipeline every
article, whatever its language — what `--config`, `--model` and `--pipeline` mean.
Routers pickle (spawned worker processes, Dask tasks): a built pipeline travels as its
config and bytes, a spec as itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Callable, Mapping

from spacy.language import Language

from .about import __version__
from .assemble import DEFAULT_CONFIGS, PipelineSpec, default_config_path
from .errors import Errors, SahelNLPError

ANY = "*"  # the key of a pipeline that reads every language

Pipeline = Language | PipelineSpec


def pipeline_info(nlp: Language) -> dict:
    """The `pipeline` block of every record: versions of the code and its data."""
    info = {"version": __version__,
            "model": nlp.meta.get("sahelnlp", {}).get("base_model"),
            "gazetteer": None, "lexicon": None}
    if "sahel_places" in nlp.pipe_names:
        info["gazetteer"] = nlp.get_pipe("sahel_places").gazetteer.version
    if "sahel_actors" in nlp.pipe_names:
        info["lexicon"] = nlp.get_pipe("sahel_actors").kb.version
    return info


def unread_info() -> dict:
    """The `pipeline` block of a record no pipeline read (an input that failed to read)."""
    return {"version": __version__, "model": None, "gazetteer": None, "lexicon": None}


class LanguageRouter:
    """The pipeline of each language, built on first use.

    pipelines (Mapping[str, Language | PipelineSpec]): by language code, or ANY for one
        pipeline that reads every language.
    announce (Callable | None): called with (lang, nlp) when a pipeline is built.
    """

    def __init__(self, pipelines: Mapping[str, Pipeline],
                 announce: Callable[[str, Language], None] | None = None) -> None:
        self._specs = {k: p for k, p in pipelines.items() if isinstance(p, PipelineSpec)}
        self._built = {k: p for k, p in pipelines.items() if isinstance(p, Language)}
        self._info: dict[str, dict] = {}
        self.announce = announce

    @classmethod
    def packaged(cls, rules_only: bool = False,
                 announce: Callable[[str, Language], None] | None = None) -> "LanguageRouter":
        """The packaged pipeline of every language the tool reads (assemble.DEFAULT_CONFIGS)."""
        return cls({lang: PipelineSpec(config=str(default_config_path(lang)), rules_only=rules_only)
                    for lang in DEFAULT_CONFIGS}, announce)

    @classmethod
    def single(cls, pipeline: Pipeline) -> "LanguageRouter":
        """One pipeline for every article, whatever its language."""
        return cls({ANY: pipeline})

    @property
    def languages(self) -> list[str]:
        """The keys this router has a pipeline for (ANY for one that reads everything)."""
        return list(dict.fromkeys([*self._built, *self._specs]))

    @property
    def built(self) -> dict[str, Language]:
        return dict(self._built)

    def reads(self, lang: str) -> bool:
        """Whether one of the router's pipelines reads `lang`."""
        return any(key in self._built or key in self._specs for key in (lang, ANY))

    def key_for(self, lang: str) -> str:
        """The key whose pipeline reads `lang`."""
        if lang in self._built or lang in self._specs:
            return lang
        if ANY in self._built or ANY in self._specs:
            return ANY
        raise SahelNLPError(Errors.E137.format(lang=lang, langs=", ".join(self.languages)))

    def for_lang(self, lang: str) -> Language:
        """The pipeline that reads `lang`, built now if it was not yet."""
        key = self.key_for(lang)
        if key not in self._built:
            self._built[key] = self._specs[key].load()
            if self.announce is not None:
                self.announce(key, self._built[key])
        return self._built[key]

    def info(self, lang: str) -> dict:
        """The `pipeline` block of the records `lang`'s pipeline reads."""
        key = self.key_for(lang)
        if key not in self._info:
            self._info[key] = pipeline_info(self.for_lang(lang))
        return self._info[key]

    def info_if_built(self, lang: str | None) -> dict:
        """`info(lang)` when that pipeline is built; else the block of an unread record."""
        try:
            key = self.key_for(lang) if lang else ANY
        except SahelNLPError:
            return unread_info()
        return self.info(lang or ANY) if key in self._built else unread_info()

    def cache_key(self) -> tuple:
        """What identifies this router's pipelines, for a per-worker cache of routers."""
        specs = tuple(sorted(self._specs.items()))
        # a built pipeline by its config, not its identity: a Dask task unpickles a new
        # object each time, and a cache keyed by identity would keep one pipeline per task
        built = tuple(sorted((k, hashlib.sha1(nlp.config.to_str().encode()).hexdigest())
                             for k, nlp in self._built.items()))
        return specs, built

    def copy(self) -> "LanguageRouter":
        """A router of the same pipelines that builds its own copy of each unbuilt one."""
        return LanguageRouter({**self._specs, **self._built}, self.announce)

    def describe(self) -> dict:
        """What each key's pipeline is, for a run's manifest: its spec, or the base model
        of a pipeline that was given built."""
        described: dict = {k: dataclasses.asdict(spec) for k, spec in self._specs.items()}
        for k, nlp in self._built.items():
            described.setdefault(k, {"built": pipeline_info(nlp)["model"]})
        return described

    def __getstate__(self) -> dict:
        built = {k: (nlp.config, nlp.to_bytes()) for k, nlp in self._built.items()}
        return {"specs": self._specs, "built": built}

    def __setstate__(self, state: dict) -> None:
        from spacy.util import load_model_from_config

        self._specs = state["specs"]
        self._built = {k: load_model_from_config(config, auto_fill=False).from_bytes(data)
                       for k, (config, data) in state["built"].items()}
        self._info = {}
        self.announce = None


def as_router(nlp: Pipeline | LanguageRouter) -> LanguageRouter:
    """A router as given, or one that sends every article to the pipeline (or spec) given."""
    return nlp if isinstance(nlp, LanguageRouter) else LanguageRouter.single(nlp)
