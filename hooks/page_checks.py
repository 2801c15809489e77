"""Page checks hook: every mistake in docs/ becomes one line naming file and line.

Events: on_config (check the page sources — a twin in the other language,
title and description in the front matter, the same explicit heading ids in
both languages — and stop the build with one line per mistake; make the
macros plugin's errors and MkDocs' link and navigation warnings name the
source file and line and say how to fix them). Reads docs/; writes
nothing. scripts/check.py runs `check_sources` without a build.

Why our own code: MkDocs names a broken link's page but not its line, the
macros plugin prints a Markdown block with a traceback, and neither checks
that a page has its translation. The wording is rewritten here, once, so
that `make serve`, `make check` and `make build` say the same thing.
"""

from __future__ import annotations

import logging
import posixpath
import re
import traceback
from pathlib import Path

import jinja2
import mkdocs_macros.plugin
import yaml
from markdown.extensions.toc import slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

LANGUAGES = {"lv": "Latvian", "en": "English"}
OTHER = {"lv": "en", "en": "lv"}
IMAGE = re.compile(r"\.(png|jpe?g|gif|svg|webp|avif)$", re.I)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$", re.M)
EXPLICIT_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
ANCHOR_LINK = re.compile(r"\]\(\s*<?([^)\s>#]*\.md)?#([^)\s>]+)>?\s*\)")


# --- Checks of the sources, without a build ---------------------------------

def check_sources(root: Path) -> list[str]:
    """Every mistake in docs/<lang>/*.md a build cannot see, one line each."""
    docs = root / "docs"
    pages = {lang: {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")} for lang in LANGUAGES}
    errors: list[str] = []
    for lang, other in OTHER.items():
        for page in sorted(pages[lang] - pages[other]):
            errors.append(
                f"docs/{lang}/{page}:1: this page has no {LANGUAGES[other]} twin docs/{other}/{page}: "
                f"add the {LANGUAGES[other]} page at exactly that path, or delete this one too."
            )
    for lang in LANGUAGES:
        for page in sorted(pages[lang]):
            errors += _check_front_matter(docs, f"{lang}/{page}")
    for page in sorted(pages["lv"] & pages["en"]):
        errors += _check_heading_ids(docs, page)
    return errors


def _check_front_matter(docs: Path, src: str) -> list[str]:
    text = (docs / src).read_text(encoding="utf-8")
    shown = f"docs/{src}"
    match = FRONT_MATTER.match(text)
    if not match:
        return [f"{shown}:1: the page has no front matter: start it with the lines ---, title: …, description: …, --- (see any other page)."]
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        return [f"{shown}:{line}: YAML syntax error in the front matter ({error.problem or error.context}): put a text that contains a colon in quotes (\"…\")."]
    if not isinstance(meta, dict):
        return [f"{shown}:2: the front matter must be key: value lines (title: …, description: …)."]
    errors = []
    for key, what in (("title", "the page title, shown in the browser tab and the navigation"),
                      ("description", "one sentence for search engines and link previews")):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            state = "is empty" if key in meta else "is missing"
            errors.append(f"{shown}:2: the front matter's {key} {state}: add a line \"{key}: …\" ({what}) between the --- lines.")
    return errors


def _explicit_ids(text: str) -> dict[str, int]:
    ids = {}
    for match in HEADING.finditer(text):
        found = EXPLICIT_ID.search(match.group(1))
        if found:
            ids.setdefault(found.group(1), text.count("\n", 0, match.start()) + 1)
    return ids


def _check_heading_ids(docs: Path, page: str) -> list[str]:
    """Explicit heading ids ({#id}) are the anchors other pages link to: the
    same ids in both languages, so one link works in both."""
    ids = {lang: _explicit_ids((docs / lang / page).read_text(encoding="utf-8")) for lang in LANGUAGES}
    errors = []
    for lang, other in OTHER.items():
        for anchor, line in sorted(ids[lang].items()):
            if anchor not in ids[other]:
                errors.append(
                    f"docs/{other}/{page}:1: the heading id #{anchor} (docs/{lang}/{page}:{line}) is missing here: "
                    f"add {{#{anchor}}} at the end of the matching heading, so links to it work in both languages."
                )
    # A link to a heading's automatic id breaks when its wording changes and
    # differs between languages: such headings need an explicit id.
    for lang in LANGUAGES:
        text = (docs / lang / page).read_text(encoding="utf-8")
        for match in ANCHOR_LINK.finditer(text):
            target_page, anchor = match.group(1), match.group(2)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), target_page)) if target_page else page
            target_file = docs / lang / target
            if not target_file.is_file():
                continue
            target_text = target_file.read_text(encoding="utf-8")
            slugs = {slugify(EXPLICIT_ID.sub("", h), "-") for h in HEADING.findall(target_text)}
            if anchor not in _explicit_ids(target_text) and anchor in slugs:
                line = text.count("\n", 0, match.start()) + 1
                errors.append(
                    f"docs/{lang}/{page}:{line}: the link to #{anchor} uses a heading's automatic id, which changes with its wording: "
                    f"give the heading an explicit id, {{#{anchor}}} at its end, in docs/{lang}/{target} and docs/{OTHER[lang]}/{target}."
                )
    return errors


