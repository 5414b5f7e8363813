"""The claims lexicon: the words the claim rules read, one YAML file per language.

`data/claims/lexicon/` holds `shared.yaml` (codebook values and actor groupings),
`en.yaml` and `fr.yaml`. They are merged at load: a key present in several files joins
their lists (or tables). Every key the rules read must be there and no other, so a typo
in a data file is reported with its file and key instead of silently reading nothing.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import srsly

from ...errors import Errors, SahelNLPError
from ...normalize import french_base

SHARED = "shared"
LANGUAGES = ("en", "fr")
FILES = (SHARED, *LANGUAGES)

# key -> the YAML type it must have once merged
KEYS: dict[str, type] = {
    "source": str,
    # outcomes
    "outcome_verbs": dict, "subject_outcome_verbs": dict, "verb_complements": dict,
    "outcome_adjectives": dict, "outcome_nouns": dict, "toll_nouns": list, "toll_verbs": list,
    "life_verbs": list, "life_nouns": list, "own_ranks_words": list, "loss_verbs": list, "suspect_words": list,
    "causing_verbs": list, "fatal_adverbs": list, "partitive_prepositions": list, "toll_prepositions": list,
    # victims
    "victim_nouns": dict, "victim_by_actor_type": dict, "actor_types_no_party": list,
    "anaphoric_people": list, "attack_target_prepositions": list,
    "target_nouns": dict, "target_modifiers": dict, "target_verbs": list, "landmark_words": list,
    "fight_words": list, "between_words": list, "side_joiners": list, "men_nouns": list,
    "unnamed_attackers": dict, "harm_means": dict, "incident_recall_cues": list,
    "inclusion_words": list, "future_auxiliaries": list,
    "person_determiners": list, "attempt_verbs": list, "relative_people": list,
    # quantities
    "quantity_modifiers": dict, "vague_quantities": dict, "number_words": dict,
    "french_numbers": list, "number_links": list, "linked_units": list,
    "approximate_numbers": dict, "singular_determiners": list, "negators": list,
    "units": list, "date_words": list,
    # sources
    "reporting_verbs": list, "source_prepositions": list, "source_kinds": dict,
    "speaker_documents": list, "anonymous_markers": list, "party_types": list,
    "described_parties": dict, "definite_determiners": list, "french_definite": list,
    "titles_of_parties": list, "headline_tag_words": int,
    "speaker_pronouns": list, "relative_pronouns": list, "person_pronouns": list,
    "person_kinds": list,
    "relay_words": list, "issuerless_reports": list, "responsibility_words": list,
    "defence_forces": dict, "defence_words": list, "ministry_words": list,
    "place_kind_modifiers": list, "place_kind_heads": list,
    # perpetrators
    "actor_groups": dict, "attack_words": list, "blame_verbs": list,
    # flags
    "aggregate_cues": list, "aggregate_periods": list, "aggregate_perfect_floor": int, "aggregate_vague_floor": int,
    "superseded_cues": list, "aggregate_period_phrases": list, "aggregate_range_words": dict,
    "aggregate_several": list, "aggregate_event_nouns": list, "aggregate_event_prepositions": list,
    "aggregate_event_places": list, "aggregate_statistics": list, "aggregate_area": list,
    "aggregate_cue_blockers": list, "aggregate_point_markers": list, "aggregate_perfect_blockers": list,
    "aggregate_continuations": list,
    # French surface words (patterns.yaml reads these too)
    "french_outcome_words": dict, "french_outcome_before": dict, "french_source_phrases": list,
    "french_reporting_words": list, "french_speaker_pronouns": list, "french_verb_fillers": list,
    "french_blame_words": list, "french_function_words": list,
    "french_others": list, "french_of": list, "french_articles": list,
    "french_clause_breaks": list, "french_anonymous_markers": list,
    "french_relay_words": list, "french_relay_from": list, "french_demonstratives": list,
    "french_by": list, "french_documents": list, "french_inverted_pronouns": list,
}


def default_lexicon_folder() -> Path:
    """The packaged lexicon folder (data/claims/lexicon)."""
    from importlib import resources

    return Path(str(resources.files("sahelnlp") / "data" / "claims" / "lexicon"))


def read_lexicon_files(folder: str | Path) -> dict[str, dict]:
    """The lexicon's files as read: {"shared": {...}, "en": {...}, "fr": {...}}."""
    folder = Path(folder)
    parts = {}
    for name in FILES:
        path = folder / f"{name}.yaml"
        if not path.is_file():
            raise SahelNLPError(Errors.E002.format(path=path, what="claims lexicon"))
        parts[name] = srsly.read_yaml(path) or {}
    return parts


