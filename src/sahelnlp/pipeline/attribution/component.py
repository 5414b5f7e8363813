"""`sahel_claim_attribution`: a trained model that decides, for each claim the rules
found, its victim group, its `claimed` and `aggregate` flags, and which candidate is its
perpetrator, its source and its victim actor (in the manner of a relation classifier over
claim–mention pairs). The rules stay the candidate generators, the features and the
fallback: without weights the component passes docs through and the rules decide alone.

Train it with `sahelnlp train` (`spacy train configs/claims_attribution.cfg` on the gold
corpus); the weights it writes to `models/claims-attribution` ship with the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy
import srsly
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch, registry
from thinc.api import Model

from ...codebook import VICTIM_GROUPS
from ...errors import Errors, SahelNLPError
from ...extensions import place_record, register_extensions
from ..claims.article.base import Article
from ..claims.context import DocContext
from ..claims.types import Claim
from . import candidates as cands
from .features import FeatureBuilder, VectorGetter, doc_tensor
from .model import CHOICE_SLOTS, CLASS_SLOTS, SLOTS, Rows

MODEL_RULE = "model.attribution"
# `claimed` follows from the source (a party on the record, codebook section 1): it is
# recomputed from the source the model picks rather than decided apart
DEFAULT_SLOTS = ("victim", "aggregate", "perpetrator", "source", "victim_actor", "place")
GOLD_KEY = "sahelnlp_gold_claims"  # reference docs carry their gold claims here (user_data)


@registry.misc("sahelnlp.doc_tensor.v1")
def make_doc_tensor() -> VectorGetter:
    """Token vectors from `doc.tensor` (the base model's tok2vec)."""
    return doc_tensor


@Language.factory(
    "sahel_claim_attribution",
    default_config={
        "model": {"@architectures": "sahelnlp.AttributionScorer.v1", "hidden_width": 64, "dropout": 0.2},
        "vectors": {"@misc": "sahelnlp.doc_tensor.v1"},
        "claims_component": "sahel_claims",
        "slots": list(DEFAULT_SLOTS),
        "rule_prior": 2.0,
    },
    assigns=["doc._.claims"],
    requires=["doc._.claims"],
    default_score_weights={"attribution_acc": 1.0, "attr_victim_acc": 0.0, "attr_perpetrator_acc": 0.0,
                           "attr_source_acc": 0.0, "attr_victim_actor_acc": 0.0, "attr_place_acc": 0.0,
                           "attr_aggregate_acc": 0.0},
)
def make_claim_attribution(nlp: Language, name: str, model: Model, vectors: VectorGetter,
                           claims_component: str, slots: list[str], rule_prior: float) -> "ClaimAttribution":
    return ClaimAttribution(nlp, model, name, vectors=vectors, claims_component=claims_component, slots=slots,
                            rule_prior=rule_prior)


@dataclass
class Decision:
    """One slot of one claim to decide: its rows in the slot's matrix, the candidates
    (choice slots) or labels (class slots) they stand for, and the rules' pick."""

    claim: Claim
    slot: str
    rows: tuple[int, int]
    options: list
    rule_key: str
    target: int | None = None
    claim_doc: Doc | None = None


class ClaimAttribution(TrainablePipe):
    """Decides the attribution slots of the rules' claims with a trained model."""

    def __init__(self, nlp: Language, model: Model, name: str = "sahel_claim_attribution", *,
                 vectors: VectorGetter = doc_tensor, claims_component: str = "sahel_claims",
                 slots: list[str] | None = None, rule_prior: float = 2.0) -> None:
        """rule_prior: added to the score of the rules' own pick, so that the model keeps
        it unless its evidence outweighs the rules' (0: the model decides alone)."""
        register_extensions()
        self.nlp = nlp
        self.vocab = nlp.vocab
        self.model = model
        self.name = name
        self.vectors = vectors
        slots = list(DEFAULT_SLOTS if slots is None else slots)
        unknown = sorted(set(slots) - set(SLOTS))
        if unknown:
            raise SahelNLPError(Errors.E006.format(slots=", ".join(unknown), choices=", ".join(SLOTS)))
        self.cfg = {"claims_component": claims_component, "slots": slots, "width": None,
                    "active": False, "rule_prior": rule_prior}

    # -- running -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.cfg["active"] and doc._.claims:
            self.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Docs in batches: one pass of the model over the claims of a whole batch."""
        for batch in minibatch(stream, size=batch_size):
            docs = list(batch)
            with_claims = [doc for doc in docs if doc._.claims] if self.cfg["active"] else []
            if with_claims:
                self.set_annotations(with_claims, self.predict(with_claims))
            yield from docs

    def predict(self, docs: Iterable[Doc]) -> tuple[list[Decision], Rows]:
        decisions, rows = self._decisions(list(docs))
        return decisions, (self.model.predict(rows) if decisions else {})

    def set_annotations(self, docs: Iterable[Doc], predictions: tuple[list[Decision], Rows]) -> None:
        decisions, scores = predictions
        readers = self._readers() if decisions else None
        for decision in decisions:
            logits = self._logits(decision, scores)
            _apply(decision, int(logits.argmax()))
            if decision.slot == "source" and "claimed" not in self.cfg["slots"]:
                ctx = DocContext(decision.claim_doc, readers.words)
                claimed = readers.source.is_party_claim(ctx, decision.claim.source)
                if claimed != decision.claim.claimed:
                    decision.claim.set("claimed", claimed, MODEL_RULE)

    def _logits(self, decision: Decision, scores: Rows) -> numpy.ndarray:
        """A decision's scores, one per option, with the rules' pick raised by the prior."""
        start, end = decision.rows
        values = self.model.ops.to_numpy(scores[decision.slot][start:end])
        logits = (values[:, 0] if decision.slot in CHOICE_SLOTS else values[0]).astype("f", copy=True)
        keys = [c.key for c in decision.options] if decision.slot in CHOICE_SLOTS else [str(o) for o in decision.options]
        if decision.rule_key in keys:
            logits[keys.index(decision.rule_key)] += self.cfg.get("rule_prior", 0.0)
        return logits

    # -- decisions and their rows ------------------------------------------------------
    def _readers(self):
        return self.nlp.get_pipe(self.cfg["claims_component"]).extraction.readers

    def _decisions(self, docs: list[Doc], gold: list[list[dict]] | None = None) -> tuple[list[Decision], Rows]:
        """Every slot of every claim of the docs, with its feature rows (and its target,
        when gold claims are given)."""
        readers = self._readers()
        decisions: list[Decision] = []
        rows: dict[str, list[numpy.ndarray]] = {slot: [] for slot in self.cfg["slots"]}
        sizes = dict.fromkeys(self.cfg["slots"], 0)
        for index, doc in enumerate(docs):
            if not doc._.claims:
                continue
            ctx = DocContext(doc, readers.words)
            builder = FeatureBuilder(Article(ctx, doc._.claims, readers), self.vectors(doc), self.cfg["width"])
            targets = _gold_matches(doc._.claims, gold[index]) if gold is not None else {}
            for number, claim in enumerate(doc._.claims):
                site = cands.ClaimSite.of(ctx, claim)
                for decision, block in self._claim_decisions(ctx, site, builder, readers):
                    decision.claim_doc = doc
                    decision.rows = (sizes[decision.slot], sizes[decision.slot] + len(block))
                    sizes[decision.slot] += len(block)
                    rows[decision.slot].append(block)
                    if number in targets:
                        decision.target = _target(decision, targets[number])
                    decisions.append(decision)
        stacked = {slot: self.model.ops.asarray2f(numpy.vstack(blocks)) for slot, blocks in rows.items() if blocks}
        return decisions, stacked

    def _claim_decisions(self, ctx: DocContext, site: cands.ClaimSite, builder: FeatureBuilder, readers):
        claim, slots = site.claim, self.cfg["slots"]
        if any(slot in CLASS_SLOTS for slot in slots):
            row = builder.claim_row(site)[None, :]
            for slot, options, rule in (("victim", list(VICTIM_GROUPS), claim.victim),
                                        ("claimed", [False, True], claim.claimed),
                                        ("aggregate", [False, True], claim.aggregate)):
                if slot in slots:
                    yield Decision(claim, slot, (0, 0), options, str(rule)), row
        for slot, generate, rule_key in (
                ("perpetrator", cands.perpetrator_candidates, cands.actor_key(claim.perpetrator)),
                ("source", cands.source_candidates, cands.source_key(claim.source)),
                ("victim_actor", cands.victim_actor_candidates, cands.actor_key(claim.victim_actor)),
                ("place", cands.place_candidates, claim.place or cands.NONE)):
            if slot in slots:
                options = generate(ctx, site, readers)
                yield Decision(claim, slot, (0, 0), options, rule_key), \
                    builder.candidate_rows(site, slot, options, rule_key)

    # -- training ----------------------------------------------------------------------
    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        decisions, rows = self._decisions([eg.predicted for eg in examples],
                                          [eg.reference.user_data.get(GOLD_KEY, []) for eg in examples])
        if not any(d.target is not None for d in decisions):
            return losses
        scores, backprop = self.model.begin_update(rows)
        loss, gradients = self.get_loss(examples, (decisions, scores))
        backprop(gradients)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], predictions: tuple[list[Decision], Rows]):
        """Cross-entropy of each decision that has a target: over a class slot's labels,
        over a choice slot's candidates."""
        decisions, scores = predictions
        gradients = {slot: numpy.zeros_like(self.model.ops.to_numpy(value)) for slot, value in scores.items()}
        taught = [d for d in decisions if d.target is not None]
        loss = 0.0
        for decision in taught:
            start, end = decision.rows
            probs = _softmax(self._logits(decision, scores))
            loss -= float(numpy.log(probs[decision.target] + 1e-9))
            probs[decision.target] -= 1.0
            grad = probs / len(taught)
            if decision.slot in CHOICE_SLOTS:
                gradients[decision.slot][start:end, 0] = grad
            else:
                gradients[decision.slot][start] = grad
        return loss / max(len(taught), 1), {s: self.model.ops.asarray2f(g) for s, g in gradients.items()}

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, weights: str | None = None, from_scratch: bool = False) -> None:
        """from_scratch: build fresh weights from the examples (training); else load
        `weights` (a folder written by `sahelnlp train`; None: the packaged one), and when
        there are none, leave the rules alone."""
        if not from_scratch:
            folder = Path(weights) if weights else packaged_weights(self.nlp.lang)
            if folder is not None and (folder / "cfg").is_file():
                self.from_disk(folder)
            return
        docs = _annotated_samples(get_examples, nlp or self.nlp, self.name)
        probe = next((self.vectors(doc) for doc in docs if len(doc)), None)
        self.cfg["width"] = int(probe.shape[1]) if probe is not None and probe.ndim == 2 else 0
        _, rows = self._decisions(docs)
        self.model.initialize(X=rows)
        self.cfg["active"] = True

    def score(self, examples: Iterable[Example], **kwargs) -> dict[str, float]:
        """Accuracy of each slot on the claims that match a gold claim, and their mean."""
        right = dict.fromkeys(self.cfg["slots"], 0)
        total = dict.fromkeys(self.cfg["slots"], 0)
        for eg in examples:
            claims = eg.predicted._.claims
            for number, gold in _gold_matches(claims, eg.reference.user_data.get(GOLD_KEY, [])).items():
                for slot in self.cfg["slots"]:
                    total[slot] += 1
                    if slot == "place":
                        right[slot] += _same_place(eg.predicted, claims[number].place, gold.get("place"))
                    else:
                        right[slot] += slot_key(slot, claims[number]) == gold_slot_key(slot, gold)
        scores = {f"attr_{slot}_acc": right[slot] / total[slot] if total[slot] else None for slot in total}
        known = [v for v in scores.values() if v is not None]
        scores["attribution_acc"] = sum(known) / len(known) if known else None
        return scores

    # -- serialization -----------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)
        if self.cfg["active"]:
            self.model.to_disk(path / "model")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "ClaimAttribution":
        path = Path(path)
        self._take_cfg(srsly.read_json(path / "cfg"))
        if self.cfg["active"]:
            self.model.from_disk(path / "model")
        return self

    def _take_cfg(self, saved: dict) -> None:
        """The saved settings, but the slots the pipeline's config asks for, among those
        the weights were trained on: a config may leave a trained slot to the rules."""
        wanted = self.cfg["slots"]
        self.cfg.update(saved)
        self.cfg["slots"] = [slot for slot in wanted if slot in saved.get("slots", wanted)]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        model = self.model.to_bytes() if self.cfg["active"] else b""
        return srsly.msgpack_dumps({"cfg": self.cfg, "model": model})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "ClaimAttribution":
        loaded = srsly.msgpack_loads(data)
        self._take_cfg(loaded["cfg"])
        if self.cfg["active"]:
            self.model.from_bytes(loaded["model"])
        return self


