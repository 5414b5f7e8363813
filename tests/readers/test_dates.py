"""Tests for readers/dates.py: written dates to ISO dates."""

from __future__ import annotations

import pytest

from sahelnlp.readers.dates import to_iso_date


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2023-07-10", "2023-07-10"),
        ("2024-09-18T04:54:07Z", "2024-09-18"),
        ("2024-09-18T23:10:00+02:00", "2024-09-18"),
        ("Wed, 18 Sep 2024 04:54:07 +0000", "2024-09-18"),
        ("Tue, 24 Sep 2024 01:05:52 +0300", "2024-09-24"),
        ("18 September 2024", "2024-09-18"),
        ("July 10, 2023", "2023-07-10"),
        ("10 July 2023", "2023-07-10"),
        ("10 juillet 2023", "2023-07-10"),
        ("  2023-07-10\n", "2023-07-10"),
    ],
)
def test_to_iso_date_parses(value: str, expected: str) -> None:
    assert to_iso_date(value) == expected


@pytest.mark.parametrize(
    "value", [None, "", "   ", "July 2023", "2023", "2 days ago", "yesterday", "no date here"]
)
def test_to_iso_date_refuses_partial_relative_and_empty(value: str | None) -> None:
    assert to_iso_date(value) is None