def merge_lexicon(parts: dict[str, dict], folder: str | Path = "lexicon", lang: str | None = None) -> dict:
    """One lexicon from its files; an unknown key or a key of the wrong type is an error
    naming its file, and so is a key no file has. With `lang`, only `shared` and that
    language's file are merged, and a key only the other language has is empty: the
    English rules read no French word, and the French rules no English one."""
    merged: dict = {}
    for name, part in parts.items():
        for key, value in part.items():
            where = f"{Path(folder) / name}.yaml"
            if key not in KEYS:
                raise SahelNLPError(Errors.E004.format(path=where, key=key, problem="is not a key the claim rules read"))
            if not isinstance(value, KEYS[key]):
                raise SahelNLPError(Errors.E004.format(
                    path=where, key=key, problem=f"must be a {KEYS[key].__name__}, not a {type(value).__name__}"))
            if lang is None or name in (SHARED, lang):
                merged[key] = _join(merged[key], value) if key in merged and key != "source" else value
    present = {key for part in parts.values() for key in part}
    missing = sorted(set(KEYS) - present)
    if missing:
        raise SahelNLPError(Errors.E004.format(path=folder, key=", ".join(missing), problem="is in none of the files"))
    for key in set(KEYS) - set(merged):
        merged[key] = KEYS[key]()  # the other language's words: none in this one
    return merged


def _join(first, second):
    if isinstance(first, dict):
        return {**first, **{k: _join(first[k], v) if k in first else v for k, v in second.items()}}
    if isinstance(first, list):
        return first + [item for item in second if item not in first]
    return second


def invert(table: dict[str, list[str]]) -> dict[str, str]:
    """{role: [words]} → {word: role}."""
    return {str(word).lower(): key for key, words in table.items() for word in words}


def invert_many(table: dict[str, list[str]]) -> dict[str, list[str]]:
    """{key: [words]} → {word: [keys]}: a word may stand under several keys."""
    out: dict[str, list[str]] = {}
    for key, words in table.items():
        for word in words:
            out.setdefault(str(word).lower(), []).append(key)
    return out


def phrase_set(words: list[str]) -> set[tuple[str, ...]]:
    """Phrases as tuples of lower-case words."""
    return {tuple(str(w).lower().split()) for w in words}