@event_priority(90)  # after hooks/data.py, before the macros plugin renders anything
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    errors = check_sources(root)
    if errors:
        raise PluginError("Mistakes in docs/ (nothing was published):\n" + "\n".join(errors))
    _EditorMessages.install(root, Path(config.docs_dir))
    mkdocs_macros.plugin.format_error = _macro_error(root, Path(config.docs_dir), config)
    return config


# --- Errors of the macros plugin -----------------------------------------------

def _macro_error(root: Path, docs_dir: Path, config: MkDocsConfig):
    """Replaces the macros plugin's error report (a Markdown block with a
    traceback, then exit) with one line, raised as a build error so that
    `mkdocs serve` keeps running and shows it. mkdocs-macros-plugin 1.5.0
    calls its module's `format_error` on every error of a page; the
    corpus tests (tests/mistakes/) fail if a new version stops doing so."""

    def format_error(error: Exception, markdown: str, page: Page) -> str:
        src = page.file.src_uri
        shown = _shown(root, docs_dir, src)
        line = _template_line(error)
        if line is not None:
            line += _front_matter_lines(docs_dir / src, markdown)
        where = f"{shown}:{line}" if line else shown
        if isinstance(error, jinja2.TemplateSyntaxError):
            raise PluginError(
                f"{where}: template syntax error ({error.message}): check the {{{{ … }}}} or {{% … %}} on this line; "
                f"to show braces as text, wrap them in {{% raw %}}…{{% endraw %}}."
            )
        if isinstance(error, jinja2.UndefinedError):
            names = sorted(config.plugins["macros"].macros) if "macros" in config.plugins else []
            raise PluginError(
                f"{where}: {error.message.replace(' is undefined', ' is not defined')}: check the spelling; "
                f"the macros pages can use are {', '.join(names)} (see CONTRIBUTING.md)."
            )
        raise PluginError(f"{where}: a macro on this line failed: {error}.")

    return format_error


def _template_line(error: Exception) -> int | None:
    if isinstance(error, jinja2.TemplateSyntaxError) and error.name is None:
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _front_matter_lines(source: Path, markdown: str) -> int:
    """Lines MkDocs removed before the Markdown the macros see (the front
    matter and the blank lines after it)."""
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return 0
    start = text.find(markdown[:200]) if markdown else -1
    if start < 0:
        match = FRONT_MATTER.match(text)
        rest = text[match.end():] if match else text
        start = len(text) - len(rest.lstrip("\n"))
    return text.count("\n", 0, start)


def _shown(root: Path, docs_dir: Path, src: str) -> str:
    path = docs_dir / src
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


# --- MkDocs' link and navigation warnings ---------------------------------------

