"""Remove from a built site the files no reader's browser ever loads.

Material copies its whole assets folder into every site: source maps (only
a developer's browser tools ask for them, ~1.3 MB) and its search: a web
worker and lunr.js with language packs for ~30 languages (~0.9 MB). This
site searches with its own script and one small index per language
(hooks/search.py), and its search box is not Material's search component, so
Material's bundle never starts that worker: while no page carries Material's
search component, all of it goes (and a search_index.json, should Material's
search plugin ever be switched on again).

Called by scripts/build.py after every build; `make bench` reports what it
removed.
"""

from __future__ import annotations

from pathlib import Path

LUNR_DIR = Path("assets") / "javascripts" / "lunr"
WORKERS_DIR = Path("assets") / "javascripts" / "workers"
MATERIAL_SEARCH_INDEX = Path("search") / "search_index.json"
# What Material's bundle looks for to mount its search (and start its worker).
MATERIAL_SEARCH_COMPONENT = 'data-md-component="search"'


def material_search_used(site: Path) -> bool:
    return any(MATERIAL_SEARCH_COMPONENT in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))


def unreferenced_theme_files(site: Path) -> list[Path]:
    """Stylesheets and scripts at the top of assets/ that no page names (the
    palette stylesheet of a theme without a palette, say)."""
    pages = "".join(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    candidates = [*(site / "assets" / "stylesheets").glob("*.css"), *(site / "assets" / "javascripts").glob("*.js")]
    return [path for path in candidates if path.name not in pages]


def unloaded_files(site: Path) -> list[Path]:
    """Source maps, theme files no page names, and Material's search files
    while no page uses them."""
    unused = [path for path in site.rglob("*.map") if path.is_file()]
    unused += unreferenced_theme_files(site)
    if not material_search_used(site):
        for folder in (LUNR_DIR, WORKERS_DIR):
            unused += [path for path in (site / folder).rglob("*") if path.is_file() and path.suffix != ".map"]
        if (site / MATERIAL_SEARCH_INDEX).is_file():
            unused.append(site / MATERIAL_SEARCH_INDEX)
    return sorted(set(unused))


def drop_unloaded_files(site: Path) -> list[Path]:
    removed = unloaded_files(site)
    for path in removed:
        path.unlink()
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed
