"""The codebook's closed vocabularies (../shared/codebook.md), in one home.

The output schema, the annotation tools and the gold checker all draw on these; a test
holds the schema's enums against them.
"""

from __future__ import annotations

import re

OUTCOMES = ("killed", "injured", "abducted", "missing", "arrested", "casualties")
VICTIM_GROUPS = ("civilians", "security_forces", "militants", "peacekeepers", "foreign_forces",
                 "mixed", "unknown")
FLAGS = ("claimed", "aggregate", "superseded", "negated")
SOURCE_KINDS = ("government", "local official", "security source", "medical source", "witness",
                "resident", "humanitarian", "news agency", "analyst", "other")
PLACE_KINDS = ("country", "region", "area", "city", "town", "village", "facility", "natural")
# kinds that name no one site of an event: a claim or an incident there is not placed precisely
COARSE_PLACE_KINDS = ("country", "region", "area")
# How specific each kind of place is, for "the incident's most specific place" (sections
# 1 and 4): a facility within a village, a village rather than its commune, a commune
# rather than an area that spans borders, anything rather than the country.
PLACE_SPECIFICITY = {"facility": 6, "village": 5, "town": 4, "city": 4, "natural": 3, "region": 2,
                     "area": 1, "country": 0}
ACTOR_TYPES = ("state_forces", "jihadist", "rebel", "militia", "foreign_forces", "international",
               "government", "civilians", "person", "generic")
LANGUAGES = ("en", "fr")
# Section 4: what kind of event an incident is (after ACLED's sub-event types).
INCIDENT_TYPES = ("armed clash", "attack", "abduction", "remote explosive", "air or drone strike",
                  "suicide bomb", "shelling", "arrests", "other")

# Section 2: an actor id is its canonical name, lower-cased, runs of other characters as '-'.
ACTOR_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Section 4: an incident key names the country, the day (or month, or year) and the place:
# "ml-2024-09-17-bamako", "bf-2022-09-gaskinde", "ne-undated-tillia-camp".
INCIDENT_KEY = re.compile(r"^[a-z]{2}-(?:\d{4}(?:-\d{2}){0,2}|undated)-[a-z0-9]+(?:-[a-z0-9]+)*$")

