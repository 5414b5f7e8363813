"""Tests for readers/feeddump.py: RSS feeds flattened to text, split per item."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelnlp.readers import read_inputs
from sahelnlp.readers.feeddump import read_feed_dump, split_feed_dump

CHANNEL = (
    "Sahel Desk https://news.example.org/tag/sahel/ Reports from the region "
    "Mon, 02 Dec 2024 08:00:00 +0000 en-US hourly 1 https://generator.example.net/?v=1 "
    "https://news.example.org/logo-32x32.png Sahel Desk https://news.example.org/tag/sahel/ 32 32 "
)
DUMP = (
    CHANNEL + "Patrol Hit by Roadside Bomb https://news.example.org/2024/12/02/patrol-bomb/"
    "?utm_source=rss&utm_medium=rss&utm_campaign=patrol-bomb Mon, 02 Dec 2024 07:45:10 +0000 "
    "https://news.example.org/?p=501 A patrol struck an explosive device near a market town.\n"
    "\n"
    "The post Patrol Hit by Roadside Bomb appeared first on Sahel Desk.\n"
    "\n"
    "]]>\n"
    "A patrol struck an explosive device on Sunday near a market town, officials said.\n"
    "\n"
    "Two vehicles were damaged and the road was closed for the day.\n"
    "\n"
    "The post Patrol Hit by Roadside Bomb appeared first on Sahel Desk.\n"
    "\n"
    "]]>\n"
    "Herders Flee After Night Raid https://news.example.org/2024/11/28/herders-flee/?id=7&utm_source=rss "
    "Thu, 28 Nov 2024 19:02:00 +0000 https://news.example.org/?p=498 Dozens of families left their camps.\n"
    "\n"
    "The post Herders Flee After Night Raid appeared first on Sahel Desk.\n"
    "\n"
    "]]>\n"
    "]]>\n"
    "Talks Resume in the Capital https://news.example.org/2024/11/20/talks/ "
    "Wed, 20 Nov 2024 10:00:00 +0000 https://news.example.org/?p=490 Delegations met again.\n"
    "]]>\n"
    "Delegations met again on Wednesday after a pause of two months.\n"
    "]]>"
)


def test_split_feed_dump_items() -> None:
    items = split_feed_dump(DUMP)
    assert [item.title for item in items] == [
        "Patrol Hit by Roadside Bomb",
        "Herders Flee After Night Raid",
        "Talks Resume in the Capital",
    ]
    assert [item.url for item in items] == [
        "https://news.example.org/2024/12/02/patrol-bomb/",
        "https://news.example.org/2024/11/28/herders-flee/?id=7",
        "https://news.example.org/2024/11/20/talks/",
    ]
    assert [item.published for item in items] == ["2024-12-02", "2024-11-28", "2024-11-20"]
    assert [item.guid for item in items] == [
        f"https://news.example.org/?p={n}" for n in (501, 498, 490)
    ]


def test_split_feed_dump_texts_are_slices_of_the_dump() -> None:
    items = split_feed_dump(DUMP)
    assert items[0].text == (
        "A patrol struck an explosive device on Sunday near a market town, officials said.\n"
        "\n"
        "Two vehicles were damaged and the road was closed for the day."
    )
    # An item without a body falls back to its description.
    assert items[1].text == "Dozens of families left their camps."
    assert items[2].text == "Delegations met again on Wednesday after a pause of two months."
    for item in items:
        assert DUMP[item.start : item.end] == item.text
        assert "]]>" not in item.text and "appeared first on" not in item.text


def test_read_feed_dump_articles() -> None:
    articles = list(read_feed_dump(DUMP, "in/desk.txt"))
    assert [a.source for a in articles] == ["in/desk.txt#1", "in/desk.txt#2", "in/desk.txt#3"]
    assert [a.id for a in articles] == [f"https://news.example.org/?p={n}" for n in (501, 498, 490)]
    assert all(a.ok for a in articles)


def test_feed_dump_without_guid_uses_clean_url() -> None:
    dump = DUMP.replace(" https://news.example.org/?p=501", "")
    first = next(read_feed_dump(dump, "d.txt"))
    assert first.id == "https://news.example.org/2024/12/02/patrol-bomb/"


def test_feed_dump_title_without_boilerplate_line_skips_channel() -> None:
    dump = DUMP.replace("The post Patrol Hit by Roadside Bomb appeared first on Sahel Desk.\n", "")
    assert split_feed_dump(dump)[0].title == "Patrol Hit by Roadside Bomb"


def test_feed_dump_leftover_after_last_item_is_kept_with_an_error() -> None:
    articles = list(read_feed_dump(DUMP + "stray words left behind", "d.txt"))
    assert len(articles) == 4
    assert articles[-1].text == "stray words left behind"
    assert articles[-1].source == "d.txt#4"
    assert "after the last item" in articles[-1].errors[0]


def test_feed_dump_marker_glued_to_next_header() -> None:
    dump = DUMP.replace("]]>\nHerders Flee", "]]>Herders Flee")
    assert [item.title for item in split_feed_dump(dump)][1] == "Herders Flee After Night Raid"


@pytest.mark.parametrize(
    "text",
    [
        "A plain report. It cites https://example.org/a on Mon, 02 Dec 2024 07:45:10 +0000 without markers.",
        "Some text with ]]> but no dated header.",
        "",
    ],
)
def test_split_feed_dump_ignores_other_text(text: str) -> None:
    assert split_feed_dump(text) == []


SEED_ITEMS = [
    (
        "Bamako Breached: JNIM’s Capital Strike Signals Dangerous New Chapter for Mali",
        "https://thedefensepost.com/2024/09/24/mali-jnim-bamako-attack/",
        "2024-09-24",
        "https://thedefensepost.com/?p=85891",
    ),
    (
        "Al-Qaeda-Linked Jihadist Group Claims Rare Attack on Mali Capital",
        "https://thedefensepost.com/2024/09/18/jihadists-claim-attack-mali-capital/",
        "2024-09-18",
        "https://thedefensepost.com/?p=85383",
    ),
    (
        "Gunmen Attack Police Base in Mali Capital",
        "https://thedefensepost.com/2024/09/17/gunmen-attack-police-base-in-mali-capital/",
        "2024-09-17",
        "https://thedefensepost.com/?p=85327",
    ),
    (
        "Mali Separatists Say Killed Dozens of Wagner, Government Fighters",
        "https://thedefensepost.com/2024/08/02/mali-separatists-kill-wagner-government-fighters/",
        "2024-08-02",
        "https://www.thedefensepost.com/?p=82229",
    ),
    (
        "Mali Army Admits ‘Large Number’ of Losses in Fighting in North",
        "https://thedefensepost.com/2024/07/30/mali-army-losses-north/",
        "2024-07-30",
        "https://www.thedefensepost.com/?p=81981",
    ),
    (
        "Mali Separatists Claim Major Victory Over Army, Russian Allies",
        "https://thedefensepost.com/2024/07/29/mali-separatists-victory-algeria-border/",
        "2024-07-29",
        "https://www.thedefensepost.com/?p=81853",
    ),
    (
        "Mali Army Fights Separatists on Algeria Border: Spokesman",
        "https://thedefensepost.com/2024/07/26/mali-fights-algeria-border/",
        "2024-07-26",
        "https://www.thedefensepost.com/?p=81740",
    ),
    (
        "Suspected Jihadist Attack in Mali Kills More Than 20 Civilians",
        "https://thedefensepost.com/2024/07/03/suspected-jihadist-attack-central-mali/",
        "2024-07-03",
        "https://www.thedefensepost.com/?p=80222",
    ),
    (
        "21 Die in Niger Attack: Defense Ministry",
        "https://thedefensepost.com/2024/06/26/western-niger-attack/",
        "2024-06-26",
        "https://www.thedefensepost.com/?p=79679",
    ),
    (
        "Armed Men Kill at Least 18 Civilians in Central Mali: Sources",
        "https://thedefensepost.com/2024/05/27/civilians-killed-central-mali/",
        "2024-05-27",
        "https://www.thedefensepost.com/?p=77800",
    ),
]


def test_seed_dump_splits_into_ten_items(dump_seed: Path) -> None:
    articles = list(read_inputs([str(dump_seed)]))
    assert [(a.title, a.url, a.published, a.id) for a in articles] == SEED_ITEMS
    assert [a.source for a in articles] == [f"{dump_seed}#{n}" for n in range(1, 11)]
    assert all(a.ok for a in articles)


def test_seed_dump_texts_are_clean_and_verbatim(dump_seed: Path) -> None:
    raw = dump_seed.read_text(encoding="utf-8")
    for article in read_inputs([str(dump_seed)]):
        assert article.text
        assert "]]>" not in article.text
        assert "appeared first on" not in article.text
        assert article.text in raw
