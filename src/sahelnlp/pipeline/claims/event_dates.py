"""Event dates: a DATE mention resolved to one day against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

_VAGUE = re.compile(r"\b(week|weeks|month|months|year|years|decade|recent|past|weekend|since|ago|period)\b", re.I)
_NOISE = re.compile(r"\b(early|late|on|in|the|last|this|morning|afternoon|evening|night|overnight|of|dawn|"
                    r"dans|la|nuit|de|du|le|ce|dernier|passé|matin|soir|matinée|soirée|journée)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre")
_MONTH = re.compile(rf"\b({_MONTHS})\b", re.I)
_MONTH_OR_YEAR = re.compile(rf"\b({_MONTHS}|1[89]\d\d|20\d\d)\b", re.I)
_DAY_WORD = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim)[a-z]*\b"
                       r"|\b\d{1,2}\b|\b(yesterday|today|hier)\b", re.I)

_CURRENT_MONTH = re.compile(r"\b(\d{1,2})(?:er)?\s+courant\b", re.I)

# A bare weekday in a report means the latest such day up to the publication day.
WEEKDAYS = {name: i for i, names in enumerate([
    ("monday", "lundi"), ("tuesday", "mardi"), ("wednesday", "mercredi"), ("thursday", "jeudi"),
    ("friday", "vendredi"), ("saturday", "samedi"), ("sunday", "dimanche")]) for name in names}


def _weekday(weekday: int, published: str) -> str:
    base = date.fromisoformat(published)
    return (base - timedelta(days=(base.weekday() - weekday) % 7)).isoformat()


@lru_cache(maxsize=50_000)
def resolve(text: str, published: str | None) -> str | None:
    """ISO date of one day named by `text`, or None for months, years and vague spans.

    text (str): a DATE entity's text: "Tuesday", "on September 17", "late Monday".
    published (str | None): ISO publication date; relative dates need it.
    RETURNS (str | None): "YYYY-MM-DD" or None.
    """
    if _VAGUE.search(text) or not _DAY_WORD.search(text):
        return None
    if published is None and not _YEAR.search(text):
        return None
    # "Sunday and Monday", "Saturday-Sunday": a multi-day fight is dated by its first day;
    # "the night of 4 to 5 August": the first day takes the month (and year) of the last
    first, *rest = re.split(r"\s+(?:and|to|through|et|au|à)\s+|\s*[-–]\s*(?=[A-Za-z])", text, maxsplit=1)
    if rest and not _MONTH.search(first) and _MONTH.search(rest[0]) and re.search(r"\d", first):
        first = f"{first} {' '.join(m.group(0) for m in _MONTH_OR_YEAR.finditer(rest[0]))}"
    text = first
    current = _CURRENT_MONTH.search(text)
    if current and published:  # "le 12 courant": day 12 of the publication's month
        day = int(current.group(1))
        base = date.fromisoformat(published)
        try:
            found = base.replace(day=day)
        except ValueError:
            return None
        return found.isoformat() if found <= base else None
    cleaned = " ".join(_NOISE.sub(" ", text).replace(",", " ").split())
    if not cleaned:
        return None
    if cleaned.lower() in WEEKDAYS:
        return _weekday(WEEKDAYS[cleaned.lower()], published) if published else None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        base = datetime.fromisoformat(published)
        settings["RELATIVE_BASE"] = base
    try:
        parsed = dateparser.parse(cleaned, languages=["en", "fr"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    if published and parsed.date() > datetime.fromisoformat(published).date():
        return None  # an event can't follow its own report
    return parsed.date().isoformat()
