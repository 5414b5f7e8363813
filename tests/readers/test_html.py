"""Tests for readers/html.py: main text and metadata of a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelnlp.readers import InputError, read_inputs
from sahelnlp.readers.html import read_html

PAGE = """<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <title>Poste attaqué près de Ménaka - Le Quotidien</title>
  <link rel="canonical" href="https://quotidien.example.org/poste-attaque?utm_source=share&amp;id=7">
  <meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head>
<body>
  <nav><a href="/">Accueil</a> <a href="/politique">Politique</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>Poste attaqué près de Ménaka</h1>
    <p>Des hommes armés ont visé un poste de contrôle à l'aube, selon plusieurs habitants joints par téléphone.</p>
    <p>Les autorités locales n'avaient communiqué aucun bilan en fin de journée, mais des renforts ont été envoyés.</p>
  </article>
  <div class="comments"><p>Commentaire : merci pour cet article très complet sur la situation.</p></div>
  <footer>Tous droits réservés. Mentions légales. Nous contacter.</footer>
</body>
</html>
"""


def test_read_html_main_text_and_metadata() -> None:
    (article,) = read_html(PAGE, "pages/poste.html", stem="poste")
    assert article.id == "poste"
    assert article.source == "pages/poste.html"
    assert "Des hommes armés ont visé un poste de contrôle" in article.text
    assert "renforts ont été envoyés" in article.text
    for chrome in ("Accueil", "Tous droits réservés", "Commentaire"):
        assert chrome not in article.text
    assert article.title == "Poste attaqué près de Ménaka"
    assert article.published == "2024-03-05"
    assert article.url == "https://quotidien.example.org/poste-attaque?id=7"
    assert article.lang == "fr"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body></body></html>",
        "<html><head><title>Vide</title></head><body><script>var a = 1;</script></body></html>",
    ],
)
def test_read_html_without_main_text_raises(page: str) -> None:
    with pytest.raises(InputError, match="no main text"):
        list(read_html(page, "stub.html"))


def test_html_file_without_text_gives_error_article(tmp_path: Path) -> None:
    path = tmp_path / "stub.htm"
    path.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert article.id == "stub" and article.text == ""
    assert article.errors == [
        f"[E061] {path}: no main text found in the HTML. Pass the article page itself, not an index or a stub."
    ]
