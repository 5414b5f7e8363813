"""Date normalization shared by all readers: any written date to an ISO date."""

from __future__ import annotations

import email.utils
from datetime import date, datetime
from typing import Any

import dateparser

# Languages of the news we read; naming them keeps dateparser fast and
# deterministic (no language detection per value).
LANGUAGES = ["en", "fr"]

# A date is only a date when it names day, month and year; relative phrases
# ("2 days ago") are relative to an unknown scrape time, so they are refused.
DATEPARSER_SETTINGS: dict[str, Any] = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def to_iso_date(value: str | None) -> str | None:
    """Normalize a written date to an ISO date (YYYY-MM-DD).

    Accepts ISO dates and datetimes ("2024-09-18", "2024-09-18T04:54:07Z"),
    RFC 822 dates ("Wed, 18 Sep 2024 04:54:07 +0000", kept in the stated time
    zone) and written dates in English or French ("18 September 2024",
    "July 10, 2023", "10 juillet 2023").

    value (str | None): the date as written.
    RETURNS (str | None): the ISO date, or None when `value` is empty or does
        not name a day, a month and a year.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    parsed = _from_iso(value) or _from_rfc822(value) or _from_words(value)
    return parsed.isoformat() if parsed is not None else None


def _from_iso(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _from_rfc822(value: str) -> date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _from_words(value: str) -> date | None:
    try:
        parsed = dateparser.parse(value, languages=LANGUAGES, settings=DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed is not None else None
