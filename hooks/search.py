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
(no library) loads this language's file on the first
keystroke and folds diacritics of index and query alike. Folding happens in
the browser so the index keeps the text as written, for the result excerpts.

A page whose front matter says `search: {exclude: true}` (Material's way of
saying it) is left out: the whole record on one page (docs/<lang>/record.md),
which repeats every other page.

Pages that list records (the timeline, the documents, the results) say
`search_sections: true` in their front matter: each of their headings with
an id (an event, a document, a result) is then also an entry of its own,
whose address leads to that heading, so a search for one event lands on it.
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

from helpers.published import building_language

INDEX_PATH = "search/{lang}.json"
# Page parts that are not the page's own text: the h1 is the title, which
# the index holds on its own; <sup> holds only citation marks ("[1]"), whose
# sources the page's "Sources" list names in words.
SKIPPED_TAGS = {"script", "style", "template", "svg", "h1", "sup"}
# Headings that start a record on pages with `search_sections: true`.
SECTION_HEADINGS = {"h2", "h3"}

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


class _SectionExtractor(_TextExtractor):
    """The text under each h2/h3 heading that has an id: [(id, title, text)]."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[tuple[str, list[str], list[str]]] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        super().handle_starttag(tag, attrs)
        anchor = dict(attrs).get("id")
        if tag in SECTION_HEADINGS and anchor:
            self.sections.append((anchor, [], []))
            self._in_heading = True

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if tag in SECTION_HEADINGS:
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._skipping or not self.sections:
            return
        _, title, text = self.sections[-1]
        (title if self._in_heading else text).append(data)


def _squeeze(parts: list[str]) -> str:
    return re.sub(r"[ \t\r\n]+", " ", " ".join(parts)).strip()


def sections(content: str) -> list[dict[str, str]]:
    """{anchor, title, text} of each heading with an id that has text under it."""
    extractor = _SectionExtractor()
    extractor.feed(content)
    found = [{"anchor": anchor, "title": _squeeze(title), "text": _squeeze(text)} for anchor, title, text in extractor.sections]
    return [section for section in found if section["text"]]


def plain_text(content: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(content)
    # Thousands in amounts are joined by no-break spaces: keep them, the
    # browser script treats them as spaces when it matches.
    return re.sub(r"[ \t\r\n]+", " ", " ".join(extractor.parts)).strip()


def on_pre_build(config: MkDocsConfig) -> None:
    _entries[building_language(config)] = []


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if (page.meta.get("search") or {}).get("exclude"):
        return content  # the whole record on one page: its pages are entries of their own
    lang = page.file.locale
    # Titles of generated pages arrive HTML-escaped (hooks/pages.py).
    title = html.unescape(re.sub(r"<[^>]+>", "", page.title or ""))
    text = plain_text(content)
    _entries.setdefault(lang, []).append({"location": page.url, "title": title, "text": text})
    if page.meta.get("search_sections"):
        for section in sections(content):
            _entries[lang].append({"location": f"{page.url}#{section['anchor']}", "title": section["title"], "text": section["text"]})
    return content


def on_post_build(config: MkDocsConfig) -> None:
    lang = building_language(config)
    target = Path(config.site_dir) / INDEX_PATH.format(lang=lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = sorted(_entries.get(lang, []), key=lambda entry: entry["location"])
    target.write_text(json.dumps({"lang": lang, "docs": entries}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
