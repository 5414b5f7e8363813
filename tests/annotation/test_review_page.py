"""`sahelnlp review`: a self-contained page, rendered by headless Chromium and checked
on its screenshot."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sahelnlp.cli import app
from sahelnlp.readers import read_inputs
from sahelnlp.review_page import render_page
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
    Image = pytest.importorskip("PIL.Image")
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
