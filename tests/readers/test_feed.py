"""Tests for readers/feed.py: RSS and Atom feeds by feedparser."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelnlp.readers import InputError, read_inputs
from sahelnlp.readers.feed import html_to_text, read_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Sahel Desk</title><link>https://desk.example.org/</link><language>en-US</language>
  <item>
    <title>Checkpoint attacked at dawn</title>
    <link>https://desk.example.org/checkpoint/?utm_source=rss&amp;utm_medium=rss&amp;page=2</link>
    <guid isPermaLink="false">https://desk.example.org/?p=11</guid>
    <pubDate>Tue, 24 Sep 2024 01:05:52 +0300</pubDate>
    <description><![CDATA[<p>A short summary.</p>]]></description>
    <content:encoded><![CDATA[<p>Gunmen attacked a <a href="/x">checkpoint</a> at dawn.</p>
<p>Reinforcements arrived by noon.</p>
<p>The post Checkpoint attacked at dawn appeared first on Sahel Desk.</p>]]></content:encoded>
  </item>
  <item>
    <title>Summary only</title>
    <link>https://desk.example.org/summary/</link>
    <pubDate>Mon, 23 Sep 2024 09:00:00 +0000</pubDate>
    <description>Plain summary of the day.</description>
  </item>
  <item>
    <title>Nothing inside</title>
    <link>https://desk.example.org/empty/</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Fil</title>
  <entry>
    <title>Renforts envoyés au nord</title>
    <id>urn:uuid:7c1e9a4e-0000-4000-8000-000000000001</id>
    <link href="https://fil.example.org/renforts"/>
    <updated>2024-03-05T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Des renforts ont été envoyés vers le nord.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_read_feed_rss_entries() -> None:
    first, second, third = read_feed(RSS, "feeds/desk.xml")
    assert first.id == "https://desk.example.org/?p=11"
    assert first.title == "Checkpoint attacked at dawn"
    assert first.url == "https://desk.example.org/checkpoint/?page=2"
    # The stated date, not feedparser's UTC one (which falls on the 23rd).
    assert first.published == "2024-09-24"
    assert first.text == "Gunmen attacked a checkpoint at dawn.\nReinforcements arrived by noon."
    assert first.lang == "en"
    assert first.source == "feeds/desk.xml#1"
    assert (second.text, second.id, second.published) == (
        "Plain summary of the day.",
        "https://desk.example.org/summary/",
        "2024-09-23",
    )
    assert third.text == "" and third.errors == [
        "[E060] feeds/desk.xml#3: the feed entry has neither content nor summary: nothing to annotate."
    ]


def test_read_feed_atom_entry() -> None:
    (entry,) = read_feed(ATOM, "fil.atom")
    assert entry.id == "urn:uuid:7c1e9a4e-0000-4000-8000-000000000001"
    assert entry.url == "https://fil.example.org/renforts"
    assert entry.published == "2024-03-05"
    assert entry.text == "Des renforts ont été envoyés vers le nord."
    assert entry.lang == "fr"


def test_read_feed_without_entries_raises() -> None:
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        list(read_feed("<rss><channel><title>x</title>", "broken.rss"))


def test_latin1_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "old.rss"
    path.write_bytes(
        RSS.replace("UTF-8", "ISO-8859-1")
        .replace("at dawn.</p>", "à l'aube.</p>")
        .encode("latin-1")
    )
    first = next(read_inputs([str(path)]))
    assert first.text.startswith("Gunmen attacked a checkpoint à l'aube.")


@pytest.mark.parametrize(
    "fragment,expected",
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\nTwo & three."),
        ("Already plain.", "Already plain."),
    ],
)
def test_html_to_text(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected
