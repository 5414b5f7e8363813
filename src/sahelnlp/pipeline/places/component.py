"""`sahel_places`: finds place mentions and links them to the Sahel gazetteer.

Mentions are the NER's GPE/LOC/FAC spans, NER spans it mislabelled whose whole
text is a known place ("Mali" as PERSON), and gazetteer names the NER missed,
guarded so common words and parts of people's names are not taken for villages.
"""

from __future__ import annotations

from pathlib import Path
from bisect import bisect_right
from collections import Counter
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..base import GuardedComponent
from ...codebook import COARSE_PLACE_KINDS
from ...geo import distance_km
from ...extensions import ACTOR_PREFIX, PLACE_PREFIX, register_extensions
from ...normalize import fold, is_possessive, slug, stop_words
from .build import data_dir
from ...paths import dense_gazetteer_path
from .gazetteer import DEFAULT_FILE, Gazetteer, PlaceRecord, default_gazetteer_path
from .linker import CandidateGenerator, Weights, country_focus, rank

def resolve_gazetteer(spec: str | None) -> Path:
    """The gazetteer file a setting names (see `PlaceLinker.initialize`)."""
    if spec == "default":
        return default_gazetteer_path()
    if spec:
        return Path(spec)
    dense = dense_gazetteer_path()
    return dense if dense.exists() else default_gazetteer_path()



KIND_LABEL = {"country": "GPE", "region": "GPE", "city": "GPE", "town": "GPE",
              "village": "GPE", "area": "LOC", "natural": "LOC", "facility": "FAC"}