WEIGHTS_FOLDERS = {"en": "claims-attribution", "fr": "claims-attribution-fr"}


def packaged_weights(lang: str = "en") -> Path | None:
    """The weights shipped with the package for a language's pipeline (models/
    claims-attribution, models/claims-attribution-fr), if any: each pipeline's model reads
    its own base model's vectors, so each language has its own weights."""
    from importlib import resources

    name = WEIGHTS_FOLDERS.get(lang)
    folder = Path(str(resources.files("sahelnlp") / "models" / name)) if name else None
    return folder if folder is not None and folder.is_dir() else None


def slot_key(slot: str, claim: Claim):
    """A claim's value of a slot, as the gold is compared."""
    if slot == "source":
        return cands.source_key(claim.source)
    if slot in ("perpetrator", "victim_actor"):
        return cands.actor_key(getattr(claim, slot))
    return getattr(claim, slot)


def gold_slot_key(slot: str, gold: dict):
    """A gold claim's value of a slot, as candidates are keyed."""
    if slot == "source":
        source = gold.get("source")
        if not source:
            return cands.NONE
        return source["actor"] if source.get("actor") else f"kind:{source.get('kind') or 'other'}"
    if slot in ("perpetrator", "victim_actor"):
        return cands.actor_key(gold.get(slot))
    return gold.get(slot)


