"""The text an editor wrote, each piece with its file, line and column.

What the spelling and figures checks read:
- a Markdown page (docs/<lang>/**/*.md): the values of the front matter's
  title and description, and the body, with code, Jinja expressions, HTML
  tags and comments, link targets and attribute lists ({#id}, { hreflang=lv })
  blanked out. Blanking replaces characters by spaces, so an offset into the
  result is an offset into the file, and names its line and column;
- a data text: every bilingual field {lv: …, en: …} of data/*.yml, and each
  interface text of data/ui/lv.yml with its twin in data/ui/en.yml.

A part of a page in another language is marked as HTML does it,
<span lang="lv">…</span>: its words are checked against that language.
A deliberate difference of figures between the languages is declared where
it occurs: <!-- differs: … --> on the line in Markdown, # differs: … at the
end of the field's line in YAML.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))

from helpers import published  # noqa: E402,F401  (the site model, for changes.py)
from helpers import schema  # noqa: E402  (what an item of each data list is called)
from helpers import sitedata  # noqa: E402  (YAML with the position of every value)
from helpers import typography  # noqa: E402,F401  (each language's locale)
from babel import Locale  # noqa: E402

# The two languages of every text (data/ holds {lv: …, en: …}), and how
# messages, written in English, name them: {"lv": "Latvian", "en": "English"}.
LANGUAGES = {code: Locale.parse(code).get_display_name("en") for code in sitedata.LANGUAGES}
OTHER = {code: next(other for other in LANGUAGES if other != code) for code in LANGUAGES}
PROSE_KEYS = ("title", "description")  # front-matter values that readers see as text

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
FRONT_MATTER_LINE = re.compile(r"^(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.S)
# ](target) and ](target "title"); a target may hold a Jinja expression.
LINK_TARGET = re.compile(r"\]\((?P<target><[^>\n]*>|(?:\{\{.*?\}\}|[^()\s]|\([^()\s]*\))*)(?:[ \t]+\"[^\"\n]*\")?\)")
REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?P<target>\S+).*$", re.M)
ATTR_LIST = re.compile(r"\{:?[ \t]*[#.\w][^{}\n]*\}")
HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
AUTOLINK = re.compile(r"<(?P<target>(?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s]+)>")
LANG_PART = re.compile(r"<(?P<tag>span|q|i|em|cite|abbr)\b[^<>]*\blang=\"(?P<lang>[A-Za-z]{2,3})(?:-[A-Za-z]+)?\"[^<>]*>(?P<body>.*?)</(?P=tag)>", re.S)
ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+", re.M)
ENTITY = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
MARKER_MD = re.compile(r"^\s*differs:(?P<text>.*)$", re.S)
MARKER_YAML = re.compile(r"(?:^|\s)(?P<hash>#)\s*differs:(?P<text>.*)$")
EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]\"'`]*[^\s<>()\[\]\"'`.,;:!?]")
# A bare domain in the text ("eeagrants.lv", "www.lps.lv"): lowercase, with
# one of these endings, so that "e.g." or "mkdocs.yml" are not read as one.
DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:lv|no|org|com|net|eu|int|gov|edu|info|io|fi|pl|ee|lt|se|dk|is|de|uk)\b"
    r"(?:/[^\s<>()\[\]\"'`]*[^\s<>()\[\]\"'`.,;:!?])?"
)
PLACEHOLDER = re.compile(r"\{[\w.]+\}")  # {number} in interface texts


def blank(text: str, start: int, end: int) -> str:
    """text with [start, end) replaced by spaces (line breaks kept)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def blank_all(text: str, pattern: re.Pattern, group: str | int = 0) -> str:
    pieces, last = [], 0
    for match in pattern.finditer(text):
        start, end = match.span(group)
        if start < 0:
            continue
        pieces += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    return "".join(pieces) + text[last:]


@dataclass
class Source:
    """A file's text as read, and where an offset into it is."""

    shown: str  # the path messages name: docs/lv/about.md, data/activities.yml
    text: str
    _starts: list[int] = field(default_factory=list, repr=False)

    def where(self, offset: int) -> tuple[int, int]:
        """(line, column), both from 1, of an offset."""
        if not self._starts:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        self.where(0)
        return self._starts[min(line, len(self._starts)) - 1] + column - 1