@Language.factory(
    "sahel_places",
    default_config={
        "place_labels": ["GPE", "LOC", "FAC"],
        "relabel_labels": ["PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "DATE"],
        "relabel_kinds": ["country", "region", "area", "city", "town", "facility"],
        "core_countries": ["ML", "BF", "NE"],
        "fuzzy_countries": ["ML", "BF", "NE", "MR", "TD", "SN", "GN", "CI", "DZ", "LY", "NG", "BJ", "TG", "GH"],
        "max_ngram": 4,
        "min_score_ner": 0.15,
        "min_score_gazetteer": 0.3,
        "fuzzy_cutoff": 88.0,
        "fuzzy_min_length": 6,
        "keep_candidates": 3,
        "one_sense_per_name": True,
        "weights": {"prior": 0.35, "focus": 0.3, "core": 0.15, "cue": 0.2, "exact": 0.1, "near": 0.2,
                    "near_km": 50.0},
    },
    assigns=["doc.ents", "span._.link_score", "span._.geo_precision", "span._.link_candidates",
             "doc._.kb_records"],
    requires=["doc.ents", "token.pos"],
)
def make_place_linker(
    nlp: Language, name: str, *, place_labels: list[str], relabel_labels: list[str],
    relabel_kinds: list[str], core_countries: list[str], fuzzy_countries: list[str], max_ngram: int,
    min_score_ner: float, min_score_gazetteer: float, fuzzy_cutoff: float, fuzzy_min_length: int,
    keep_candidates: int, weights: dict[str, float], one_sense_per_name: bool = True,
) -> "PlaceLinker":
    return PlaceLinker(
        nlp, name, place_labels=place_labels, relabel_labels=relabel_labels,
        relabel_kinds=relabel_kinds, core_countries=core_countries, fuzzy_countries=fuzzy_countries,
        max_ngram=max_ngram, min_score_ner=min_score_ner, min_score_gazetteer=min_score_gazetteer,
        fuzzy_cutoff=fuzzy_cutoff, fuzzy_min_length=fuzzy_min_length, keep_candidates=keep_candidates,
        weights=weights, one_sense_per_name=one_sense_per_name)


class PlaceLinker(GuardedComponent):
    """Links place mentions: `kb_id_` "place:<id>", score in `span._.link_score`."""

    def __init__(self, nlp: Language, name: str = "sahel_places", *,
                 place_labels: list[str], relabel_labels: list[str], relabel_kinds: list[str],
                 core_countries: list[str], max_ngram: int, min_score_ner: float,
                 fuzzy_countries: list[str] | None = None,
                 min_score_gazetteer: float, fuzzy_cutoff: float, fuzzy_min_length: int,
                 keep_candidates: int = 3, weights: dict[str, float], one_sense_per_name: bool = True) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.place_labels = set(place_labels)
        self.relabel_labels = set(relabel_labels)
        self.relabel_kinds = set(relabel_kinds)
        self.core = frozenset(core_countries)
        # misspellings are matched in the region only: a fuzzy "Tillaberry" is Tillabéri, not
        # a look-alike across the world
        self.fuzzy_countries = frozenset(fuzzy_countries) if fuzzy_countries else None
        self.max_ngram = max_ngram
        self.min_score_ner = min_score_ner
        self.min_score_gazetteer = min_score_gazetteer
        self.fuzzy_cutoff = fuzzy_cutoff
        self.fuzzy_min_length = fuzzy_min_length
        self.keep_candidates = keep_candidates
        # one name in one article is one place: its mentions go to the place they agree on most
        self.one_sense_per_name = one_sense_per_name
        self.weights = Weights(**weights)
        self.gazetteer: Gazetteer | None = None
        self.candidates: CandidateGenerator | None = None
        self.cues: dict = {}

    # -- data ---------------------------------------------------------------
    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   gazetteer: str | None = None, cues: str | None = None) -> None:
        """Load a gazetteer and the cue words.

        gazetteer (str | None): a gazetteer file; "default" for the packaged one; None
            for the dense gazetteer built by `sahelnlp gazetteer build` when there is
            one, else the packaged default.
        cues (str | None): a cue-word YAML file; None for the packaged one.
        """
        self._load(Gazetteer.from_file(resolve_gazetteer(gazetteer)),
                   srsly.read_yaml(cues or data_dir() / "cues.yaml"))

    def _load(self, gazetteer: Gazetteer, cues: dict) -> None:
        self.gazetteer = gazetteer
        self.candidates = CandidateGenerator(gazetteer, fuzzy_cutoff=self.fuzzy_cutoff,
                                             fuzzy_min_length=self.fuzzy_min_length,
                                             fuzzy_countries=self.fuzzy_countries)
        self.cues = cues
        self._directions = {fold(w) for w in cues["directions"]}
        self._articles = {fold(w) for w in cues["articles"]}
        self._locative_words = set(cues["locative_words"])
        self._locative_verbs = set(cues["locative_verbs"])
        self._not_places = {fold(w) for w in cues["not_places"]}
        self._cue_only = {fold(w) for w in cues.get("cue_only_names", [])}
        self._list_glue = set(cues["list_glue"])
        self._stopnames = {fold(w) for w in cues["stopnames"]}
        self._kind_cues = {fold(w): kind for kind, words in cues["kind_cues"].items()
                           for w in words}
        self._features = {fold(w) for w in cues["feature_words"]}
        self._outlets = {fold(w) for w in cues["outlet_words"]}
        self._relative = sorted({fold(w) for w in cues["relative_cues"]}, key=len, reverse=True)
        self._distance_units = {fold(w) for w in cues["distance_units"]}
        # words after which, inside a longer entity, a place name may start
        self._of_words = {fold(w) for w in cues["bridge_words"]}  # "the region of", "la région d’"
        self._bridges = {fold(w) for w in cues["bridge_words"]} | {fold(w) for w in cues["locative_words"]} \
            | set(self._kind_cues)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.gazetteer.to_file(path / DEFAULT_FILE)
        srsly.write_yaml(path / "cues.yaml", self.cues)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PlaceLinker":
        path = Path(path)
        self._load(Gazetteer.from_file(path / DEFAULT_FILE), srsly.read_yaml(path / "cues.yaml"))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"gazetteer": self.gazetteer.to_bytes(), "cues": self.cues})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "PlaceLinker":
        content = srsly.msgpack_loads(data)
        self._load(Gazetteer.from_bytes(content["gazetteer"]), content["cues"])
        return self

    # -- processing ---------------------------------------------------------
    def is_ready(self) -> bool:
        return self.gazetteer is not None

    def process(self, doc: Doc) -> None:
        self._link(doc)

    def _link(self, doc: Doc) -> None:
        mentions = self.find_mentions(doc)
        names = {m: self._name_of(m) for m in mentions}
        ner_spans = {(e.start, e.end) for e in doc.ents}
        first = {m: (*self._candidates(m, names[m], (m.start, m.end) in ner_spans),
                     self._cue(m, names[m])) for m in mentions if not self._never_a_place(m, names[m])}
        # pass 1 ranks without context; its best guesses say which country the article is about
        guesses = [self._rank(names[m], records, fuzzy, cue, Counter())
                   for m, (records, fuzzy, _, cue) in first.items()]
        focus = country_focus([g[0].record for g in guesses if g])
        nearby = self._nearby_names(doc, names)
        ranked = {m: self._rank(names[m], records, fuzzy, cue, focus, nearby.get(m, frozenset()))
                  for m, (records, fuzzy, _, cue) in first.items()}
        # pass 3: a name several places share goes to the one near the places named for sure
        anchors = {(r[0].record.lat, r[0].record.lon, self._reach(r[0].record)) for m, r in ranked.items()
                   if r and self._unambiguous(r[0].record, first[m][0])}
        linked: dict[Span, tuple[PlaceRecord, float]] = {}
        scored: dict[Span, dict[str, tuple[PlaceRecord, float]]] = {}
        alternatives: dict[tuple[int, int], list] = {}
        for mention, (records, fuzzy, from_ner, cue) in first.items():
            best = ranked[mention]
            if len(records) > 1 and anchors:
                best = self._rank(names[mention], records, fuzzy, cue, focus, nearby.get(mention, frozenset()),
                                  tuple(anchors))
            floor = self.min_score_ner if from_ner else self.min_score_gazetteer
            if best and best[0].score >= floor:
                linked[mention] = (best[0].record, best[0].score)
                scored[mention] = {c.record.id: (c.record, c.score) for c in best}
                name = self._name_span(mention)
                alternatives[(name.start, name.end)] = [
                    (c.record.id, c.score, "fuzzy" if fuzzy else "exact") for c in best[:self.keep_candidates]]
        if self.one_sense_per_name:
            for mention in self._one_sense_per_name(linked, names, scored):
                name = self._name_span(mention)
                record, score = linked[mention]
                others = [c for c in alternatives[(name.start, name.end)] if c[0] != record.id]
                way = "fuzzy" if first[mention][1] else "exact"
                alternatives[(name.start, name.end)] = [(record.id, score, way), *others][:self.keep_candidates]
        junk = [m for m in mentions if m not in linked and (_looks_like_junk(m) or self._never_a_place(m, names[m]))]
        self._write(doc, linked, junk=junk, alternatives=alternatives)

    @staticmethod
    def _one_sense_per_name(linked: dict[Span, tuple[PlaceRecord, float]], names: dict[Span, str],
                            scored: dict[Span, dict[str, tuple[PlaceRecord, float]]]) -> list[Span]:
        """Mentions of one name that went to different places of one level (towns and
        villages, or units) go to the place of that level every mention has among its
        candidates with the highest summed score ("Tassia" read as the Burkinabe village
        in the lede and the Nigerien one beside "Tillabéri"); a town and the region of its
        name ("Kidal", "the Kidal region") stay two places. Returns the mentions it moved,
        whose alternatives then put the chosen place first."""
        moved: list[Span] = []
        by_name: dict[tuple[str, bool], list[Span]] = {}
        for mention, (record, _) in linked.items():
            by_name.setdefault((fold(names[mention]), record.kind in COARSE_PLACE_KINDS), []).append(mention)
        for (_, coarse), group in by_name.items():
            if len({linked[m][0].id for m in group}) < 2:
                continue
            shared = {place for place in set.intersection(*(set(scored[m]) for m in group))
                      if (scored[group[0]][place][0].kind in COARSE_PLACE_KINDS) == coarse}
            if not shared:
                continue
            chosen = max(sorted(shared), key=lambda place: sum(scored[m][place][1] for m in group))
            for mention in group:
                if linked[mention][0].id != chosen:
                    moved.append(mention)
                linked[mention] = scored[mention][chosen]
        return moved

    def _nearby_names(self, doc: Doc, names: dict[Span, str]) -> dict[Span, frozenset[str]]:
        """For each mention, the folded names of the other mentions in its sentence."""
        starts = [sent.start for sent in doc.sents]
        by_sentence: dict[int, list[Span]] = {}
        for mention in names:
            by_sentence.setdefault(bisect_right(starts, mention.start), []).append(mention)
        nearby = {}
        for group in by_sentence.values():
            folded = {m: fold(names[m]) for m in group}
            for mention in group:
                nearby[mention] = frozenset(n for m, n in folded.items() if m is not mention)
        return nearby

    def _reach(self, record: PlaceRecord) -> float:
        """How far from an anchor a place still counts as near it: an admin unit (a cercle,
        a province) reaches twice as far as a town."""
        return self.weights.near_km * (2 if record.kind == "region" else 1)

    def _unambiguous(self, best: PlaceRecord, records: list[PlaceRecord]) -> bool:
        """Whether a mention's place is certain enough to locate others by: a town, village,
        site or admin unit whose every candidate lies near it ("Bandiagara" the town and
        the cercle)."""
        if best.kind in ("country", "area"):
            return False
        return all(distance_km(best.lat, best.lon, r.lat, r.lon) <= self.weights.near_km
                   for r in records if r.kind not in ("country", "area"))

    def _never_a_place(self, mention: Span, name: str) -> bool:
        """Peoples and demonyms ("Dogon", "Tuareg"), and function words of either language
        that the gazetteer also has as villages ("Elle", "double", "la") or names that are
        places only with a kind cue ("Nord", "Etat"), unless a kind cue says place ("the
        Est region", "l'Est", "la région du Nord")."""
        key = fold(name)
        if key in self._not_places or len(key) < 3:
            return True
        return (key in _FUNCTION_WORDS or key in self._cue_only) and self.kind_cue(mention) is None

    def _cue(self, mention: Span, name: str) -> str | None:
        cue = self.kind_cue(mention)
        if cue == "region" and self._is_area_called_region(mention, name):
            return "area"  # "the Sahel region" of Africa, unless "Burkina Faso's Sahel region"
        return cue

    def _rank(self, name: str, records: list[PlaceRecord], fuzzy: bool, cue: str | None,
              focus: Counter, nearby: frozenset[str] = frozenset(),
              anchors: tuple[tuple[float, float, float], ...] = ()) -> list:
        countries = [r for r in records if r.kind == "country" and fold(r.name) == fold(name)]
        if countries and cue in (None, "area"):
            records = countries  # "Togo" is the country, not a village that shares the name
        areas = [r for r in records if r.kind == "area" and fold(r.name) == fold(name)]
        if areas and cue in (None, "area"):
            records = areas  # "the Sahel" is the area, unless a cue or owner makes it a region
        return rank(records, focus=focus, core=self.core, kind_cue=cue, weights=self.weights,
                    fuzzy=fuzzy, name=name, nearby_admin=nearby, anchors=anchors)

    def find_mentions(self, doc: Doc) -> list[Span]:
        """Spans that name places: NER places, mislabelled NER spans, gazetteer matches."""
        mentions = []
        taken: set[int] = set()
        for ent in self._with_lists_split(doc.ents):
            if ent.kb_id_.startswith(ACTOR_PREFIX):
                taken.update(range(ent.start, ent.end))
                continue
            if ent.label_ in self.place_labels:
                found = [self._joined_name(part) for part in _split_possessive(ent)]
                found = [self._place_inside(part) or part for part in found]
            elif ent.label_ in self.relabel_labels and self._is_mislabelled_place(ent):
                found = [ent]
            else:
                inner = self._place_inside(ent)
                found = [inner] if inner is not None else []
            for part in found:
                mentions.append(part)
                taken.update(range(part.start, part.end))
        blocked = taken | {i for ent in doc.ents for i in range(ent.start, ent.end)}
        i = 0
        while i < len(doc):
            span = self._gazetteer_match(doc, i, blocked)
            if span is None:
                i += 1
                continue
            mentions.append(span)
            i = span.end
        return sorted(mentions, key=lambda s: s.start)

    def _is_area_called_region(self, span: Span, name: str) -> bool:
        if not any(r.kind == "area" and fold(r.name) == fold(name) for r in self.gazetteer.lookup(name)):
            return False
        doc = span.doc
        before = doc[max(0, span.start - 4):span.start]
        owner = next((t.i for t in reversed(before) if is_possessive(t)), None)
        if owner is None:
            return True
        owner_name = doc[max(0, owner - 2):owner].text  # "Burkina Faso's", "Africa's"
        candidates = self.gazetteer.lookup(owner_name) or self.gazetteer.lookup(doc[owner - 1].text)
        return not any(r.kind == "country" for r in candidates)

    def _in_name_list(self, token) -> bool:
        return token.lower_ in self._list_glue or token.ent_type_ in self.place_labels or token.pos_ == "PROPN"

    def _with_lists_split(self, ents: Iterable[Span]) -> list[Span]:
        """ "Mali, Burkina Faso" or "Bamako (Bamako, Bamako" as one NER span: each name, when
        the gazetteer knows them all."""
        out = []
        for ent in ents:
            glue = [t.i for t in ent if t.lower_ in self._list_glue or t.text in _BRACKETS]
            if not glue or ent.kb_id_:
                out.append(ent)
                continue
            bounds = [ent.start, *glue, ent.end]
            parts = [(a if a == ent.start else a + 1, b) for a, b in zip(bounds, bounds[1:])]
            parts = [(a, b) for a, b in parts if b > a]
            names = [ent.doc[a:b] for a, b in parts]
            if all(self.gazetteer.has_name(fold(n.text)) for n in names):
                out.extend(Span(ent.doc, n.start, n.end, label="GPE") for n in names)
            else:
                out.append(ent)
        return out

    def _joined_name(self, ent: Span) -> Span:
        """ "Centre" + "-Nord": a hyphenated name the NER cut short, when the gazetteer knows it."""
        doc = ent.doc
        end = ent.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and not doc[end + 1].ent_type_:
            if not self.gazetteer.has_name(fold(doc[ent.start:end + 2].text)):
                break
            end += 2
        return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_)

    def _is_mislabelled_place(self, ent: Span) -> bool:
        """A span the NER gave another label but that names a place: a country or Sahel
        region or town always; a Sahel village only where the words around say place
        ("in Boni", "the Inates military base", "Tinzaouatene district")."""
        if any(t.like_num for t in ent) or not ent[0].is_title and not ent[0].is_upper:
            return False
        records = self.gazetteer.lookup(self._name_of(ent))
        # a person's name is a village's name too often ("Keita", "Kaboré"), and a paper's
        # a facility's ("Le Monde"): only a country or an admin unit, or a place the words
        # around call one, is a place
        small = ent.label_ == "PERSON" or fold(ent[0].text) in self._articles
        kinds = self.relabel_kinds - ({"town", "facility"} if small else set())
        if any(r.kind in kinds and (r.country in self.core or r.kind == "country")
               and not (small and r.kind == "region" and r.admin2) for r in records):
            return True  # a person's name that is a cercle or a department's ("Keïta") is not enough
        return any(r.country in self.core for r in records) and self._locative(ent)

    def _place_inside(self, ent: Span) -> Span | None:
        """The place name inside a longer entity, after a bridge word: "la région de
        Tombouctou", "village de Fonéko", "nord du Burkina Faso", "Armée de Terre de Léré".
        None when the entity's own name is a place, or no part after a bridge is one."""
        doc = ent.doc
        own = self._name_span(ent)
        if fold(own[0].text) in self._features:
            return None  # "the Gulf of Guinea", "Lake Chad": a feature named after a place
        if any(fold(t.text) in self._outlets for t in ent):
            return None  # "Le Soir de Bamako" is a paper
        cued = False
        while len(own) > 1 and fold(own[-1].text) in self._kind_cues and not self.gazetteer.has_name(fold(own.text)):
            own, cued = own[:-1], True  # "Talataye Commune", "Kidal Region": the name before its kind word
        if self.gazetteer.has_name(fold(own.text)):
            # the entity names a place once a preposition or a kind word is off ("de
            # Fonéko"), not an article ("Le Monde" is a paper); a village counts only in
            # the core countries
            prefix = {fold(t.text) for t in doc[ent.start:own.start]}
            titled = own[0].is_title or own[0].is_upper or fold(own[0].text) in self._kind_cues  # "aéroport de Bamako"
            known = titled and (ent.label_ in self.place_labels or cued or (prefix and prefix <= self._bridges)
                                or fold(own[0].text) in self._kind_cues)
            return Span(doc, own.start, own.end, label="GPE") if known and self._core_or_big(own.text) else None
        for i in range(ent.end - 1, ent.start, -1):  # the rightmost name wins
            before = fold(doc[i - 1].text)
            if not (doc[i].is_title or doc[i].is_upper) or before not in self._bridges:
                continue
            for end in range(min(ent.end, i + self.max_ngram), i, -1):
                span = doc[i:end]
                if span[-1].is_title or span[-1].is_upper:
                    key = fold(span.text)
                    if key not in self._stopnames and self.gazetteer.has_name(key) and (
                            before in self._kind_cues or self._core_or_big(span.text)):
                        return Span(doc, span.start, span.end, label="GPE")
        return None

    def _core_or_big(self, name: str) -> bool:
        """A name of a place in the core countries, or of a country, region or city."""
        return any(r.country in self.core or r.kind in ("country", "region", "city")
                   for r in self.gazetteer.lookup(name))

    def _locative(self, ent: Span) -> bool:
        doc = ent.doc
        start = ent.start
        while start > 0 and fold(doc[start - 1].text) in self._directions:
            start -= 1  # "in central Boni"
        before = doc[start - 1].lower_ if start else ""
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        acted_on = ent.root.dep_ in ("dobj", "obj") and ent.root.head.lemma_.lower() in self._locative_verbs
        return (before in self._locative_words or after in self._kind_cues
                or fold(after) in self._kind_cues or acted_on)

    def _gazetteer_match(self, doc: Doc, i: int, blocked: set[int]) -> Span | None:
        token = doc[i]
        if i in blocked or not (token.is_title or (token.is_upper and len(token) > 2)):
            return None
        for n in range(min(self.max_ngram, len(doc) - i), 0, -1):
            if any(j in blocked for j in range(i, i + n)):
                continue
            span = doc[i:i + n]
            key = fold(span.text)
            if not self.gazetteer.has_name(key) or not self._plausible(span, key):
                continue
            return span
        return None

    def _plausible(self, span: Span, key: str) -> bool:
        """Guards for a name only the gazetteer found."""
        if key in self._stopnames or len(key) < 3:
            return False
        last = span[-1]
        if not last.is_title and not last.is_upper:
            return False
        if any(t.is_stop and not t.is_title for t in span) or span[0].is_stop:
            return False
        if len(span) == 1 and span[0].pos_ not in ("PROPN",):
            return False
        return True

    def _name_of(self, span: Span) -> str:
        """The place name inside a span: without "the" and direction words."""
        return self._name_span(span).text

    def _name_span(self, span: Span) -> Span:
        """The tokens of the name itself: "the Centre-Nord" → "Centre-Nord", "Mali's" → "Mali"."""
        tokens = list(span)
        while len(tokens) > 1 and (tokens[-1].is_punct or is_possessive(tokens[-1]) or (
                tokens[-1].is_lower and fold(tokens[-1].text) in _FUNCTION_WORDS)):
            tokens = tokens[:-1]  # "Mali's", "the Sahel since"
        while len(tokens) > 1 and fold(tokens[0].text) in self._articles:
            tokens = tokens[1:]
        # "Centre-Nord" is a name; "central Mali" is a direction and a name
        while len(tokens) > 1 and fold(tokens[0].text) in self._directions and not \
                self.gazetteer.has_name(fold(span.doc[tokens[0].i:tokens[-1].i + 1].text)):
            tokens = tokens[1:]
        return span.doc[tokens[0].i:tokens[-1].i + 1]

    def _candidates(self, span: Span, name: str, is_ner_span: bool) -> tuple[list[PlaceRecord], bool, bool]:
        from_ner = span.label_ in self.place_labels and is_ner_span
        records, fuzzy = self.candidates(name, fuzzy=from_ner)
        if not records and from_ner:
            # "the Menaka region" as one NER span: try the name without its cue word
            words = [t for t in span if fold(t.text) not in self._kind_cues]
            if 0 < len(words) < len(span):
                records, fuzzy = self.candidates(" ".join(t.text for t in words), fuzzy=True)
        return records, fuzzy, from_ner

    def kind_cue(self, span: Span) -> str | None:
        """The kind of place the words around (or inside) a mention point to.

        A cue reaches across a list of names: "the Tahoua and Dosso regions",
        "les régions de Ségou, Douentza et Ménaka".
        """
        doc = span.doc
        inside = [fold(t.text) for t in span]
        for word in inside[1:]:
            if word in self._kind_cues:
                return self._kind_cues[word]
        end = span.end
        while end < len(doc) - 1 and self._in_name_list(doc[end]):
            end += 1
        after = fold(doc[end].text) if end < len(doc) else ""
        if after in self._kind_cues:
            return self._kind_cues[after]
        start = span.start
        while start > 1 and self._in_name_list(doc[start - 1]):
            start -= 1
        before = [fold(t.text) for t in doc[max(0, start - 2):start]]
        if len(before) == 2 and before[1] in self._of_words and before[0] in self._kind_cues:
            return self._kind_cues[before[0]]
        if (inside and inside[0] == "the") or (span.start and fold(doc[span.start - 1].text) == "the"):
            return "area"  # "the Sahel", "the Niger": areas and rivers take the article
        return None

    def _write(self, doc: Doc, linked: dict[Span, tuple[PlaceRecord, float]],
               junk: list[Span] = (), alternatives: dict[tuple[int, int], list] | None = None) -> None:
        """Set the linked mentions as entities; drop NER "places" that are plainly not names."""
        alternatives = alternatives or {}
        covered = {i for s in [*linked, *junk] for i in range(s.start, s.end)}
        ents = [e for e in doc.ents if not covered.intersection(range(e.start, e.end))]
        scores: dict[tuple[int, int], float] = {}
        for span, (record, score) in linked.items():
            record = self._as_facility(span, record)
            label = span.label_ if span.label_ in self.place_labels else KIND_LABEL[record.kind]
            name = self._name_span(span)
            ents.append(Span(doc, name.start, name.end, label=label, kb_id=PLACE_PREFIX + record.id))
            doc._.kb_records[PLACE_PREFIX + record.id] = record
            scores[(name.start, name.end)] = score
        doc.ents = sorted(ents, key=lambda e: e.start)
        for ent in doc.ents:
            if (ent.start, ent.end) in scores:
                ent._.link_score = scores[(ent.start, ent.end)]
                ent._.geo_precision = self.geo_precision(ent, doc._.kb_records[ent.kb_id_])
                ent._.link_candidates = alternatives.get((ent.start, ent.end))

    def _as_facility(self, mention: Span, record: PlaceRecord) -> PlaceRecord:
        """ "the Inates military base", "l'aéroport de Bamako": a facility the gazetteer
        lacks becomes a place of kind `facility` at the place that holds it, with an id
        of its own ("geonames:2444495/base")."""
        if record.kind in ("facility", "country", "region", "area"):
            return record
        word = self._facility_word(mention)
        if word is None:
            return record
        return record._replace(id=f"{record.id}/{slug(word)}", name=f"{record.name} {word}", kind="facility",
                               population=0)

    def _facility_word(self, mention: Span) -> str | None:
        """The facility word right after a name ("Inates military base") or before it with
        "of"/"de" ("the airport of Gao", "camp de Kati")."""
        doc = mention.doc
        after = [t for t in doc[mention.end:mention.end + 3] if not t.is_punct]
        for token in after[:2]:
            if self._kind_cues.get(fold(token.text)) == "facility" and token.lower_ != "military":
                return token.lower_
            if token.lower_ != "military":
                break
        start = mention.start
        if start >= 2 and fold(doc[start - 1].text) in ("of", "de", "du", "d"):
            word = fold(doc[start - 2].text)
            if self._kind_cues.get(word) == "facility" and word != "military":
                return doc[start - 2].lower_
        return None

    def geo_precision(self, mention: Span, record: PlaceRecord) -> int:
        """ACLED's geo precision of a place mention: 3 for a region, a country or an area; 2
        when the words before place the event near the place ("30 km north of Timbuktu",
        "near Téra", "entre Boni et Douentza"); 1 for the place itself."""
        if record.kind in COARSE_PLACE_KINDS:
            return 3
        doc = mention.doc
        start = max(mention.sent.start, mention.start - 8)
        words = [fold(t.text) for t in doc[start:mention.start]]
        if len(words) > 1 and words[-1] in ("of", "de", "du", "d") and words[-2] in self._kind_cues:
            words = words[:-2]  # "near the town of X": the cue stands before the kind word
        while words and words[-1] in _ARTICLES:
            words.pop()
        before = " ".join(words)
        if any(before == cue or before.endswith(" " + cue) for cue in self._relative):
            return 2
        if any(unit in words[-4:] for unit in self._distance_units) and words and \
                words[-1] in ("of", "from", "de", "du", "d", "des"):
            return 2  # "30 km north of", "à 65 km au nord-ouest de"
        if "and" in words[-3:] or "et" in words[-3:]:
            return 2 if "between" in words or "entre" in words else 1
        return 1


_BRACKETS = frozenset("()[]")
_ARTICLES = frozenset({"the", "la", "le", "les", "l"})
# Function words of English and French (spaCy's own lists): never place names alone.
_FUNCTION_WORDS = frozenset(fold(w) for w in stop_words("en") | stop_words("fr"))


def _looks_like_junk(span: Span) -> bool:
    """An NER place span no gazetteer knows and that is no name: "la", "sont", "dans"."""
    return not span[0].is_title and not span[0].is_upper or all(t.is_stop or t.is_punct for t in span)


def _split_possessive(ent: Span) -> list[Span]:
    """ "Niger’s Agadez" as one NER span: two places."""
    cut = next((t.i for t in ent[1:-1] if is_possessive(t)), None)
    if cut is None:
        return [ent]
    doc = ent.doc
    return [Span(doc, ent.start, cut, label=ent.label_), Span(doc, cut + 1, ent.end, label=ent.label_)]
