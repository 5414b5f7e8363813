"""`sahelnlp review`: a self-contained page, rendered by headless Chromium and checked
on its screenshot."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.pages.review import render_page
from sahelnlp.readers import read_inputs
from sahelnlp.runner import annotate

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "corpus" / "examples" / "articles.jsonl"
ACTOR_COLOUR = (0xF6, 0xB8, 0xA6)
PLACE_COLOUR = (0x9F, 0xD8, 0xD9)
QUANTITY_COLOUR = (0xD9, 0x8A, 0x00)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1200,1600"]


@pytest.fixture(scope="module")
def records(nlp) -> list[dict]:
    return list(annotate(nlp, read_inputs([str(EXAMPLES)])))


def test_page_is_self_contained_and_lists_every_claim(records, tmp_path):
    page = render_page(records, title="examples")
    for needle in ("http://", "https://", "<script", "<link", "@import", "url("):
        assert needle not in page.split("<body>")[0], needle  # nothing fetched by the head
    assert "<script" not in page and "src=" not in page
    claims = sum(len(r["claims"]) for r in records)
    assert page.count("<tr><td>") == claims
    for record in records:
        assert f'id="{record["id"]}"' in page
        for actor in record["actors"]:
            assert f"actor:{actor['id']}" in page


def test_text_is_escaped_not_interpreted(records):
    record = dict(records[0], text="<b>JNIM</b> & co", entities=[], claims=[], actors=[], places=[])
    page = render_page([record])
    assert "&lt;b&gt;JNIM&lt;/b&gt; &amp; co" in page


def test_screenshot_in_headless_chromium_shows_the_highlights(records, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    page = tmp_path / "review.html"
    result = CliRunner().invoke(app, ["review", str(out), "-o", str(page)])
    assert result.exit_code == 0, result.output
    shot = tmp_path / "shot.png"
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={shot}", page.as_uri()], check=True, capture_output=True, timeout=120)
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1600)
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    pixels = dict((colour, count) for count, colour in image.getcolors(maxcolors=1 << 20))
    for name, colour in (("actor", ACTOR_COLOUR), ("place", PLACE_COLOUR), ("quantity", QUANTITY_COLOUR)):
        assert colour in colours and pixels[colour] > 200, f"no {name} highlight on the page"


def test_the_page_sends_the_annotator_to_the_least_sure_claims_and_names_what_it_marks(records):
    import re

    page = render_page(records, title="examples")
    ids = set(re.findall(r'id="([^"]+)"', page))
    triage = page.split('id="triage"')[1].split("</section>")[0]
    scores = [float(s) for s in re.findall(r'<a href="#[^"]+">(\d\.\d\d)</a>', triage)]
    assert scores and scores == sorted(scores)
    assert all(target in ids for target in re.findall(r'href="#([^"]+)"', page))  # every link lands
    assert len(re.findall(r'<li><a href="#a\d+">', page)) == len(records)  # the contents
    actor = next(a for r in records for a in r["actors"])
    assert f'title="{actor["name"]} (' in page or f"title=\"{actor['name']} (" in page.replace("&#39;", "'")
    assert "set by: " in page and "victim: " in page


def test_where_sources_differ_lists_each_figure_with_its_claim():
    def report(article_id: str, value: int) -> dict:
        text = f"Gunmen killed {value} civilians in Boni on Sunday."
        start = text.index(str(value))
        return {"id": article_id, "meta": {"title": article_id, "published": "2024-03-11", "lang": "en"},
                "text": text, "entities": [], "actors": [], "errors": [],
                "places": [{"id": "sahel:boni", "name": "Boni", "country": "ML", "admin1": "Mopti",
                            "admin2": "Douentza", "kind": "village", "lat": 15.05, "lon": -1.98, "mentions": []}],
                "claims": [{"outcome": "killed", "quantity": {"text": str(value), "value": value, "low": value,
                                                              "high": value, "approximate": False},
                            "victim": "civilians", "victim_actor": None, "perpetrator": None, "source": None,
                            "claimed": False, "aggregate": False, "superseded": False, "negated": False,
                            "event_date": "2024-03-10", "place": "sahel:boni", "span": [start, start + 2],
                            "quantity_span": [start, start + len(str(value))], "sentence": [0, len(text)],
                            "score": 0.9, "evidence": {"victim": "victim.counted_noun"}}]}
    page = render_page([report("wire", 12), report("local", 17)])
    differing = page.split('id="differing"')[1].split("</section>")[0]
    assert "Boni" in differing and "12 (" in differing and "17 (" in differing
    assert 'href="#a0-c1"' in differing and 'href="#a1-c1"' in differing


def test_the_review_page_of_the_seeds_draws_in_chromium_and_its_links_land(seed_records, open_review):
    opened = open_review(seed_records)
    claims = sum(len(r["claims"]) for r in seed_records)
    assert opened.page.locator("#triage tr").count() == claims + 1  # with its heading
    link = opened.page.locator("#triage a").first
    target = link.get_attribute("href")
    link.click()
    assert opened.page.evaluate("location.hash") == target
    assert opened.page.locator(target).is_visible()
    assert opened.page.locator(target).bounding_box()["y"] < 200  # scrolled to the claim's quantity


def test_the_review_page_of_a_500_article_run_draws_its_highlights(run_500, open_review):
    opened = open_review(run_500)
    assert opened.page.locator("#triage tr").count() > 500
    opened.page.locator("#triage a").first.click()  # the least sure claim's quantity
    image = Image.open(io.BytesIO(opened.screenshot("review-500"))).convert("RGB")
    pixels = dict((colour, count) for count, colour in image.getcolors(maxcolors=1 << 20))
    for name, colour in (("actor", ACTOR_COLOUR), ("place", PLACE_COLOUR), ("quantity", QUANTITY_COLOUR)):
        assert pixels.get(colour, 0) > 100, f"no {name} highlight where the triage link leads"