@dataclass(frozen=True)
class Marker:
    """A declared difference: <!-- differs: … --> or # differs: …"""

    source: Source
    offset: int
    text: str

    @property
    def line(self) -> int:
        return self.source.where(self.offset)[0]


@dataclass
class Page:
    """One Markdown page in one language."""

    source: Source
    lang: str
    page: str  # the path below the language folder: about.md
    text: str  # the file's text with all but what a reader reads blanked (web and e-mail addresses kept)
    links: list[tuple[int, str]]  # (offset, target) of every link and image
    template_dates: list[tuple[int, str]]  # ISO dates written inside {{ … }}
    parts: list[tuple[int, int, str]]  # (start, end, language) of <span lang="…">
    markers: list[Marker]

    def lang_at(self, offset: int) -> str:
        for start, end, lang in self.parts:
            if start <= offset < end:
                return lang
        return self.lang


@dataclass
class DataText:
    """One language of one data text."""

    source: Source
    label: str  # 'activity "study-visits": ' (empty for top-level fields)
    field: str  # title, summary.lv is field + "." + lang
    lang: str
    value: str
    start: int  # offset of the value in the file
    end: int  # where the next value of the file starts
    markers: list[Marker]
    path: tuple = ()  # where in the document: ("activities", ("id", "study-visits"), "title")

    @property
    def name(self) -> str:
        return f"{self.field}.{self.lang}" if self.field else self.lang

    def locate(self, pieces: list[str]) -> list[int]:
        """The file offset of each piece of the value, in order (pieces as
        they appear in the value); the value's start where the file spells a
        piece differently (an escape, a line break inside it)."""
        found, cursor = [], self.start
        for piece in pieces:
            at = self.source.text.find(piece, cursor, self.end)
            if at < 0:
                found.append(self.start)
            else:
                found.append(at)
                cursor = at + len(piece)
        return found


# --- Markdown pages -------------------------------------------------------------


def pages(root: Path) -> list[Page]:
    docs = root / "docs"
    found = []
    for lang in LANGUAGES:
        for path in sorted((docs / lang).rglob("*.md")):
            found.append(read_page(root, path, lang))
    return found


def read_page(root: Path, path: Path, lang: str) -> Page:
    text = path.read_text(encoding="utf-8")
    source = Source(path.relative_to(root).as_posix(), text)
    base = _blank_front_matter(text)
    base = _blank_fences(base)
    markers = []
    for match in COMMENT.finditer(base):
        marker = MARKER_MD.match(match.group(1))
        if marker:
            markers.append(Marker(source, match.start(), marker["text"].strip()))
    base = blank_all(base, COMMENT)
    base = blank_all(base, CODE_SPAN)
    links = [(m.start("target"), m["target"].strip("<>")) for m in LINK_TARGET.finditer(base)]
    links += [(m.start("target"), m["target"]) for m in REFERENCE.finditer(base)]
    links += [(m.start("target"), m["target"]) for m in AUTOLINK.finditer(base)]
    base = blank_all(base, LINK_TARGET, "target")
    base = blank_all(base, REFERENCE, "target")
    base = blank_all(base, AUTOLINK)
    template_dates = []
    for match in JINJA.finditer(base):
        for literal in re.finditer(r"[\"'](\d{4}-\d{2}(?:-\d{2})?)[\"']", match.group(0)):
            template_dates.append((match.start() + literal.start(1), literal.group(1)))
    base = blank_all(base, JINJA)
    parts = [(m.start("body"), m.end("body"), m["lang"].lower()) for m in LANG_PART.finditer(base)]
    for pattern in (HTML_TAG, ATTR_LIST, ADMONITION, ENTITY):
        base = blank_all(base, pattern)
    page = path.relative_to(root / "docs" / lang).as_posix()
    return Page(source, lang, page, text=base, links=sorted(links),
                template_dates=template_dates, parts=parts, markers=markers)


