"""Remove from a built site the files no reader's browser ever loads.

Material copies its whole assets folder into every site: source maps (only
a developer's browser tools ask for them, ~1.3 MB) and lunr.js language
packs for ~30 languages (~0.9 MB). The search worker loads only the packs
named in a search index's `config.lang` (Material's worker code:
`lunr.<lang>.min.js` for each language other than English,
`lunr.multi.min.js` for several languages, `lunr.stemmer.support.min.js`
when it loads any of them, `tinyseg.js` for Japanese, `wordcut.js` for
Hindi and Thai); those are kept, whichever search index names them.

Called by scripts/build.py after every build; `make bench` reports what it
removed.
"""

from __future__ import annotations

import json
from pathlib import Path

LUNR_DIR = Path("assets") / "javascripts" / "lunr"


def search_languages(site: Path) -> set[str]:
    """Every language named in the `config.lang` of a search index in `site`."""
    languages: set[str] = set()
    for path in site.rglob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("config"), dict):
            languages.update(data["config"].get("lang") or [])
    return languages


def lunr_files_loaded(languages: set[str]) -> set[str]:
    """Paths below assets/javascripts/lunr/ that the search worker loads."""
    loaded = set()
    for lang in languages:
        if lang == "ja":
            loaded.add("tinyseg.js")
        if lang in ("hi", "th"):
            loaded.add("wordcut.js")
        if lang != "en":
            loaded.add(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        loaded.add("min/lunr.multi.min.js")
    if loaded:
        loaded.add("min/lunr.stemmer.support.min.js")
    return loaded


def unloaded_files(site: Path) -> list[Path]:
    """Source maps and the lunr files the search worker never loads."""
    unused = [path for path in site.rglob("*.map") if path.is_file()]
    lunr = site / LUNR_DIR
    if lunr.is_dir():
        loaded = lunr_files_loaded(search_languages(site))
        unused += [path for path in lunr.rglob("*") if path.is_file() and path.relative_to(lunr).as_posix() not in loaded]
    return sorted(unused)


def drop_unloaded_files(site: Path) -> list[Path]:
    removed = unloaded_files(site)
    for path in removed:
        path.unlink()
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed
