"""An incident's event type and sub-type in ACLED's taxonomy, where its text supports one.

- A weapon named in the sentences of its claims makes it explosions/remote violence,
  unless soldiers and their enemies both lost people (a fight is a battle whatever its
  weapons):
  suicide bomb, air or drone strike, remote explosive (IED, landmine), shelling; the cue
  words are data (`data/eventdata/event_types.yaml`, per language).
- Otherwise: only arrests make it strategic developments (arrests); victims who are
  armed (soldiers, fighters, peacekeepers) a battle (armed clash); civilians only,
  abducted or gone missing, violence against civilians (abduction/forced
  disappearance); civilians killed or hurt, violence against civilians (attack).
- Victims of unknown kind with no weapon named: no type, rather than a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import srsly

from .sides import CIVILIANS, STATE

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIAN_VIOLENCE = "Violence against civilians"
STRATEGIC = "Strategic developments"
# ACLED's sub-event type -> the codebook's incident type (gold `incidents[].type`)
CODEBOOK_TYPES = {"Armed clash": "armed clash", "Attack": "attack",
                  "Abduction/forced disappearance": "abduction", "Remote explosive/landmine/IED": "remote explosive",
                  "Air/drone strike": "air or drone strike", "Suicide bomb": "suicide bomb",
                  "Shelling/artillery/missile attack": "shelling", "Arrests": "arrests"}
TAKEN = ("abducted", "missing")


@lru_cache(maxsize=1)
def weapon_cues() -> tuple[tuple[str, dict[str, re.Pattern]], ...]:
    """(sub-event type, language -> one pattern of its cue words), in the file's order."""
    text = resources.files("sahelnlp").joinpath("data/eventdata/event_types.yaml").read_text(encoding="utf-8")
    found = []
    for entry in srsly.yaml_loads(text)["remote_violence"]:
        patterns = {lang: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
                                     + r")(?!\w)", re.IGNORECASE)
                    for lang, cues in entry["cues"].items()}
        found.append((entry["sub_event_type"], patterns))
    return tuple(found)


def event_type(members: list) -> tuple[str | None, str | None]:
    """(event type, sub-event type) of an incident's claims, or (None, None)."""
    weapon = _weapon(members)
    if weapon and not _two_sided(members):
        return REMOTE, weapon
    outcomes = {m.claim["outcome"] for m in members}
    if outcomes == {"arrested"}:
        return STRATEGIC, "Arrests"
    hurt = [m for m in members if m.claim["outcome"] != "arrested"]
    targets = {m.target_camp for m in hurt}
    if targets - {CIVILIANS, None}:
        return BATTLES, "Armed clash"
    if CIVILIANS in targets:
        if {m.claim["outcome"] for m in hurt} <= set(TAKEN):
            return CIVILIAN_VIOLENCE, "Abduction/forced disappearance"
        return CIVILIAN_VIOLENCE, "Attack"
    return None, None


def _two_sided(members: list) -> bool:
    """The state's side and its enemies both lost people: a fight, whatever its weapons."""
    hit = {m.target_camp for m in members if m.claim["outcome"] != "arrested"} - {None, CIVILIANS}
    return len(hit) >= 2 and STATE in hit


def _weapon(members: list) -> str | None:
    """The first sub-type whose cue the claims' sentences of at least half the incident's
    articles name (one article's aside on a drone does not make a clash a strike)."""
    articles = {m.article_id for m in members}
    for sub_type, patterns in weapon_cues():
        naming = {m.article_id for m in members
                  if m.sentence and (pattern := patterns.get(m.lang or "en")) and pattern.search(m.sentence)}
        if naming and 2 * len(naming) >= len(articles):
            return sub_type
    return None