def _blank_front_matter(text: str) -> str:
    """Only the values of title and description stay (quotes blanked)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text
    kept = []
    for line in text[: match.end()].splitlines(keepends=True):
        entry = FRONT_MATTER_LINE.match(line.rstrip("\n"))
        if entry and entry["key"] in PROSE_KEYS:
            start, end = entry.span("value")
            value = line[start:end]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                start, end = start + 1, end - 1
            kept.append(re.sub(r"[^\n]", " ", line[:start]) + line[start:end] + re.sub(r"[^\n]", " ", line[end:]))
        else:
            kept.append(re.sub(r"[^\n]", " ", line))
    return "".join(kept) + text[match.end():]


def _blank_fences(text: str) -> str:
    lines = text.splitlines(keepends=True)
    fence = None
    for number, line in enumerate(lines):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
            lines[number] = re.sub(r"[^\n]", " ", line)
            fence = None
            continue
        if fence is not None:
            lines[number] = re.sub(r"[^\n]", " ", line)
    return "".join(lines)


# --- Data texts -----------------------------------------------------------------


def data_pairs(root: Path) -> list[tuple[DataText, DataText]]:
    """(Latvian, English) of every bilingual data text. Files that do not
    parse are left out: the data check reports them."""
    pairs = []
    for name in sitedata.DATA_FILES:
        loaded = _load(root, root / "data" / f"{name}.yml")
        if loaded is None:
            continue
        source, document, positions, ends = loaded
        for where, value in _bilingual(document, ()):
            label, inside = _label(name, document, list(where))
            texts = []
            for lang in LANGUAGES:
                start = source.offset(*positions[where + (lang,)])
                end = ends.get(start, len(source.text))
                key_line = positions[where + (lang, "<key>")][0]
                texts.append(DataText(source, label, ".".join(map(str, inside)), lang, value[lang], start, end,
                                      _yaml_markers(source, key_line, end), _by_id(document, where)))
            pairs.append((texts[0], texts[1]))
    ui = {lang: _load(root, root / "data" / "ui" / f"{lang}.yml") for lang in LANGUAGES}
    if all(ui.values()):
        for key, value in ui["lv"][1].items():
            texts = []
            for lang in LANGUAGES:
                source, document, positions, ends = ui[lang]
                if not isinstance(document.get(key), str) or (key,) not in positions:
                    break
                start = source.offset(*positions[(key,)])
                end = ends.get(start, len(source.text))
                texts.append(DataText(source, "", key, lang, document[key], start, end,
                                      _yaml_markers(source, positions[(key, "<key>")][0], end)))
            if len(texts) == 2 and isinstance(value, str):
                pairs.append((texts[0], texts[1]))
    return pairs


def _load(root: Path, path: Path) -> tuple[Source, Any, dict, dict[int, int]] | None:
    shown = path.relative_to(root).as_posix()
    try:
        document, positions = sitedata.read_yaml(path, shown)
        text = path.read_text(encoding="utf-8")
    except (sitedata.DataError, OSError):
        return None
    if not isinstance(document, dict):
        return None
    source = Source(shown, text)
    starts = sorted({source.offset(*position) for position in positions.values()})
    ends = {start: end for start, end in zip(starts, starts[1:])}
    return source, document, positions, ends


def _bilingual(value: Any, where: tuple) -> Iterator[tuple[tuple, dict]]:
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES) and all(isinstance(v, str) for v in value.values()):
            yield where, value
            return
        for key, inner in value.items():
            yield from _bilingual(inner, where + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _bilingual(inner, where + (index,))


def _label(name: str, document: Any, where: list) -> tuple[str, list]:
    """('activity "study-visits": ', ["title"]): as hooks/helpers/schema.py names items."""
    lists = schema.item_lists(name)
    if len(where) >= 2 and where[0] in lists and isinstance(where[1], int):
        item = document[where[0]][where[1]]
        return f'{lists[where[0]]} "{item.get("id")}": ', where[2:]
    return "", where


def _by_id(document: Any, where: tuple) -> tuple:
    """The path with each list item that has an id named by it: ("activities", ("id", "study-visits"), "title")."""
    path, value = [], document
    for step in where:
        value = value[step]
        has_id = isinstance(step, int) and isinstance(value, dict) and isinstance(value.get("id"), str)
        path.append(("id", value["id"]) if has_id else step)
    return tuple(path)


def _yaml_markers(source: Source, key_line: int, end: int) -> list[Marker]:
    """# differs: … on the lines from the field's key to the next value."""
    markers = []
    offset = source.offset(key_line, 1)
    for line in source.text[offset:end].splitlines(keepends=True):
        match = MARKER_YAML.search(line.rstrip("\n"))
        if match:
            markers.append(Marker(source, offset + match.start("hash"), match["text"].strip()))
        offset += len(line)
    return markers
