"""The whole record on one page: its sections, made from the other pages (not a hook).

hooks/record.py calls `assemble()` in on_env, once MkDocs has rendered the
Markdown of every page of the language being built. The record is those
pages' own rendered content (`page.content`), nothing written anew, in the
navigation's reading order:

- every page of the navigation except LEFT_OUT; a navigation section's index
  page heads the section and its other pages (the generated activity and
  partner pages, all of them, in their data file's order, also the ones the
  navigation does not list past hooks/pages.py's NAV_LIMIT) follow as its
  subsections;
- each page becomes one section: its title (h1) a heading one level below
  the record's title, numbered "1.", its subsections "2.1", and its own
  headings below it, numbered "1.1", "1.1.1"; a heading that carries its own
  number (a result, an activity in the overview: "3. …") keeps it and gets
  none of the record's, and so do the headings of an index page whose
  section has pages of its own (they list those pages, which the record
  numbers) and each page's "Sources" heading (#sources);
- ids are made unique with the section's anchor ("about--goal", the section
  itself "about"), and so are the references to them (aria-labelledby, for);
  a link to "#x" on the page leads to "#about--x"; a link to a page of the
  record leads to its section (with the anchor it named); a link to anything
  else of the site (a page left out, a file) becomes its absolute address,
  so that it works in the PDF edition too.

`place_of()` says where an editor finds what a section shows (a letter
the PDF's fonts lack, an image it cannot use): the file and line of the
page's Markdown or of the data it is made from.

Own code rather than a library: it changes a few attributes of the tags of
MkDocs' HTML and keeps every other byte as MkDocs wrote it; the standard
library's HTML parser finds the tags (as hooks/csp.py and hooks/search.py
read pages), so comments and attribute values cannot be mistaken for tags.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

# The home page (the front door: its facts are the about page's, at more
# length) and the contact page (whom to ask today, not part of the record).
# Pages outside the navigation (accessibility, privacy, the record itself)
# are never in the record.
LEFT_OUT = ("index.md", "contact.md")
# The record page itself, in each language folder.
RECORD_SOURCE = "record.md"
# The heading of each page's "Sources" list (hooks/citations.py).
SOURCES_ID = "sources"
# A heading that carries its own number: "3. Pilotaktivitātes".
OWN_NUMBER = re.compile(r"^\s*\d+\.\s")
HEADING = re.compile(r"^h([1-6])$")
SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# Attributes that name ids of the same page (space-separated).
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for", "headers", "list")
# The one piece of markup the record adds to a page's content: a heading's
# number (the reading order decides it; no template knows it).
NUMBER_MARKUP = '<span class="record-number">{number}</span> '


@dataclass
class Heading:
    """A heading of a section below its title, for the table of contents."""

    anchor: str
    number: str  # "1.2", or "" for a heading that keeps its own number
    title: str  # plain text, without the record's number


@dataclass
class Section:
    """One page of the site as a section of the record."""

    source: str  # "about.md", below the language folder
    address: str  # the page's address, "en/about/"
    anchor: str  # "about", "activities-pilot-actions"
    number: str  # "1.", "2.3"
    level: int  # the heading level of its title in the record: 2, or 3 for a subsection
    title: str  # plain text
    html: str  # the page's content, rewritten
    headings: list[Heading] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    repo_path: str = ""  # the file whose last commit dates the page


@dataclass
class PdfEdition:
    """The PDF made from the record (hooks/record_pdf.py)."""

    address: str  # "record/LV-LOCALDEV-0006-lv.pdf"
    url: str  # its absolute address
    size_bytes: int
    size: str  # "148 kB", in the page's language


@dataclass
class Edition:
    """The record of one language, as its page and its PDF show it."""

    lang: str
    address: str  # of the record page, "en/record/"
    url: str  # its absolute, stable address
    title: str  # the record page's title
    sections: list[Section]  # the top-level sections, each with its subsections
    date: int | None  # Unix time of the last change of a page in it (git), or None
    commit: str | None  # the short hash of the commit built, or None without git
    date_iso: str | None = None  # the date as 2026-11-24
    date_text: str | None = None  # the date in the language: "2026. gada 24. novembris"
    pdf: PdfEdition | None = None

    def all_sections(self) -> Iterator[Section]:
        """Every section in reading order, subsections after their parent."""
        for section in self.sections:
            yield section
            yield from section.children


_editions: dict[str, Edition] = {}


def current(lang: str) -> Edition | None:
    """The record of `lang` made in this build, if it was made yet."""
    return _editions.get(lang)


def store(edition: Edition) -> None:
    _editions[edition.lang] = edition


def forget(lang: str) -> None:
    _editions.pop(lang, None)


# --- reading order -----------------------------------------------------------------


def reading_order(nav: list[Any], generated: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """[(source, [its subsections' sources])] of the record, from a language's
    `nav` (mkdocs.yml, as hooks/pages.py completed it): pages in their order,
    a section as its index page followed by its other pages; `generated`:
    folder -> every generated page of it, in data order."""
    order: list[tuple[str, list[str]]] = []

    def pages_of(items: list[Any]) -> list[str]:
        found = []
        for item in items:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    found += pages_of(value) if isinstance(value, list) else [value]
        return [page for page in found if isinstance(page, str) and page.endswith(".md")]

    for entry in nav:
        if isinstance(entry, dict) and any(isinstance(value, list) for value in entry.values()):
            pages = [page for value in entry.values() if isinstance(value, list) for page in pages_of(value)]
            head = next((page for page in pages if page.endswith("index.md")), pages[0] if pages else None)
            if head is None:
                continue
            folder = head.rsplit("/", 1)[0] if "/" in head else ""
            children = [page for page in pages if page != head]
            children += [page for page in generated.get(folder, []) if page not in children]
            order.append((head, children))
        else:
            order += [(page, []) for page in pages_of([entry])]
    return [(source, children) for source, children in order if source not in LEFT_OUT]


def anchor_of(address: str, prefix: str) -> str:
    """The section anchor of a page: "en/activities/pilot-actions/" -> "activities-pilot-actions"."""
    return address.removeprefix(prefix).strip("/").replace("/", "-") or "home"


# --- rewriting a page's content ------------------------------------------------------


@dataclass
class _Tag:
    start: int
    end: int
    name: str
    attrs: list[tuple[str, str | None]]
    closing: bool
    self_closing: bool = False


class _Tags(HTMLParser):
    """The start and end tags of an HTML fragment, with where they stand in it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.tags: list[_Tag] = []
        self._lines = [0] + [match.end() for match in re.finditer("\n", html)]
        self.feed(html)
        self.close()

    def _at(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._at()
        self.tags.append(_Tag(start, start + len(self.get_starttag_text() or ""), tag, attrs, closing=False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._at()
        self.tags.append(_Tag(start, start + len(self.get_starttag_text() or ""), tag, attrs, closing=False, self_closing=True))

    def handle_endtag(self, tag: str) -> None:
        start = self._at()
        self.tags.append(_Tag(start, self.html.index(">", start) + 1, tag, [], closing=True))


def _start_tag(tag: _Tag, attrs: list[tuple[str, str | None]], name: str | None = None) -> str:
    parts = "".join(f" {key}" if value is None else f' {key}="{html_lib.escape(value)}"' for key, value in attrs)
    return f"<{name or tag.name}{parts}{' /' if tag.self_closing else ''}>"


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, its spaces squeezed."""
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


@dataclass
class PageInRecord:
    """What rewriting one page needs to know."""

    url: str  # the page's own address ("en/about/")
    anchor: str
    number: str
    level: int  # the level of its title in the record
    numbered: bool  # are its own headings numbered?
    sections: dict[str, str]  # address of every page in the record -> its anchor
    absolute: Callable[[str], str]  # an address of the site -> its absolute URL


def rewrite(content: str, page: PageInRecord) -> tuple[str, str, list[Heading]]:
    """(the page's content as a section of the record, its title, its
    headings below the title): see the module's docstring."""
    tags = _Tags(content).tags
    out: list[str] = []
    done = 0
    headings: list[Heading] = []
    counters: list[int] = []
    title = ""
    shift = page.level - 1
    for index, tag in enumerate(tags):
        out.append(content[done:tag.start])
        done = tag.end
        heading = HEADING.match(tag.name)
        if tag.closing:
            out.append(f"</h{int(heading[1]) + shift}>" if heading else content[tag.start:tag.end])
            continue
        attrs = [(key, _rewritten(key, value, page)) for key, value in tag.attrs]
        if not heading:
            changed = attrs != tag.attrs
            out.append(_start_tag(tag, attrs) if changed else content[tag.start:tag.end])
            continue
        level = int(heading[1])
        inner = _inner(content, tags, index)
        text = plain_text(inner)
        old_id = dict(tag.attrs).get("id")
        if level == 1:
            title = text
            attrs = [(key, value) for key, value in attrs if key != "id"] + [("id", page.anchor)]
            out.append(_start_tag(tag, attrs, f"h{page.level}") + NUMBER_MARKUP.format(number=page.number))
            continue
        depth = level - 2  # 0 for the page's h2
        number = ""
        if page.numbered and old_id != SOURCES_ID and not OWN_NUMBER.match(text):
            del counters[depth + 1:]
            counters += [0] * (depth + 1 - len(counters))
            counters[depth] += 1
            number = page.number.rstrip(".") + "." + ".".join(str(n) for n in counters)
        new_anchor = dict(attrs).get("id") or ""
        if level == 2 and old_id != SOURCES_ID and (number or OWN_NUMBER.match(text)) and new_anchor:
            headings.append(Heading(new_anchor, number, text))
        out.append(_start_tag(tag, attrs, f"h{level + shift}") + (NUMBER_MARKUP.format(number=number) if number else ""))
    out.append(content[done:])
    return "".join(out), title, headings


def _inner(content: str, tags: list[_Tag], index: int) -> str:
    """The HTML between a start tag and its end tag."""
    name, depth = tags[index].name, 0
    for tag in tags[index + 1:]:
        if tag.name == name and not tag.self_closing:
            if not tag.closing:
                depth += 1
            elif depth == 0:
                return content[tags[index].end:tag.start]
            else:
                depth -= 1
    return content[tags[index].end:]


def _rewritten(key: str, value: str | None, page: PageInRecord) -> str | None:
    if value is None:
        return None
    if key == "id":
        return f"{page.anchor}--{value}"
    if key in ID_REFERENCES:
        return " ".join(f"{page.anchor}--{name}" for name in value.split())
    if key == "href":
        return _link(value, page)
    if key == "src":
        return value if SCHEME.match(value) else _absolute(value, page)[0]
    return value


def _absolute(href: str, page: PageInRecord) -> tuple[str, str]:
    """(absolute URL, fragment) of a relative link on the page."""
    parts = urlsplit(href)
    path = posixpath.normpath(posixpath.join("/" + page.url, parts.path)) if parts.path else "/" + page.url
    address = path.lstrip("/")
    if (parts.path.endswith("/") or not parts.path) and address and not address.endswith("/"):
        address += "/"
    if address == ".":
        address = ""
    query = f"?{parts.query}" if parts.query else ""
    return page.absolute(address) + query, parts.fragment


def _link(href: str, page: PageInRecord) -> str:
    if href.startswith("#"):
        return f"#{page.anchor}--{href[1:]}" if href[1:] else f"#{page.anchor}"
    if SCHEME.match(href):
        return href
    url, fragment = _absolute(href, page)
    address = _address_of(url, page)
    if address is not None and address in page.sections and "?" not in url:
        target = page.sections[address]
        return f"#{target}--{fragment}" if fragment else f"#{target}"
    return url + (f"#{fragment}" if fragment else "")


def _address_of(url: str, page: PageInRecord) -> str | None:
    base = page.absolute("")
    return url[len(base):] if url.startswith(base) else None


def place_of(needle: str, root: Path, lang: str, section: Section | None) -> str:
    """Where an editor finds `needle` (a character, a file name) that a
    section shows: "file:line" of the first line holding it in the page's
    Markdown, else in its data file, else in any data file (titles,
    interface text); else the page's file alone (the record page's for
    what no section holds)."""
    candidates: list[Path] = []
    if section is not None:
        candidates += [root / "docs" / lang / section.source, root / section.repo_path]
    candidates += sorted((root / "data").rglob("*.yml"))
    for path in candidates:
        if path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if needle in line:
                    return f"{path.relative_to(root).as_posix()}:{number}"
    if section is None:
        return f"docs/{lang}/{RECORD_SOURCE}"
    return f"docs/{lang}/{section.source}" if (root / "docs" / lang / section.source).is_file() else section.repo_path


def pdf_source(project_number: str, lang: str) -> str:
    """The PDF edition's path below a language folder, beside the record page
    (its address, and so never to change): "record/LV-LOCALDEV-0006-lv.pdf"."""
    return f"{RECORD_SOURCE.removesuffix('.md')}/{project_number}-{lang}.pdf"