def _gold_matches(claims: list[Claim], gold: list[dict]) -> dict[int, dict]:
    """Claim number -> the gold claim it matches (same outcome and value, nearest)."""
    from ...evaluation.metrics import match_claims

    predicted = [claim.as_dict() for claim in claims]
    pairs, _, _ = match_claims(gold, predicted)
    position = {id(record): number for number, record in enumerate(predicted)}
    return {position[id(record)]: gold_claim for gold_claim, record in pairs}


def _target(decision: Decision, gold: dict) -> int | None:
    """The option the gold picks, or None when no option is the gold's."""
    if decision.slot == "place":
        return next((number for number, option in enumerate(decision.options)
                     if _same_place(decision.claim_doc, option.value, gold.get("place"))), None)
    wanted = gold_slot_key(decision.slot, gold)
    keys = [c.key for c in decision.options] if decision.slot in CHOICE_SLOTS else decision.options
    return keys.index(wanted) if wanted in keys else None


def _same_place(doc: Doc, place: str | None, gold: dict | None) -> bool:
    """Whether a place id names the gold's place, as `sahelnlp evaluate` judges it."""
    from ...evaluation.metrics import place_right

    record = place_record(doc, place)
    if gold is None or record is None:
        return gold is None and record is None
    return place_right(gold, record._asdict())


