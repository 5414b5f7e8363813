"""The message catalogue: every message carries its code, and every code is used."""

from __future__ import annotations

import re
from pathlib import Path

from sahelnlp.errors import Errors, Warnings

SOURCE = Path(__file__).resolve().parents[1] / "src" / "sahelnlp"


def _codes(catalogue) -> list[str]:
    return [name for name in vars(catalogue) if re.fullmatch(r"[EW]\d{3}", name)]


def test_messages_come_with_their_code():
    assert Errors.E040.startswith("[E040] ") and Warnings.W001.startswith("[W001] ")
    assert Errors.E040.format(where="x.txt") == "[E040] x.txt: no such file or directory. Check the path."


def test_every_code_is_used_somewhere():
    code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py") if p.name != "errors.py")
    for catalogue in (Errors, Warnings):
        unused = [c for c in _codes(catalogue) if f"{catalogue.__name__}.{c}" not in code]
        assert unused == [], unused