class _EditorMessages(logging.Filter):
    """Rewrites MkDocs' warnings about links and the navigation into lines
    naming the source file and line, with the fix. The record's level is
    kept, so --strict still fails on them."""

    LINK = re.compile(r"^Doc file '(?P<src>[^']+)' contains a link '(?P<link>[^']+)', but (?P<problem>.*)$", re.S)
    OTHER_PAGE_ANCHOR = re.compile(r"^the doc '(?P<target>[^']+)' does not contain an anchor '#(?P<anchor>[^']+)'")
    NOT_FOUND = re.compile(r"^the target(?: '(?P<target>[^']+)')? is not found among documentation files\.(?: Did you mean '(?P<suggestion>[^']*)'\?)?")
    UNRECOGNIZED = re.compile(r"^Doc file '(?P<src>[^']+)' contains an (?P<kind>unrecognized relative|absolute) link '(?P<link>[^']+)'")
    OMITTED = 'The following pages exist in the docs directory, but are not included in the "nav" configuration:'
    NAV_MISSING = re.compile(r"^A reference to '(?P<link>[^']+)' is included in the 'nav' configuration, which is not found")

    def __init__(self, root: Path, docs_dir: Path) -> None:
        super().__init__()
        self.root, self.docs_dir = root, docs_dir

    @classmethod
    def install(cls, root: Path, docs_dir: Path) -> None:
        for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
            logger = logging.getLogger(name)
            for old in [f for f in logger.filters if isinstance(f, _EditorMessages)]:
                logger.removeFilter(old)  # idempotent: once per language build
            logger.addFilter(cls(root, docs_dir))

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            try:
                rewritten = self.rewrite(record.getMessage())
            except Exception:  # a message we could not read stays as MkDocs wrote it
                rewritten = None
            if rewritten:
                record.msg, record.args = rewritten, ()
        return True

    def where(self, src: str, link: str) -> str:
        shown = _shown(self.root, self.docs_dir, src)
        try:
            lines = (self.docs_dir / src).read_text(encoding="utf-8").splitlines()
        except OSError:
            return shown
        pattern = re.compile(r"(\]\(\s*<?|(?:src|href)=[\"'])" + re.escape(link) + r"(?=[\s)\"'>])")
        for number, line in enumerate(lines, 1):
            if pattern.search(line):
                return f"{shown}:{number}"
        for number, line in enumerate(lines, 1):
            if link in line:
                return f"{shown}:{number}"
        return shown  # the link comes from a macro (data/ or overrides/content/)

    def rewrite(self, message: str) -> str | None:
        if message.startswith(self.OMITTED):
            pages = [line.strip()[2:] for line in message.splitlines()[1:] if line.strip().startswith("- ")]
            return "\n".join(
                f"{_shown(self.root, self.docs_dir, src)}:1: the page is not in the navigation: add \"{src.split('/', 1)[-1]}\" "
                f"to the nav of both languages in mkdocs.yml (plugins > i18n > languages), or to not_in_nav there."
                for src in pages
            )
        if match := self.NAV_MISSING.match(message):
            return (f"mkdocs.yml: the navigation lists \"{match['link']}\", but there is no such page: "
                    f"create docs/lv/{match['link']} and docs/en/{match['link']}, or correct the nav entry.")
        if match := self.UNRECOGNIZED.match(message):
            where, link = self.where(match["src"], match["link"]), match["link"]
            return f"{where}: the link \"{link}\" does not name a page file: link to the page's Markdown file, relative to this page (for example about.md or ../results.md#anchor)."
        match = self.LINK.match(message)
        if not match:
            return None
        src, link, problem = match["src"], match["link"], match["problem"]
        lang = src.split("/", 1)[0]
        where = self.where(src, link)
        if anchor := self.OTHER_PAGE_ANCHOR.match(problem):
            target = _shown(self.root, self.docs_dir, anchor["target"])
            return (f"{where}: broken anchor \"{link}\": {target} has no heading with the id \"{anchor['anchor']}\": "
                    f"link to an id the page has, or add {{#{anchor['anchor']}}} at the end of the heading in both languages.")
        if problem.startswith("there is no such anchor on this page"):
            return (f"{where}: broken anchor \"{link}\": this page has no heading with that id: correct it, "
                    f"or add {{#{link.lstrip('#')}}} at the end of the heading in both languages.")
        missing = self.NOT_FOUND.match(problem)
        if not missing:
            return None
        target_uri = missing["target"] or posixpath.normpath(posixpath.join(posixpath.dirname(src), link.split("#")[0]))
        hint = f" (did you mean \"{missing['suggestion']}\"?)" if missing["suggestion"] else ""
        if target_uri.split("/", 1)[0] in OTHER and target_uri.split("/", 1)[0] != lang:
            same = posixpath.relpath(OTHER[target_uri.split("/", 1)[0]] + "/" + target_uri.split("/", 1)[1], posixpath.dirname(src))
            return (f"{where}: the link \"{link}\" leads into the {LANGUAGES[OTHER[lang]]} pages: link to the page in this language "
                    f"(\"{same}\"); readers change language with the language menu.")
        if IMAGE.search(link.split("#")[0]):
            return (f"{where}: the image \"{link}\" is not there (looked for docs/{target_uri}): put the file there, "
                    f"or correct the path (relative to this page){hint}.")
        return (f"{where}: broken link \"{link}\": there is no docs/{target_uri}: correct the path "
                f"(relative to this page, to the .md file){hint}, or create the page in both languages.")