def _apply(decision: Decision, pick: int) -> None:
    """Write the model's pick into the claim where it differs from the rules'."""
    claim, slot = decision.claim, decision.slot
    if slot in CHOICE_SLOTS:
        candidate = decision.options[pick]
        if candidate.key != decision.rule_key:
            claim.set(slot, candidate.value, MODEL_RULE)
    elif str(decision.options[pick]) != decision.rule_key:
        claim.set(slot, decision.options[pick], MODEL_RULE)
    if claim.victim == "civilians" and claim.victim_actor is not None:
        claim.set("victim_actor", None, MODEL_RULE)  # civilians have no victim actor (codebook)
    if slot == "aggregate" and claim.aggregate and claim.event_date is not None:
        claim.set("event_date", None, MODEL_RULE)  # a sum of many events has no one day


def _softmax(logits: numpy.ndarray) -> numpy.ndarray:
    shifted = numpy.exp(logits - logits.max())
    return shifted / shifted.sum()


def _annotated_samples(get_examples, nlp: Language, name: str, limit: int = 20) -> list[Doc]:
    """A few example docs run through the components before this one: to size the model."""
    docs = []
    for eg in list(get_examples())[:limit]:
        doc = nlp.make_doc(eg.predicted.text)
        doc._.published = eg.predicted._.published
        for component in nlp.component_names:
            if component == name:
                break
            doc = nlp.get_pipe(component)(doc)
        docs.append(doc)
    return docs
