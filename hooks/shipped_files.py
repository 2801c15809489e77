"""Shipped files hook: leaves out of the site the theme files no reader's
browser ever loads.

Events: on_files (after the theme's files were added, so in `mkdocs build`,
`mkdocs serve` and `make build` alike, and in every language build). Reads
the configuration and overrides/main.html; removes files from the build's
Files (the public `Files.remove`), writes nothing.

Material copies its whole assets folder into every site. Left out here:
- source maps (`*.map`, ~1.3 MB): only a developer's browser tools ask for them;
- Material's search worker and lunr.js with its ~30 language packs (~0.9 MB)
  while Material's search plugin is not configured: nothing starts the worker
  (this site searches with its own script, hooks/search.py);
- the palette stylesheet while `theme.palette` is not set: Material's
  base.html links it only when it is;
- Material's JavaScript bundle while overrides/main.html replaces the
  `scripts` block without calling super(): no page names it;
- overrides/pdf/, the PDF edition's stylesheet and fonts (and its template,
  which MkDocs never copies): WeasyPrint reads them from the theme folder
  while the build makes the PDF (hooks/record_pdf.py), which embeds what
  it uses; no reader's browser loads them. They live in the theme folder
  with the other templates and styles, so `mkdocs serve` rebuilds when
  they change.

tests/test_build.py proves every file a page names is shipped and every
shipped asset is named by a page.
"""

from __future__ import annotations

import fnmatch
import functools
from pathlib import Path

import jinja2
from jinja2 import nodes
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

MATERIAL_SEARCH_PLUGINS = ("search", "material/search")
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/*", "assets/javascripts/workers/*")
MATERIAL_PALETTE = "assets/stylesheets/palette.*.min.css"
MATERIAL_BUNDLE = "assets/javascripts/bundle.*.min.js"
PDF_EDITION = "pdf/*"  # overrides/pdf/


def left_out_patterns(config: MkDocsConfig) -> list[str]:
    """The theme paths (fnmatch patterns) that no page of this configuration loads."""
    patterns = ["*.map", PDF_EDITION]
    if not any(name in config.plugins for name in MATERIAL_SEARCH_PLUGINS):
        patterns += MATERIAL_SEARCH_FILES
    if not config.theme.get("palette"):
        patterns.append(MATERIAL_PALETTE)
    if block_replaced(config, "main.html", "scripts"):
        patterns.append(MATERIAL_BUNDLE)
    return patterns


def block_replaced(config: MkDocsConfig, template: str, block: str) -> bool:
    """Does the override of `template` define `block` without calling super()?"""
    if not config.theme.custom_dir:
        return False
    path = Path(config.theme.custom_dir) / template
    return path.is_file() and _replaced(str(path), path.stat().st_mtime_ns, block)


@functools.lru_cache(maxsize=8)  # both language builds, every serve rebuild
def _replaced(path: str, mtime_ns: int, block: str) -> bool:
    tree = jinja2.Environment().parse(Path(path).read_text(encoding="utf-8"))
    for found in tree.find_all(nodes.Block):
        if found.name == block:
            return not any(isinstance(call.node, nodes.Name) and call.node.name == "super" for call in found.find_all(nodes.Call))
    return False


def on_files(files: Files, config: MkDocsConfig) -> Files:
    patterns = left_out_patterns(config)
    theme_dirs = set(config.theme.dirs)  # never an editor's file from docs/
    for file in list(files):
        if file.src_dir in theme_dirs and any(fnmatch.fnmatchcase(file.src_uri, pattern) for pattern in patterns):
            files.remove(file)
    return files
