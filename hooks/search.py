"""Search hook: one small search index per language, loaded by the reader's
browser only when they start typing in the search box.

Events: on_pre_build (start an empty index for the language being built),
on_page_content (add the page's address, title and plain text), on_post_build
(write search/<lang>.json at the site root: search/lv.json and
search/en.json). Reads each page's rendered HTML; writes
only those files.

Why not Material's own search: its bundle fetches one search_index.json
with both languages on every page load (the i18n plugin merges them), lunr
has no Latvian and folds no diacritics. overrides/assets/javascripts/search.js
(about a hundred lines, no library) loads this language's file on the first
keystroke and folds diacritics of index and query alike. Folding happens in
the browser so the index keeps the text as written, for the result excerpts.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from published import building_language

INDEX_PATH = "search/{lang}.json"
# Page parts that are not the page's own text (the h1 is the title, which
# the index holds on its own).
SKIPPED_TAGS = {"script", "style", "template", "svg", "h1"}

_entries: dict[str, list[dict[str, str]]] = {}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(content: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(content)
    # Thousands in amounts are joined by no-break spaces: keep them, the
    # browser script treats them as spaces when it matches.
    return re.sub(r"[ \t\r\n]+", " ", " ".join(extractor.parts)).strip()


def on_pre_build(config: MkDocsConfig) -> None:
    _entries[building_language(config)] = []


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = page.file.locale
    # Titles of generated pages arrive HTML-escaped (hooks/pages.py).
    title = html.unescape(re.sub(r"<[^>]+>", "", page.title or ""))
    text = plain_text(content)
    _entries.setdefault(lang, []).append({"location": page.url, "title": title, "text": text})
    return content


def on_post_build(config: MkDocsConfig) -> None:
    lang = building_language(config)
    target = Path(config.site_dir) / INDEX_PATH.format(lang=lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = sorted(_entries.get(lang, []), key=lambda entry: entry["location"])
    target.write_text(json.dumps({"lang": lang, "docs": entries}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
