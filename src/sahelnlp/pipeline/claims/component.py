"""`sahel_claims`: casualty claims (codebook section 1) into `doc._.claims`.

Needs the parse, the NER, and the actor and place links set by `sahel_actors`
and `sahel_places` earlier in the pipeline. The work is done by `extract.py`
(quantities → proposers → slot readers → article resolvers); this module is its spaCy
shell: factory, config, data loading and serialization.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..base import GuardedComponent
from ...errors import Errors, SahelNLPError
from ...extensions import ACTOR_PREFIX, register_extensions
from .article.base import Readers, resolvers_named
from .extract import ClaimExtraction
from .lexicon import ClaimLexicon, default_lexicon_folder
from .proposers.parse import ParseProposer
from .proposers.surface import SurfacePatterns
from .quantities import QuantityReader
from .slots.flags import FlagReader
from .slots.perpetrator import PerpetratorReader
from .slots.source import SourceReader
from .slots.victim import VictimReader
from .slots.when import DateReader
from .slots.where import PlaceReader
from .types import Claim

LEXICON_FOLDER = "lexicon"
PATTERNS_FILE = "patterns.yaml"
PROPOSERS = ("surface", "parse")
ARTICLE_RESOLVERS = ["list_modifiers", "inherited_victims", "captives", "speaker_victims", "attack_targets", "incident_segments",
                     "article_perpetrators", "incident_date_and_place"]


@Language.factory(
    "sahel_claims",
    default_config={"min_score": 0.0, "look_back_sentences": 1, "proposers": ["parse"],
                    "article_resolvers": ARTICLE_RESOLVERS, "civilian_party": "civilians"},
    assigns=["doc._.claims", "doc.ents"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
)
def make_claim_extractor(nlp: Language, name: str, *, min_score: float, look_back_sentences: int,
                         proposers: list[str], article_resolvers: list[str],
                         civilian_party: str | None) -> "ClaimExtractor":
    return ClaimExtractor(nlp, name, min_score=min_score, look_back_sentences=look_back_sentences,
                          proposers=proposers, article_resolvers=article_resolvers,
                          civilian_party=civilian_party)


def default_data_path(name: str) -> Path:
    """A packaged claims data file or folder (lexicon, patterns.yaml)."""
    from importlib import resources

    return Path(str(resources.files("sahelnlp") / "data" / "claims" / name))


class ClaimExtractor(GuardedComponent):
    """Finds casualty claims and writes them, in text order, to `doc._.claims`.

    min_score (float): claims scoring below are dropped.
    look_back_sentences (int): how many sentences back a quoted claim looks for
        its speaker, and an undated claim for its date.
    proposers (list[str]): what proposes a quantity's outcome, tried in order: `parse`
        (the dependency parse) and `surface` (patterns.yaml, the words around the number,
        for French wording the parse misses).
    article_resolvers (list[str]): the passes over all of an article's claims, in order
        (see pipeline/claims/article): lists, captives, victims from the speaker,
        perpetrators from the article, the incident's date and place.
    civilian_party (str | None): the actor id civilian victims name as a party where the
        text gives them no name of their own ("three men", "a farmer" killed in an
        attack); its record must be on the doc (the actor linker's `implicit_parties`).
        None: off.
    """

    def __init__(self, nlp: Language, name: str = "sahel_claims", *, min_score: float = 0.0,
                 look_back_sentences: int = 1, proposers: list[str] | None = None,
                 article_resolvers: list[str] | None = None,
                 civilian_party: str | None = "civilians") -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.min_score = min_score
        self.look_back_sentences = look_back_sentences
        self.proposers = list(["parse"] if proposers is None else proposers)
        unknown = sorted(set(self.proposers) - set(PROPOSERS))
        if unknown:
            raise SahelNLPError(Errors.E083.format(names=unknown, choices=list(PROPOSERS)))
        self.article_resolvers = list(ARTICLE_RESOLVERS if article_resolvers is None else article_resolvers)
        resolvers_named(self.article_resolvers)  # an unknown name fails here, not on the first doc
        self.civilian_party = civilian_party
        self.lexicon: ClaimLexicon | None = None
        self.patterns: dict | None = None
        self.extraction: ClaimExtraction | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   lexicon: str | None = None, patterns: str | None = None) -> None:
        """lexicon: a folder of shared/en/fr YAML files (None: the packaged one);
        patterns: a patterns YAML file (None: the packaged one)."""
        self._load(ClaimLexicon.from_folder(lexicon or default_lexicon_folder(), self.nlp.lang),
                   srsly.read_yaml(patterns or default_data_path(PATTERNS_FILE)))

    def _load(self, lexicon: ClaimLexicon, patterns: dict) -> None:
        self.lexicon, self.patterns = lexicon, patterns
        dates = DateReader(lexicon, self.look_back_sentences)
        readers = Readers(words=lexicon, victim=VictimReader(lexicon),
                          source=SourceReader(lexicon, self.look_back_sentences),
                          perpetrator=PerpetratorReader(lexicon), dates=dates,
                          flags=FlagReader(lexicon, dates), places=PlaceReader())
        build = {"surface": lambda: SurfacePatterns(self.nlp.vocab, patterns, lexicon),
                 "parse": lambda: ParseProposer(lexicon)}
        proposers = [build[name]() for name in self.proposers]
        self.extraction = ClaimExtraction(QuantityReader(lexicon.data, lexicon.lang), proposers, readers,
                                          resolvers_named(self.article_resolvers))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        (path / LEXICON_FOLDER).mkdir(parents=True, exist_ok=True)
        for part, data in self.lexicon.parts.items():
            srsly.write_yaml(path / LEXICON_FOLDER / f"{part}.yaml", data)
        srsly.write_yaml(path / PATTERNS_FILE, self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "ClaimExtractor":
        path = Path(path)
        self._load(ClaimLexicon.from_folder(path / LEXICON_FOLDER, self.nlp.lang), srsly.read_yaml(path / PATTERNS_FILE))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"lexicon": self.lexicon.parts, "patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "ClaimExtractor":
        loaded = srsly.msgpack_loads(data)
        self._load(ClaimLexicon(loaded["lexicon"], lang=self.nlp.lang), loaded["patterns"])
        return self

    def is_ready(self) -> bool:
        return self.extraction is not None

    def process(self, doc: Doc) -> None:
        doc._.claims = [c for c in self.extract(doc) if c.score >= self.min_score]
        self._civilians_as_party(doc)

    def _civilians_as_party(self, doc: Doc) -> None:
        """Civilian victims are a party to the event (codebook section 2): when no mention
        names them yet, the counted noun of the first claim whose victims are civilians
        does ("three farmers were killed")."""
        kb_id = ACTOR_PREFIX + (self.civilian_party or "")
        if not self.civilian_party or kb_id not in doc._.kb_records or any(e.kb_id_ == kb_id for e in doc.ents):
            return
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        for claim in doc._.claims:
            if claim.victim != "civilians" or claim.victim_span is None:
                continue
            span = doc.char_span(*claim.victim_span)
            if span is not None and not taken.intersection(range(span.start, span.end)):
                doc.ents = [*doc.ents, Span(doc, span.start, span.end, label="NORP", kb_id=kb_id)]
                return

    def extract(self, doc: Doc) -> list[Claim]:
        """The doc's claims, before the score threshold."""
        return self.extraction(doc)