class ClaimLexicon:
    """The merged lexicon, with the lookups the rules ask, built once."""

    def __init__(self, parts: dict[str, dict], folder: str | Path = "lexicon", lang: str | None = None) -> None:
        """lang: the language whose words are read (with the shared ones); None: all."""
        self.parts = parts
        self.lang = lang
        self.data = merge_lexicon(parts, folder, lang)
        data = self.data
        self.verb_outcome = invert(data["outcome_verbs"])
        self.subject_verb_outcome = invert(data["subject_outcome_verbs"])
        self.verb_complements = {k: set(v) for k, v in data["verb_complements"].items()}
        self.adj_outcome = invert(data["outcome_adjectives"])
        self.noun_outcome = invert(data["outcome_nouns"])
        self.toll_nouns = set(data["toll_nouns"])
        self.toll_verbs = set(data["toll_verbs"])
        self.life_verbs = set(data["life_verbs"])
        self.life_nouns = frozenset(data["life_nouns"])
        self.own_ranks_words = frozenset(data["own_ranks_words"])
        self.loss_verbs = frozenset(data["loss_verbs"])
        self.suspect_words = frozenset(data["suspect_words"])
        self.causing_verbs = frozenset(data["causing_verbs"])
        self.fatal_adverbs = set(data["fatal_adverbs"])
        self.partitive_prepositions = frozenset(data["partitive_prepositions"])
        self.toll_prepositions = frozenset(data["toll_prepositions"])
        self.victim_nouns = _with_french_forms(invert(data["victim_nouns"]))
        self.victim_by_actor_type = data["victim_by_actor_type"]
        self.ignored_actor_types = frozenset(data["actor_types_no_party"])
        self.anaphoric_people = frozenset(data["anaphoric_people"])
        self.attack_targets = frozenset(data["attack_target_prepositions"])
        self.target_nouns = _with_french_forms(invert(data["target_nouns"]))
        self.target_modifiers = _with_french_forms(invert(data["target_modifiers"]))
        self.target_verbs = _with_french_words(data["target_verbs"])
        self.landmark_words = frozenset(data["landmark_words"])
        self.fight_nouns = dict.fromkeys(_with_french_words(data["fight_words"]), "fight")
        self.between_words = frozenset(data["between_words"])
        self.side_joiners = frozenset(data["side_joiners"])
        self.anaphoric_men = frozenset(data["men_nouns"])
        self.unnamed_attackers = _with_french_forms(invert(data["unnamed_attackers"]))
        self.unnamed_attacker_order = list(data["unnamed_attackers"])
        self.harm_means = _with_french_forms(invert(data["harm_means"]))
        self.harm_phrases = {phrase: means for phrase, means in invert(data["harm_means"]).items() if " " in phrase}
        self.incident_recall_cues = list(data["incident_recall_cues"])
        self.inclusion_words = frozenset(data["inclusion_words"])
        self.future_auxiliaries = frozenset(data["future_auxiliaries"])
        self.person_determiners = frozenset(data["person_determiners"])
        self.attempt_verbs = frozenset(data["attempt_verbs"])
        self.relative_people = frozenset(data["relative_people"])
        self.singular_determiners = set(data["singular_determiners"])
        self.units = set(data["units"])
        self.date_words = set(data["date_words"])
        self.reporting_verbs = set(data["reporting_verbs"])
        self.source_kinds = _with_french_forms(invert(data["source_kinds"]))
        self.place_kind_modifiers = set(data["place_kind_modifiers"])
        self.place_kind_heads = _with_french_words(data["place_kind_heads"])
        self.speaker_documents = set(data["speaker_documents"])
        self.anonymous = set(data["anonymous_markers"])
        self.party_types = set(data["party_types"])
        self.defence_forces = dict(data["defence_forces"])
        self.relay_words = set(data["relay_words"])
        self.headline_tag_words = data["headline_tag_words"]
        self.relative_pronouns = set(data["relative_pronouns"])
        self.described_parties = {french_base(word): set(types) for word, types in invert_many(data["described_parties"]).items()}
        self.described_parties.update({word: set(types) for word, types in invert_many(data["described_parties"]).items()})
        self.definite_determiners = set(data["definite_determiners"])
        self.french_definite = {french_base(w) for w in data["french_definite"]}
        self.titles_of_parties = set(data["titles_of_parties"])
        self.person_pronouns = set(data["person_pronouns"])
        self.person_kinds = set(data["person_kinds"])
        self.speaker_pronouns = set(data["speaker_pronouns"]) | set(data["french_speaker_pronouns"])
        self.issuerless_reports = set(data["issuerless_reports"])
        self.responsibility_words = set(data["responsibility_words"])
        self.defence_words = set(data["defence_words"])
        self.ministry_words = set(data["ministry_words"])
        self.non_state_types = set(data["actor_groups"]["non_state"])
        self.state_types = set(data["actor_groups"]["state"])
        self.state_speaker_types = set(data["actor_groups"]["state_speakers"])
        self.armed_types = self.non_state_types | self.state_types
        self.attack_words = set(data["attack_words"])
        # attack nouns as `lookup` reads them, with their French forms ("l'attaque contre…")
        self.attack_nouns = dict.fromkeys(_with_french_words(data["attack_words"]), "attack")
        self.blame_verbs = set(data["blame_verbs"])
        self.aggregate_cues = phrase_set(data["aggregate_cues"])
        self.aggregate_periods = set(data["aggregate_periods"])
        self.aggregate_perfect_floor = data["aggregate_perfect_floor"]
        self.aggregate_vague_floor = data["aggregate_vague_floor"]
        self.superseded_cues = phrase_set(data["superseded_cues"])
        self.aggregate_lists = {key[len("aggregate_"):]: data[key] for key in KEYS
                                if key.startswith("aggregate_") and KEYS[key] is list}
        self.aggregate_range_words = data["aggregate_range_words"]
        self.french_source_phrases = [tuple(french_base(w) for w in phrase.split())
                                      for phrase in data["french_source_phrases"]]
        self.french_reporting = {french_base(w) for w in data["french_reporting_words"]}
        self.french_pronouns = set(data["french_speaker_pronouns"])
        self.french_fillers = {french_base(w) for w in data["french_verb_fillers"]}
        self.french_blame = {french_base(w) for w in data["french_blame_words"]}
        self.french_articles = frozenset(data["french_articles"])
        self.french_breaks = {french_base(w) for w in data["french_clause_breaks"]}
        self.french_anonymous = {french_base(w) for w in data["french_anonymous_markers"]}
        self.french_relays = {french_base(w) for w in data["french_relay_words"]}
        self.french_demonstratives = {french_base(w) for w in data["french_demonstratives"]}
        self.french_by = {french_base(w) for w in data["french_by"]}
        self.french_inverted = set(data["french_inverted_pronouns"])
        self.french_documents = {french_base(w) for w in data["french_documents"]}
        self.french_relay_from = {french_base(w) for w in data["french_relay_from"]}

    @classmethod
    def from_folder(cls, folder: str | Path | None = None, lang: str | None = None) -> "ClaimLexicon":
        """The lexicon of a folder of shared/en/fr YAML files (None: the packaged one), for
        one language (None: all)."""
        folder = Path(folder) if folder else default_lexicon_folder()
        return cls(read_lexicon_files(folder), folder, lang)

    @cached_property
    def blamable_types(self) -> set[str]:
        """Armed actor types an attack can be blamed on: not a state force by default."""
        return self.armed_types - {"state_forces"}

    def lookup(self, table: dict[str, str] | set[str] | frozenset[str], token) -> str | None:
        """A token's entry in a word table (a set: the form found in it), by lemma, by its
        own form or (French) by its lookup form."""
        forms = (token.lemma_.lower(), token.lower_) + ((french_base(token.lower_),) if self.lang != "en" else ())
        for form in forms:
            if form in table:
                return table[form] if isinstance(table, dict) else form
        return None

    def people_group(self, token) -> str | None:
        """The victim group a word names ("soldiers", "d’assaillants"), or None."""
        return self.lookup(self.victim_nouns, token)


def _with_french_words(words: list[str]) -> frozenset[str]:
    """The words with each one's French lookup form ("attaque" also as "attaqu…")."""
    return frozenset(words) | {french_base(word) for word in words}


def _with_french_forms(table: dict[str, str]) -> dict[str, str]:
    """The table with each word's French lookup form added ("soldat" also as typed)."""
    return {**{french_base(word): value for word, value in table.items()}, **table}
