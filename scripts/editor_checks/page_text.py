"""What a reader reads on one built page: its text, not its HTML.

`read(html)` parses a page of the built site with the standard library's
html.parser and returns
- its title (the first <h1>, or else <title>) and the description search
  engines show (<meta name="description">);
- `content`: the text of the page's own content, its <article> (the main
  content of every page of the theme; <main> or <body> on a page without
  one, such as a redirect page), one string per block a reader reads as a
  unit: a paragraph, a heading, a list item, a table cell, a caption;
- `frame`: the text around it, the same on many pages: the header, the
  navigation, the funding block and the footer;
- `redirect`: for a page that only sends readers on to another address
  (hooks/redirects.py writes them), the absolute address it names.

Left out, as a reader never reads them as text: scripts, styles, SVG
icons, <template>, the numbered citation marks (<sup class="cite">: they
renumber whenever a page cites one more source; the page's "Sources" list
says what it cites) and every element marked `data-volatile`, which a
template sets on what changes with every build by design (an edition line
naming the date and commit of the build). Whitespace is collapsed, as a
browser does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose text a reader reads as one unit.
BLOCKS = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "figcaption",
    "blockquote", "pre", "summary", "address", "div", "section", "aside", "nav", "header", "footer",
    "main", "article", "ul", "ol", "dl", "table", "tr", "figure", "details", "form", "label", "button",
}
# Elements without text for a reader.
SKIPPED = {"script", "style", "svg", "template", "noscript", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPACE = re.compile(r"\s+")


HEADINGS = {"h2", "h3", "h4", "h5", "h6"}


@dataclass
class PageText:
    title: str = ""
    description: str = ""
    content: list[str] = field(default_factory=list)
    # For each block of content: the heading (h2–h6) it stands under, "" for
    # none and for a heading itself.
    sections: list[str] = field(default_factory=list)
    frame: list[str] = field(default_factory=list)
    redirect: str | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.stack: list[tuple[str, bool]] = []  # (tag, whether it hides its text)
        self.hidden = 0  # depth of elements whose text is left out
        self.where: list[str] = []  # "content" or "frame", by the open article/main
        self.buffer: list[str] = []
        self.blocks: dict[str, list[str]] = {"content": [], "frame": []}
        self.has_article = False
        self.in_title = False
        self.title_parts: list[str] = []
        self.h1: list[str] | None = None
        self.h1_done = False
        self.main_blocks: list[str] = []
        self.in_main = 0
        self.refresh = False
        self.heading = ""
        self.sections: list[str] = []
        self.canonical: str | None = None

    # -- where the text goes -------------------------------------------------

    def _part(self) -> str:
        return self.where[-1] if self.where else "frame"

    def _flush(self) -> None:
        text = SPACE.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if not text:
            return
        part = self._part()
        self.blocks[part].append(text)
        if self.in_main:
            self.main_blocks.append(text)
        if part == "content":
            block = next((tag for tag, _ in reversed(self.stack) if tag in BLOCKS), "")
            if block in HEADINGS:
                self.heading = text
                self.sections.append("")
            else:
                self.sections.append(self.heading)

    # -- the parser's events -------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta":
            if (attributes.get("name") or "").lower() == "description":
                self.page.description = SPACE.sub(" ", attributes.get("content") or "").strip()
            if (attributes.get("http-equiv") or "").lower() == "refresh":
                self.refresh = True
            return
        if tag == "link" and (attributes.get("rel") or "").lower() == "canonical":
            self.canonical = attributes.get("href")
            return
        if tag in VOID:
            if tag == "br" and not self.hidden:
                self.buffer.append(" ")
            return
        hides = (tag in SKIPPED or "data-volatile" in attributes
                 or (tag == "sup" and "cite" in (attributes.get("class") or "").split()))
        if tag == "title":
            self.in_title = True
        if tag in BLOCKS and not self.hidden:
            self._flush()
        self.stack.append((tag, hides))
        if hides:
            self.hidden += 1
        if tag == "article":
            self.has_article = True
            self.where.append("content")
        if tag == "main":
            self.in_main += 1
        if tag == "h1" and not self.h1_done and not self.hidden:
            self.h1 = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, hides = self.stack[-1]
            if open_tag in BLOCKS and not self.hidden:
                self._flush()
            self.stack.pop()
            if hides:
                self.hidden -= 1
            if open_tag == "article" and self.where:
                self.where.pop()
            if open_tag == "main":
                self.in_main -= 1
            if open_tag == "h1" and self.h1 is not None:
                self.page.title = SPACE.sub(" ", "".join(self.h1)).strip()
                self.h1, self.h1_done = None, True
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.hidden:
            return
        self.buffer.append(data)
        if self.h1 is not None:
            self.h1.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def read(html: str) -> PageText:
    """The text of one page of the built site."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    page = reader.page
    if reader.has_article:
        page.content, page.frame = reader.blocks["content"], reader.blocks["frame"]
        page.sections = reader.sections
    elif reader.main_blocks:
        page.content = reader.main_blocks
        page.frame = [block for block in reader.blocks["frame"] if block not in reader.main_blocks]
    else:
        page.content, page.frame = reader.blocks["frame"], []
    if len(page.sections) != len(page.content):
        page.sections = [""] * len(page.content)
    if not page.title:
        page.title = SPACE.sub(" ", "".join(reader.title_parts)).strip()
    if reader.refresh and reader.canonical:
        page.redirect = reader.canonical
    return page
