"""`sahelnlp train`: rebuild the attribution model's weights from the gold corpus (and
reviewed records), reproducibly: assemble the default pipeline, run `spacy train` with
configs/claims_attribution.cfg (fixed seed), keep the weights that score best on the
dev part, and copy them where the package finds them (models/claims-attribution)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import srsly

from ...errors import Errors, SahelNLPError

COMPONENT = "sahel_claim_attribution"
# each language's pipeline has its own weights, trained on its own base model's vectors
TRAINING_CONFIGS = {"en": "claims_attribution.cfg", "fr": "claims_attribution_fr.cfg"}


@dataclass(frozen=True)
class TrainingResult:
    """Where the weights went and how they scored on the dev part."""

    output: Path
    scores: dict


def default_training_config(lang: str = "en") -> Path:
    from importlib import resources

    return Path(str(resources.files("sahelnlp") / "configs" / TRAINING_CONFIGS[lang]))


def default_weights_folder(lang: str = "en") -> Path:
    """models/claims-attribution(-fr) in the repository (the package's models/ links to it)."""
    from importlib import resources

    from .component import WEIGHTS_FOLDERS

    return Path(str(resources.files("sahelnlp") / "models")).resolve() / WEIGHTS_FOLDERS[lang]


def train_attribution(gold: Path, output: Path, *, shared: Path | None = None, split: Path | None = None,
                      reviewed: list[Path] = (), config: Path | None = None, base_model: str | None = None,
                      work: Path | None = None, max_epochs: int | None = None, lang: str = "en") -> TrainingResult:
    """Train the attribution model of a language's pipeline and write its weights to `output`.

    gold: the gold corpus folder (its split.tsv decides train and dev, unless `split`).
    reviewed: output files with reviewed records (`sahelnlp import`), taught as well.
    work: where the assembled base pipeline and spaCy's output go (a temporary folder
        by default, removed after).
    """
    from spacy.cli.train import train as spacy_train

    from ...assemble import default_config_path, load_pipeline

    config = Path(config) if config else default_training_config(lang)
    if not config.is_file():
        raise SahelNLPError(Errors.E021.format(path=config))
    temporary = work is None
    work = Path(tempfile.mkdtemp(prefix="sahelnlp-train-")) if temporary else Path(work)
    try:
        work.mkdir(parents=True, exist_ok=True)
        base = work / "base"
        load_pipeline(default_config_path(lang), base_model=base_model).to_disk(base)
        overrides = {"paths.base_pipeline": str(base), "paths.gold": str(gold),
                     "paths.shared": str(shared) if shared else None,
                     "paths.split": str(split) if split else None,
                     "paths.reviewed": [str(p) for p in reviewed]}
        if max_epochs:
            overrides["training.max_epochs"] = max_epochs
        spacy_train(config, work / "trained", overrides=overrides)
        best = work / "trained" / "model-best"
        scores = (srsly.read_json(best / "meta.json").get("performance") or {})
        _install(best / COMPONENT, Path(output), scores, config, reviewed, lang)
        return TrainingResult(Path(output), scores)
    finally:
        if temporary:
            shutil.rmtree(work, ignore_errors=True)


def _install(trained: Path, output: Path, scores: dict, config: Path, reviewed: list[Path], lang: str) -> None:
    """Replace the weights in `output` by the trained ones, with a note of how they were made."""
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(trained, output)
    srsly.write_json(output / "meta.json", {
        "component": COMPONENT,
        "config": config.name,
        "reviewed_records": [Path(p).name for p in reviewed],
        "dev_scores": {k: round(v, 4) for k, v in scores.items() if isinstance(v, float) and k.startswith("attr")},
        "rebuild": "sahelnlp train --gold corpus/gold --shared ../shared" + ("" if lang == "en" else f" --lang {lang}"),
    })
