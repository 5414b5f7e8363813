"""The actor ruler: aliases in their many spellings, force phrases, generic actors."""

from __future__ import annotations

import pytest

from sahelnlp.pipeline.actors.kb import ActorKB
from sahelnlp.normalize import slug


def actors_in(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(e.text, e.kb_id_) for e in doc.ents if e.kb_id_.startswith("actor:")]


@pytest.mark.parametrize("text, mention, actor", [
    ("JNIM claimed the attack.", "JNIM", "jnim"),
    ("The GSIM claimed the attack.", "GSIM", "jnim"),
    ("Jama'at Nusrat al-Islam wal-Muslimin claimed it.", "Jama'at Nusrat al-Islam wal-Muslimin", "jnim"),
    ("Jama’at Nasr al-Islam wal Muslimin (JNIM) struck.", "Jama’at Nasr al-Islam wal Muslimin", "jnim"),
    ("Malian soldiers repelled the attack.", "Malian soldiers", "fama"),
    ("Burkinabe troops arrived.", "Burkinabe troops", "burkina-faso-army"),
    ("Russian mercenaries were ambushed.", "Russian mercenaries", "wagner-group"),
    ("Suspected jihadists attacked the village.", "Suspected jihadists", "jihadists-unidentified"),
    ("Colonel Assimi Goïta spoke.", "Assimi Goïta", "assimi-goita"),
    ("MINUSMA condemned the attack.", "MINUSMA", "minusma"),
])
def test_actor_ruler_links_spellings(nlp, text, mention, actor):
    found = actors_in(nlp, text)
    assert any(m.endswith(mention) or mention in m for m, _ in found), found
    assert f"actor:{actor}" in {kb for _, kb in found}


def test_actor_ruler_acronyms_are_case_sensitive(nlp):
    assert actors_in(nlp, "Their aes and cma were fine.") == []


def test_actor_lexicon_ids_are_codebook_slugs():
    kb = ActorKB.from_dir()
    assert len(kb.records) >= 80
    for record in kb.records.values():
        assert record.id == slug(record.name)
        assert record.parent is None or record.parent in kb.records


def test_actor_lexicon_has_codebook_canonical_names():
    names = {r.name for r in ActorKB.from_dir().records.values()}
    for name in ["JNIM", "Katiba Macina", "IS Sahel", "FAMa", "Wagner Group", "Africa Corps",
                 "MINUSMA", "CSP-DPA", "jihadists (unidentified)", "gunmen (unidentified)", "bandits"]:
        assert name in names
