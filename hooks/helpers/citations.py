"""Numbered citations of the source registry, counted page by page (not a hook).

A page cites the pages of data/sources.yml from its Markdown with the macro
{{ cite("retv-mid-term") }} (hooks/macros.py), and through the data items it
shows, whose `sources` the templates of overrides/content/ cite
(hooks/helpers/render.py gives them `cite`). Each source takes the number of
its first citation on the page. hooks/citations.py starts each page's count
before the page is read and, once the macros have run, writes the page's
"Sources" list from what it cited, in that order: a source is listed where
it is cited and nowhere else.

Pages are known by their source path with the language folder
("lv/about.md"), as MkDocs names them.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

# cite("a", "b") in a page's Markdown: the ids a static check can read.
CITE_CALL = re.compile(r"\bcite\(\s*(?P<args>[^)]*)\)")
QUOTED = re.compile(r"""["']([^"']*)["']""")

_cited: dict[str, list[str]] = {}


def start(page: str) -> None:
    """Begin a page's count (again: a rebuild reads every page anew)."""
    _cited[page] = []


def cite(page: str, ids: Iterable[str], registry: dict[str, Any]) -> list[int]:
    """The numbers of these sources on the page, numbering new ones in turn;
    ValueError for an id the registry lacks."""
    numbers = []
    order = _cited.setdefault(page, [])
    for source_id in ids:
        if source_id not in registry:
            raise ValueError(unknown(source_id, registry))
        if source_id not in order:
            order.append(source_id)
        numbers.append(order.index(source_id) + 1)
    return numbers


def cited(page: str) -> list[str]:
    """The ids a page cited, in the order of their numbers."""
    return list(_cited.get(page, ()))


def unknown(source_id: str, registry: dict[str, Any]) -> str:
    close = difflib.get_close_matches(source_id, list(registry), n=1)
    hint = f'did you mean "{close[0]}"? Otherwise ' if close else ""
    return f'unknown source "{source_id}": {hint}use the id of a source in data/sources.yml, or register the page there first'


def calls(text: str) -> list[tuple[int, str]]:
    """(line, id) of every id a page's Markdown cites with cite("…")."""
    found = []
    for match in CITE_CALL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found += [(line, quoted.group(1)) for quoted in QUOTED.finditer(match["args"])]
    return found
